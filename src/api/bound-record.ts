/**
 * Holds one raw record to RECORD_LIMITS (record-limits.ts), without recursion:
 * both walks keep their own stack, so no nesting a server sends can overflow
 * the call stack. A record past a limit is kept, its oversized parts cut and
 * marked, and a line for each kind of cut goes to its `problems`.
 */
import {cutString, DEPTH_MARKER, ID_FIELDS, KEYS_CUT_KEY, RECORD_LIMITS, VALUES_MARKER} from './record-limits.js';
import {sanitizeText} from './sanitize.js';

/** A record held to RECORD_LIMITS: `record` is the input itself when nothing was cut (the common case). */
export type BoundRecord = {record: unknown; cuts: readonly string[]};

const NO_CUTS: readonly string[] = Object.freeze([]);
const {
	depth: MAX_DEPTH,
	stringLength: MAX_STRING,
	idLength: MAX_ID,
	entries: MAX_ENTRIES,
	values: MAX_VALUES,
} = RECORD_LIMITS;
/** How much of a path a cut's message names: the line must fit a detail pane, and the keys are hostile. */
const PATH_SHOWN = 40;

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
	return typeof value === 'object' && value !== null;
}

/**
 * `input` (a record parsed from JSON) with every part past RECORD_LIMITS cut
 * and marked, and one line per kind of cut for its `problems`. When `strings`
 * is given, every string of `input` is also replaced in place by the first
 * equal one in it (the caller's own, just-parsed record only), in the same
 * walk: a clean record costs one read of its values and no copy.
 */
export function boundRecord(input: unknown, strings?: Map<string, string>): BoundRecord {
	return withinLimits(input, strings) ? {record: input, cuts: NO_CUTS} : boundedCopy(input);
}

function isLongId(container: Container, level: number, key: string, value: string): boolean {
	return level === 1 && value.length > MAX_ID && !Array.isArray(container) && ID_FIELDS.includes(key);
}

/** Containers still to visit, and the level of each, side by side (no tuple per container). */
type Stack = {containers: Container[]; levels: number[]};

/** One part of `container` (at `level`): false when it is past a limit; a string is interned, a container queued. */
function inside(
	part: unknown,
	key: string | number,
	container: Container,
	level: number,
	stack: Stack,
	strings: Map<string, string> | undefined,
): boolean {
	if (typeof part === 'string') {
		if (part.length > MAX_STRING || (typeof key === 'string' && isLongId(container, level, key, part)))
			return false;
		if (strings) {
			const seen = strings.get(part);
			if (seen === undefined) strings.set(part, part);
			else (container as Record<string, unknown>)[key] = seen;
		}
	} else if (isContainer(part)) {
		if (level >= MAX_DEPTH) return false;
		stack.containers.push(part);
		stack.levels.push(level + 1);
	}

	return true;
}

/**
 * True when no part of `input` is past a limit; interns its strings into
 * `strings` on the way. Runs on every new or changed record of every poll, so
 * it allocates nothing per container (no key lists, no tuples).
 */
function withinLimits(input: unknown, strings: Map<string, string> | undefined): boolean {
	if (typeof input === 'string') return input.length <= MAX_STRING;
	if (!isContainer(input)) return true;
	const stack: Stack = {containers: [input], levels: [1]};
	let values = 1;
	while (stack.containers.length > 0) {
		const container = stack.containers.pop()!;
		const level = stack.levels.pop()!;
		if (Array.isArray(container)) {
			values += container.length;
			if (container.length > MAX_ENTRIES || values > MAX_VALUES) return false;
			for (let index = 0; index < container.length; index++) {
				if (!inside(container[index], index, container, level, stack, strings)) return false;
			}
		} else {
			let count = 0;
			for (const key in container) {
				if (
					++count > MAX_ENTRIES ||
					++values > MAX_VALUES ||
					key.length > MAX_STRING ||
					!inside(container[key], key, container, level, stack, strings)
				)
					return false;
			}
		}
	}

	return true;
}

type CutKind = 'depth' | 'string' | 'id' | 'keys' | 'items' | 'values';
type CutLog = Map<CutKind, {count: number; path: string; size: number}>;

function logCut(log: CutLog, kind: CutKind, path: string, size = 0): void {
	const entry = log.get(kind);
	if (entry) entry.count++;
	else log.set(kind, {count: 1, path, size});
}

