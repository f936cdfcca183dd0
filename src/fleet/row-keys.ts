/**
 * One row per record, always. The API's `id` should be unique, but a listing
 * can repeat one (a list that shifted between pages, a server bug) or omit it,
 * and merging or dropping such a record would hide a listener. Each record
 * gets a key unique within its listing, stable from one poll to the next as
 * long as the records keep their order, and a note saying why it is not the
 * id as sent.
 */
import type {Connection} from '../api/connection.js';

/**
 * `connections` in list order, each with a unique `id` (its row key), and the
 * index by key a Snapshot carries. Returns the same objects where the key and
 * note are already right, so an unchanged poll allocates nothing here.
 */
export function keyRecords(connections: readonly Connection[]): {
	connections: Connection[];
	byId: Map<string, Connection>;
} {
	const byId = new Map<string, Connection>();
	/**
	 * Where each base key was first seen (1-based position in the listing), for the note of a repeat; built only
	 * once a repeat is met (most listings have none), from the records keyed so far.
	 */
	let firstSeenAt: Map<string, number> | undefined;
	const keyed: Connection[] = [];
	for (let index = 0; index < connections.length; index++) {
		const connection = connections[index]!;
		const position = index + 1;
		const base = baseKey(connection, position);
		let key = base;
		let note: string | null =
			connection.recordId === null ? `the record has no id; its row is keyed ${base}` : null;
		if (byId.has(key)) {
			if (!firstSeenAt) {
				firstSeenAt = new Map();
				for (let earlier = index - 1; earlier >= 0; earlier--) {
					firstSeenAt.set(baseKey(connections[earlier]!, earlier + 1), earlier + 1);
				}
			}

			for (let copy = 2; byId.has(key); copy++) {
				key = `${base}#${copy}`;
			}

			const first = firstSeenAt.get(base);
			note =
				connection.recordId === null
					? `the record has no id, and ${base} is taken; its row is keyed ${key}`
					: `id repeated: record ${position} of the listing has the id of record ${first}; its row is keyed ${key}`;
		} else {
			firstSeenAt?.set(base, position);
		}

		const result =
			connection.id === key && connection.keyNote === note ? connection : {...connection, id: key, keyNote: note};
		byId.set(key, result);
		keyed.push(result);
	}

	return {connections: keyed, byId};
}

/** The key a record asks for: its id as sent, else its machine's, else its place in the listing (1-based). */
function baseKey(connection: Connection, position: number): string {
	return connection.recordId ?? (connection.deviceId ? `device:${connection.deviceId}` : `record:${position}`);
}
