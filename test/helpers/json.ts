/**
 * Reading JSON in tests with a type: the one place a parsed body is told its shape, so a test
 * reads `body.connections` with the compiler's help instead of through `any`. The shape is the
 * test's claim about the wire, not a check: a body that differs fails the assertions that read it.
 * Where src/ declares the shape (the demo's `Page` and `RawConnection`, the exporter's events),
 * tests name that type; the few shapes src/ never names (the platform's error body) are here.
 */
import type {RawData} from 'ws';
import type {RawConnection} from '../../src/demo/simulation.js';
import type {ConnectionStatus, FleetEvent} from '../../src/fleet/types.js';

/** A JSON object whose fields a test reads without trusting their types: a drifted or hostile record. */
export type JsonObject = {[key: string]: unknown};

/**
 * The platform's error body, as the demo server sends it (src/demo/fault-apply.ts, and
 * list-environment-connections in the reference notes): `{errorCode, message}`; a 429 has `error`
 * in place of `message`; a 503 adds `retryable`.
 */
export type ErrorJson = {errorCode: string; message?: string; error?: string; retryable?: boolean};

/**
 * The answer to POST /v1/environments/register (src/demo/listener-registry.ts): where the
 * listener's socket is. A refusal's body is an {@link ErrorJson}; tests compare those whole.
 */
export type RegisteredJson = {connectionId: string; wsUrl: string};

/** One row of `--once --json` from the demo server (src/output/json.ts): the record as sent, plus the status judged. */
export type RowJson = RawConnection & {status: ConnectionStatus};

/**
 * One line of `--events` (src/output/events.ts): the FleetEvent with its times as ISO 8601 and
 * `sessionFields` left out.
 */
export type EventJson = Omit<FleetEvent, 'at' | 'sessionFields' | 'connectedAtFrom' | 'connectedAtTo'> & {
	at: string;
	connectedAtFrom?: string | null;
	connectedAtTo?: string | null;
};

/** `JSON.parse(text)`, said to be a `T`. Throws SyntaxError as JSON.parse does. */
export function parseJson<T>(text: string): T {
	return JSON.parse(text) as T;
}

/** A fetch response's body, said to be a `T`. Rejects as `response.json()` does. */
export async function readJson<T>(response: Response): Promise<T> {
	return (await response.json()) as T;
}

/**
 * The value at `path` inside `value`, through objects and arrays; undefined where a step is
 * missing or not an object. For asserting on fields of a record whose types drifted on purpose.
 */
export function field(value: unknown, ...path: Array<string | number>): unknown {
	let current = value;
	for (const step of path) {
		if (typeof current !== 'object' || current === null) {
			return undefined;
		}

		current = (current as Record<string | number, unknown>)[step];
	}

	return current;
}

/**
 * A WebSocket message's text. `ws` hands a message over as one Buffer (its default binaryType),
 * an ArrayBuffer or fragments, by its settings; decoded as UTF-8 whichever it is.
 */
export function wsText(data: RawData): string {
	const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
	return bytes.toString('utf8');
}