function childPath(path: string, key: string | number): string {
	// Past what is shown, the path stops growing (it is cut with an ellipsis when shown).
	if (path.length > PATH_SHOWN) return path;
	const step =
		typeof key === 'number' ? `[${key}]` : path === '' ? key.slice(0, PATH_SHOWN) : `.${key.slice(0, PATH_SHOWN)}`;
	return path + step;
}

/** The copy of `input` within every limit, built breadth by breadth from an explicit stack. */
function boundedCopy(input: unknown): BoundRecord {
	const log: CutLog = new Map();
	let values = 1;
	const bound = (
		value: unknown,
		level: number,
		path: string,
		key: string | number,
		parent: Container | null,
	): unknown => {
		if (typeof value === 'string') {
			const limit =
				parent && typeof key === 'string' && isLongId(parent, level - 1, key, value) ? MAX_ID : MAX_STRING;
			if (value.length <= limit) return value;
			logCut(log, limit === MAX_ID ? 'id' : 'string', path, value.length);
			return cutString(value, limit);
		}

		if (!isContainer(value)) return value;
		if (level > MAX_DEPTH) {
			logCut(log, 'depth', path);
			return DEPTH_MARKER;
		}

		return Array.isArray(value) ? [] : {};
	};

	const root = bound(input, 1, '', '', null);
	const stack: Array<[source: Container, target: Container, level: number, path: string]> = [];
	if (isContainer(root)) stack.push([input as Container, root, 1, '']);
	while (stack.length > 0) {
		const [source, target, level, path] = stack.pop()!;
		const keys = Array.isArray(source) ? null : Object.keys(source);
		const length = keys ? keys.length : (source as unknown[]).length;
		const kept = Math.min(length, MAX_ENTRIES);
		if (length > kept) logCut(log, keys ? 'keys' : 'items', path || 'record', length);
		for (let index = 0; index < kept; index++) {
			const sourceKey = keys ? keys[index]! : index;
			const part = (source as Record<string, unknown>)[sourceKey];
			const path_ = childPath(path, sourceKey);
			let value: unknown;
			if (++values > MAX_VALUES) {
				logCut(log, 'values', path_);
				value = VALUES_MARKER;
			} else {
				value = bound(part, level + 1, path_, sourceKey, source);
				if (isContainer(value)) stack.push([part as Container, value, level + 1, path_]);
			}

			if (keys) {
				let key = sourceKey as string;
				if (key.length > MAX_STRING) {
					logCut(log, 'string', path_, key.length);
					key = cutString(key, MAX_STRING);
				}

				// defineProperty: a "__proto__" key, which JSON.parse gives as an own property, stays one.
				Object.defineProperty(target, key, {value, enumerable: true, writable: true, configurable: true});
			} else {
				(target as unknown[]).push(value);
			}
		}

		if (length > kept) {
			const more = `${length - kept} more ${keys ? 'keys' : 'items'}`;
			if (keys)
				Object.defineProperty(target, KEYS_CUT_KEY, {
					value: more,
					enumerable: true,
					writable: true,
					configurable: true,
				});
			else (target as unknown[]).push(`…(cut: ${more})`);
		}
	}

	return {record: root, cuts: [...log].map(([kind, entry]) => cutLine(kind, entry))};
}

function cutLine(kind: CutKind, {count, path, size}: {count: number; path: string; size: number}): string {
	const where = sanitizeText(path || 'record', PATH_SHOWN);
	const more = count > 1 ? ` (and ${count - 1} more like it)` : '';
	switch (kind) {
		case 'depth':
			return `${where}: nested deeper than ${MAX_DEPTH} levels; the deeper part is cut${more}`;
		case 'string':
			return `${where}: ${size} characters; cut to the first ${MAX_STRING}${more}`;
		case 'id':
			return `${where}: ${size} characters; cut to the first ${MAX_ID}`;
		case 'keys':
			return `${where}: ${size} keys; cut to the first ${MAX_ENTRIES}${more}`;
		case 'items':
			return `${where}: ${size} items; cut to the first ${MAX_ENTRIES}${more}`;
		case 'values':
			return `record: more than ${MAX_VALUES} values; the rest is cut, from ${where} on`;
	}
}
