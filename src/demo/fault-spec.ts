/**
 * The text form of a fault rule, for a CLI flag such as `--fault 503@list*3`,
 * and the checks every rule must pass however it was made.
 *
 * Grammar:  KIND[:ARG…][@list|@get|@any][@page=N][*TIMES]
 *
 *   KIND   a status code 100-599 (an error response), or one of
 *          delay, hang, reset, truncate, not-json, drift, stuck-cursor,
 *          huge-page, hostile-strings, deep.
 *   ARG    status:  retry-after=VALUE, code=ERROR_CODE, message=TEXT,
 *                    retryable=true|false, header=NAME:VALUE (repeatable)
 *                    (e.g. 429:retry-after=5, 503:header=x-should-retry:false)
 *          delay:   MS                      (e.g. delay:2000)
 *          drift:   strings | missing | extra | wrong-types | metadata-not-object
 *          deep:    LEVELS, 1-DEEP_MAX_LEVELS (default DEEP_DEFAULT_LEVELS)  (e.g. deep:100000)
 *          bomb:    gzip | br (default gzip)        html: STATUS (default 403)
 *          redirect: STATUS 300-399 (default 302)   (endless takes none)
 *          A new ARG starts at a ':' followed by KEY=, so the colons and commas of
 *          an HTTP date stay in its value: 503:retry-after=Wed, 21 Oct 2026 07:28:00 GMT
 *   @list / @get / @any   which requests (default any)
 *   @page=N               only page N of a list pass (1 = the request without `after`)
 *   *TIMES                spent after TIMES matching requests (default: never)
 *
 * The suffixes start at the first '@' or '*', in any order; so no ARG value can
 * contain '@' or '*'.
 */
import type {DriftVariant, Fault, FaultKind, FaultRule} from './fault-types.js';

/** A `deep` fault's nesting when none is given: past what a recursive walk survives (issue 17). */
export const DEEP_DEFAULT_LEVELS = 5000;
/** At most this deep: the body is about 5 bytes a level, so 10 MB. */
export const DEEP_MAX_LEVELS = 2_000_000;

export const FAULT_SPEC_HELP =
	'A fault is KIND[:ARG…][@list|@get][@page=N][*TIMES]. KIND is a status code 100-599 ' +
	"(an error response in the API's shape; args retry-after=SECONDS|HTTP-DATE, code=ERROR_CODE, message=TEXT, " +
	'retryable=true|false, header=NAME:VALUE), delay:MS, hang, reset, truncate, not-json, drift:strings|missing|extra|wrong-types|' +
	'metadata-not-object, stuck-cursor, huge-page, hostile-strings or deep[:LEVELS] (the first record of a page ' +
	`with metadata nested LEVELS deep, default ${DEEP_DEFAULT_LEVELS}); hostile transport: bomb[:gzip|br] (a small ` +
	"compressed body inflating to 1 GiB), endless (a JSON body that never ends), html[:STATUS] (a proxy's block page, " +
	'default 403), redirect[:STATUS] (to another host, default 302). @list/@get limit it to one route, @page=N to ' +
	'page N of a list pass, *TIMES to the next TIMES matching requests. ' +
	'Examples: 503, 429:retry-after=5, 503:header=x-should-retry:false, delay:2000, 500@page=2, 500@list*3, drift:strings.';

const PLAIN_KINDS = ['hang', 'reset', 'truncate', 'not-json', 'stuck-cursor', 'huge-page', 'hostile-strings'] as const;
/** The hostile-transport kinds (fault-bodies.ts), each with its own argument rules in transportFault. */
const TRANSPORT_KINDS = ['bomb', 'endless', 'html', 'redirect'] as const;
const KINDS: readonly FaultKind[] = ['status', 'delay', 'drift', 'deep', ...PLAIN_KINDS, ...TRANSPORT_KINDS];
export const DRIFT_VARIANTS: readonly DriftVariant[] = [
	'strings',
	'missing',
	'extra',
	'wrong-types',
	'metadata-not-object',
];
const ROUTES = ['list', 'get', 'any'] as const;
/** Characters node:http refuses in a header value (it would throw mid-response). */
const BAD_HEADER_VALUE = /[^\t\u0020-\u007e\u0080-\u00ff]/;
/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~\w-]+$/;
/** Headers the reply itself must set: a fault changing them would break the response, not test the client. */
const RESERVED_HEADERS = new Set(['content-length', 'content-type', 'transfer-encoding', 'connection', 'date']);

