/**
 * The fleet kept sorted by record id, the API's pagination cursor, with a
 * second index by deviceId. Records are per listener, so one deviceId can hold
 * several (two `letta server` processes on one machine, a renamed listener's
 * old row); `byDeviceId` returns the first of them, as the platform's
 * GET /v1/environments/{deviceId} returns one row without saying which. A page starts with a binary search for its
 * cursor,
 * so paging a 50 000-device fleet costs the page, not the fleet.
 */

export type Indexed = {record: {id: string; deviceId: string}};

export type FleetIndex<T extends Indexed> = {
	readonly items: readonly T[];
	size(): number;
	byDeviceId(deviceId: string): T | undefined;
	/** Every record of one machine, in the order they were added. */
	allOfDevice(deviceId: string): readonly T[];
	byId(id: string): T | undefined;
	/** Position of the first item whose id is greater than `id`. */
	startAfter(id: string): number;
	add(item: T): void;
	remove(item: T): boolean;
};

export function createFleetIndex<T extends Indexed>(): FleetIndex<T> {
	const items: T[] = [];
	const devices = new Map<string, T[]>();

	// Plain `<` on purpose: ids compare by UTF-16 code units, as a database would with a binary collation.
	function firstGreater(id: string): number {
		let low = 0;
		let high = items.length;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if ((items[mid] as T).record.id > id) {
				high = mid;
			} else {
				low = mid + 1;
			}
		}

		return low;
	}

	function byId(id: string): T | undefined {
		const at = firstGreater(id) - 1;
		const item = items[at];
		return item?.record.id === id ? item : undefined;
	}

	return {
		items,
		size: () => items.length,
		byDeviceId: deviceId => devices.get(deviceId)?.[0],
		allOfDevice: deviceId => devices.get(deviceId) ?? [],
		byId,
		startAfter: firstGreater,
		add(item) {
			const {id, deviceId} = item.record;
			const last = items[items.length - 1];
			// New devices get the largest id, so this is almost always an append.
			const appending = last === undefined || last.record.id < id;
			if (!appending && byId(id)) {
				throw new Error(`Duplicate record id ${id}`);
			}

			if (appending) {
				items.push(item);
			} else {
				items.splice(firstGreater(id), 0, item);
			}

			const siblings = devices.get(deviceId);
			if (siblings) {
				siblings.push(item);
			} else {
				devices.set(deviceId, [item]);
			}
		},
		remove(item) {
			const at = firstGreater(item.record.id) - 1;
			if (items[at] !== item) {
				return false;
			}

			items.splice(at, 1);
			const siblings = devices.get(item.record.deviceId) ?? [];
			const rest = siblings.filter(sibling => sibling !== item);
			if (rest.length === 0) {
				devices.delete(item.record.deviceId);
			} else {
				devices.set(item.record.deviceId, rest);
			}

			return true;
		},
	};
}
