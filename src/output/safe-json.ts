/**
 * JSON for a terminal: JSON.stringify escapes C0 controls but leaves C1
 * controls (an 8-bit CSI is U+009B), bidi overrides and line separators raw.
 * Escaping them too keeps the data exact and the terminal safe.
 */
const UNSAFE_IN_JSON = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

export function safeJson(value: unknown, space?: number): string {
	return JSON.stringify(value, null, space).replace(
		UNSAFE_IN_JSON,
		character => `\\u${character.codePointAt(0)!.toString(16).padStart(4, '0')}`,
	);
}