function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

function checkFault(fault: Fault): void {
	if (!KINDS.includes(fault.kind)) {
		throw new Error(`unknown fault kind "${String(fault.kind)}"`);
	}

	if (fault.kind === 'status') {
		if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) {
			throw new Error(`status ${fault.status} is outside 100-599`);
		}

		if (
			fault.retryAfter !== undefined &&
			(fault.retryAfter.trim() === '' || BAD_HEADER_VALUE.test(fault.retryAfter))
		) {
			throw new Error(`retry-after "${fault.retryAfter}" cannot be sent as a header value`);
		}

		for (const [name, value] of Object.entries(fault.headers ?? {})) {
			if (!HEADER_NAME.test(name) || RESERVED_HEADERS.has(name.toLowerCase()) || BAD_HEADER_VALUE.test(value)) {
				throw new Error(
					`header "${name}: ${value}" cannot be injected (a header name and a printable value; not ${[...RESERVED_HEADERS].join(', ')})`,
				);
			}
		}
	} else if (fault.kind === 'delay' && !(Number.isSafeInteger(fault.ms) && fault.ms >= 0)) {
		throw new Error(`delay needs a whole number of milliseconds >= 0, got ${fault.ms}`);
	} else if (
		fault.kind === 'deep' &&
		!(Number.isSafeInteger(fault.levels) && fault.levels >= 1 && fault.levels <= DEEP_MAX_LEVELS)
	) {
		throw new Error(`deep needs a whole number of levels from 1 to ${DEEP_MAX_LEVELS}, got ${fault.levels}`);
	} else if (fault.kind === 'drift' && !DRIFT_VARIANTS.includes(fault.variant)) {
		throw new Error(`unknown drift variant "${String(fault.variant)}" (expected ${DRIFT_VARIANTS.join(', ')})`);
	} else {
		checkTransportFault(fault);
	}
}

function checkTransportFault(fault: Fault): void {
	if (fault.kind === 'bomb' && fault.encoding !== 'gzip' && fault.encoding !== 'br') {
		throw new Error(`bomb takes gzip or br, got "${String(fault.encoding)}"`);
	}

	if (fault.kind === 'html' && !(Number.isInteger(fault.status) && fault.status >= 200 && fault.status <= 599)) {
		throw new Error(`html takes a status 200-599, got ${fault.status}`);
	}

	if (fault.kind === 'redirect' && !(Number.isInteger(fault.status) && fault.status >= 300 && fault.status <= 399)) {
		throw new Error(`redirect takes a status 300-399, got ${fault.status}`);
	}
}

function transportFault(kind: (typeof TRANSPORT_KINDS)[number], args: string[]): Fault {
	const [arg, ...rest] = args.map(value => value.trim().toLowerCase());
	if (rest.length > 0) {
		throw new Error(`${kind} takes at most one argument, got "${args.join(':')}"`);
	}

	const status = (fallback: number) => {
		if (arg === undefined) return fallback;
		if (!/^\d+$/.test(arg)) throw new Error(`${kind} takes a status, e.g. ${kind}:${fallback}, got "${arg}"`);
		return Number(arg);
	};

	switch (kind) {
		case 'bomb':
			return {kind, encoding: (arg ?? 'gzip') as 'gzip' | 'br'};
		case 'endless': {
			noArgs(kind, args);
			return {kind};
		}

		case 'html':
			return {kind, status: status(403)};
		case 'redirect':
			return {kind, status: status(302)};
	}
}

