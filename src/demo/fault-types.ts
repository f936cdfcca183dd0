/**
 * The faults the demo server can inject and the rules that say which requests get them: types
 * only, shared by the injector (faults.ts), the `--fault` grammar (fault-spec.ts) and what each
 * fault does to a response (fault-apply.ts).
 */

export type DriftVariant = 'strings' | 'missing' | 'extra' | 'wrong-types' | 'metadata-not-object';

export type Fault =
	/**
	 * An error response in the API's body shape {errorCode, message}; 429 uses
	 * {error, errorCode} like the real API and 503 adds retryable: true.
	 * retryAfter is the raw Retry-After header value (seconds, or an HTTP date);
	 * headers are more response headers, such as x-should-retry or retry-after-ms.
	 * 1xx statuses are interim in HTTP, so a client keeps waiting as for `hang`;
	 * 204 and 304 go out without a body.
	 */
	| {
			kind: 'status';
			status: number;
			errorCode?: string;
			message?: string;
			retryAfter?: string;
			retryable?: boolean;
			headers?: Record<string, string>;
	  }
	/** Answers normally, but only after ms. */
	| {kind: 'delay'; ms: number}
	/** Never answers; the socket is destroyed when the server closes. */
	| {kind: 'hang'}
	/** Destroys the socket without a response (ECONNRESET at the client). */
	| {kind: 'reset'}
	/** The normal answer, with its full Content-Length, cut in the middle; then the socket ends. */
	| {kind: 'truncate'}
	/** 200 with an HTML maintenance page, content-type text/html. */
	| {kind: 'not-json'}
	/** Schema drift on every record of a list page, or on the single record. */
	| {kind: 'drift'; variant: DriftVariant}
	/** List pages always claim hasNextPage: true and, once a cursor was sent, keep returning that cursor's page. */
	| {kind: 'stuck-cursor'}
	/** List pages ignore limit: everything after the cursor (filters still apply) in one page. */
	| {kind: 'huge-page'}
	/**
	 * Terminal attacks (escape sequences, controls, bidi, very long, wide text) in every string field and error
	 * message.
	 */
	| {kind: 'hostile-strings'}
	/** The first record of each list page (or the single record) with metadata nested `levels` deep. */
	| {kind: 'deep'; levels: number}
	// Hostile transport (fault-bodies.ts): what a malicious server or an unannounced proxy sends.
	/** 200 with a small compressed body (Content-Encoding gzip or br) that inflates to 1 GiB. */
	| {kind: 'bomb'; encoding: 'gzip' | 'br'}
	/** 200 application/json whose body never ends. */
	| {kind: 'endless'}
	/** A proxy's HTML block page (text/html) with this status (default 403). */
	| {kind: 'html'; status: number}
	/** A redirect with this status (default 302) to another host; the client must not follow it. */
	| {kind: 'redirect'; status: number};

export type FaultKind = Fault['kind'];

/** Routes a rule can name; 'other' requests (DELETE, unknown paths) are only matched by 'any'. */
export type FaultRoute = 'list' | 'get' | 'any';

export type FaultRule = {
	fault: Fault;
	/**
	 * Which requests: 'list' (GET /v1/environments), 'get' (GET /v1/environments/{deviceId}), or 'any' (default 'any').
	 */
	route?: FaultRoute;
	/**
	 * Only this page of a list pass (1 = the request without `after`; page N from the position of the `after` cursor in
	 * the id-sorted, filtered fleet and the page size).
	 */
	page?: number;
	/** How many matching requests it applies to, then it is spent (default: unlimited). */
	times?: number;
};
