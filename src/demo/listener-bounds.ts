/**
 * What the demo server accepts from listeners, written once: the size of a register body and of
 * a socket frame, how deep either may nest, and how many listeners may register. Everything a
 * listener sends is hostile until bounded here; a real Letta Code 0.32.18 listener stays far
 * inside every bound (its register body is under 1 KiB and 4 levels deep, its largest frame,
 * update_device_status, about 3 KiB and 4 levels deep: observed on loopback, see
 * docs/architecture.md).
 */

/** A register body larger than this (bytes) is answered 413; a listener's is a few hundred. */
export const MAX_REGISTER_BODY_BYTES = 64 * 1024;

/**
 * A socket frame larger than this (bytes) closes the socket with 1009 (the `ws` package's
 * maxPayload). Kept well above update_device_status's 3 KiB: a listener answers the server's
 * `sync` with a sync_response whose size grows with its pending approvals and queue.
 */
export const MAX_FRAME_BYTES = 1024 * 1024;

/**
 * Objects and arrays nested deeper than this in a register body are refused with a 400, and a
 * socket message so nested is ignored. JSON.parse copes with any depth, but every recursive walk
 * after it does not: JSON.stringify of a list page holding a record nested ~5 000 levels
 * overflowed the stack and killed `serve-demo` (issue 17).
 */
export const MAX_NESTING_DEPTH = 32;

/**
 * Listeners that may hold a registration at once (records added by POST
 * /v1/environments/register and not deleted since); one more is answered 403
 * `listener_limit_reached`. A listener registering again, as it does after every drop, is not a
 * new one. The simulated fleet (--demo-size) does not count.
 */
export const MAX_REGISTERED_LISTENERS = 1000;

/**
 * How deep `text`'s objects and arrays nest, counted without parsing (brackets outside strings),
 * and stopping as soon as it passes `limit`: a bounded, iterative scan any text can be given,
 * JSON or not. Returns a number above `limit` when the bound is passed.
 */
export function nestingDepth(text: string, limit = MAX_NESTING_DEPTH): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (inString) {
			if (code === 0x5c)
				index++; // A backslash escapes the next character, a quote included.
			else if (code === 0x22) inString = false;
		} else if (code === 0x22) {
			inString = true;
		} else if (code === 0x7b || code === 0x5b) {
			depth++;
			if (depth > deepest) {
				deepest = depth;
				if (deepest > limit) return deepest;
			}
		} else if (code === 0x7d || code === 0x5d) {
			depth--;
		}
	}

	return deepest;
}