/** Throws an Error with a one-line reason when the rule cannot be applied. */
export function checkFaultRule(rule: FaultRule): void {
	checkFault(rule.fault);
	if (rule.route !== undefined && !ROUTES.includes(rule.route)) {
		throw new Error(`unknown route "${String(rule.route)}" (expected list, get or any)`);
	}

	if (rule.page !== undefined && !isCount(rule.page)) {
		throw new Error(`page must be a whole number >= 1, got ${String(rule.page)}`);
	}

	if (rule.times !== undefined && !isCount(rule.times)) {
		throw new Error(`times must be a whole number >= 1, got ${String(rule.times)}`);
	}
}

function count(text: string, what: string): number {
	const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
	if (!isCount(value)) {
		throw new Error(`${what} must be a whole number >= 1, got "${text}"`);
	}

	return value;
}

function keyed(args: string[], kind: string): Array<[string, string]> {
	return args.map(arg => {
		const at = arg.indexOf('=');
		if (at <= 0) {
			throw new Error(`${kind} takes KEY=VALUE arguments, got "${arg}"`);
		}

		return [arg.slice(0, at).trim().toLowerCase(), arg.slice(at + 1)];
	});
}

function statusFault(status: number, args: string[]): Fault {
	const fault: Fault = {kind: 'status', status};
	for (const [key, value] of keyed(args, String(status))) {
		if (key === 'retry-after') {
			fault.retryAfter = value.trim();
		} else if (key === 'code' || key === 'errorcode') {
			fault.errorCode = value;
		} else if (key === 'message') {
			fault.message = value;
		} else if (key === 'retryable' && (value === 'true' || value === 'false')) {
			fault.retryable = value === 'true';
		} else if (key === 'header' && value.includes(':')) {
			const colon = value.indexOf(':');
			fault.headers = {
				...fault.headers,
				[value.slice(0, colon).trim().toLowerCase()]: value.slice(colon + 1).trim(),
			};
		} else {
			throw new Error(
				key === 'retryable'
					? `retryable must be true or false, got "${value}"`
					: key === 'header'
						? `header takes NAME:VALUE, e.g. header=x-should-retry:false, got "${value}"`
						: `unknown argument "${key}" for ${status} (expected retry-after, code, message, retryable or header)`,
			);
		}
	}

	return fault;
}

function noArgs(kind: string, args: string[]): void {
	if (args.length > 0) {
		throw new Error(`${kind} takes no arguments, got "${args.join(':')}"`);
	}
}

function parseFault(kind: string, args: string[]): Fault {
	if (/^\d+$/.test(kind)) {
		const status = Number(kind);
		if (status < 100 || status > 599) {
			throw new Error(`status ${kind} is outside 100-599`);
		}

		return statusFault(status, args);
	}

	switch (kind) {
		case 'delay': {
			const [ms, ...rest] = args;
			if (ms === undefined || !/^\d+$/.test(ms.trim()) || rest.length > 0) {
				throw new Error(`delay needs milliseconds, e.g. delay:2000, got "${args.join(':')}"`);
			}

			return {kind: 'delay', ms: Number(ms.trim())};
		}

		case 'drift': {
			const variant = args.join(':').trim() as DriftVariant;
			if (!DRIFT_VARIANTS.includes(variant)) {
				throw new Error(
					`drift needs one of ${DRIFT_VARIANTS.join(', ')}, e.g. drift:strings, got "${args.join(':')}"`,
				);
			}

			return {kind: 'drift', variant};
		}

		case 'deep': {
			const [levels, ...rest] = args;
			if (rest.length > 0 || (levels !== undefined && !/^\d+$/.test(levels.trim()))) {
				throw new Error(`deep takes a number of levels, e.g. deep:100000, got "${args.join(':')}"`);
			}

			return {kind: 'deep', levels: levels === undefined ? DEEP_DEFAULT_LEVELS : Number(levels.trim())};
		}

		default: {
			const transport = TRANSPORT_KINDS.find(name => name === kind);
			if (transport) {
				return transportFault(transport, args);
			}

			const plain = PLAIN_KINDS.find(name => name === kind);
			if (!plain) {
				throw new Error(
					`unknown fault "${kind}" (expected a status 100-599 or ${['delay', 'drift', ...PLAIN_KINDS, ...TRANSPORT_KINDS, 'deep'].join(', ')})`,
				);
			}

			noArgs(kind, args);
			return {kind: plain};
		}
	}
}

function applySuffix(rule: FaultRule, marker: string, text: string): void {
	if (marker === '*') {
		rule.times = count(text, 'times (*TIMES)');
		return;
	}

	const lower = text.trim().toLowerCase();
	if (lower.startsWith('page=')) {
		rule.page = count(lower.slice('page='.length), 'page (@page=N)');
	} else if (lower === 'list' || lower === 'get' || lower === 'any') {
		rule.route = lower;
	} else {
		throw new Error(`unknown "@${text}" (expected @list, @get, @any or @page=N)`);
	}
}

/** Parses one fault spec (see the grammar above); throws an Error with a one-line message on bad input. */
export function parseFaultSpec(spec: string): FaultRule {
	try {
		const text = spec.trim();
		const suffixAt = text.search(/[@*]/);
		const head = suffixAt < 0 ? text : text.slice(0, suffixAt);
		const colon = head.indexOf(':');
		const kind = (colon < 0 ? head : head.slice(0, colon)).trim().toLowerCase();
		if (kind === '') {
			throw new Error('missing the fault kind before the arguments (e.g. 503, delay:2000, 500@page=2)');
		}

		// An ARG starts at a ':' followed by KEY=, so an HTTP date's own colons stay in its value.
		const args = colon < 0 ? [] : head.slice(colon + 1).split(/:(?=\s*[a-z][\w-]*=)/i);
		const rule: FaultRule = {fault: parseFault(kind, args)};
		for (const match of (suffixAt < 0 ? '' : text.slice(suffixAt)).matchAll(/([@*])([^@*]*)/g)) {
			applySuffix(rule, match[1] ?? '@', match[2] ?? '');
		}

		checkFaultRule(rule);
		return rule;
	} catch (error) {
		throw new Error(`Invalid fault "${spec}": ${error instanceof Error ? error.message : String(error)}`);
	}
}

function faultText(fault: Fault): string {
	switch (fault.kind) {
		case 'status': {
			const args = [
				fault.retryAfter === undefined ? '' : `retry-after=${fault.retryAfter}`,
				fault.errorCode === undefined ? '' : `code=${fault.errorCode}`,
				fault.message === undefined ? '' : `message=${fault.message}`,
				fault.retryable === undefined ? '' : `retryable=${fault.retryable}`,
				...Object.entries(fault.headers ?? {}).map(([name, value]) => `header=${name}:${value}`),
			];
			return [String(fault.status), ...args.filter(Boolean)].join(':');
		}

		case 'delay':
			return `delay:${fault.ms}`;
		case 'drift':
			return `drift:${fault.variant}`;
		case 'deep':
			return `deep:${fault.levels}`;
		case 'bomb':
			return `bomb:${fault.encoding}`;
		case 'html':
		case 'redirect':
			return `${fault.kind}:${fault.status}`;
		default:
			return fault.kind;
	}
}

/** The spec of a rule, as parseFaultSpec reads it back (for messages such as serve-demo's banner). */
export function formatFaultRule(rule: FaultRule): string {
	const route = rule.route && rule.route !== 'any' ? `@${rule.route}` : '';
	const page = rule.page === undefined ? '' : `@page=${rule.page}`;
	const times = rule.times === undefined ? '' : `*${rule.times}`;
	return `${faultText(rule.fault)}${route}${page}${times}`;
}
