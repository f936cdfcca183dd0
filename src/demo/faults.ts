/**
 * Fault injection for the demo server: rules saying what goes wrong (an error
 * status, a slow or missing answer, a broken body, drifted or hostile records,
 * a pager that never ends) and for which requests. They let the client's
 * behaviour under failure be tested over real HTTP, and let a person watch the
 * UI cope with it (`serve-demo --fault ...`).
 *
 * The faults and rules themselves are in fault-types.ts; the spec grammar of the
 * CLI flag lives in fault-spec.ts; what each fault does to a response lives in
 * fault-apply.ts.
 */
import {checkFaultRule} from './fault-spec.js';
import type {Fault, FaultRule} from './fault-types.js';

export {FAULT_SPEC_HELP, formatFaultRule, parseFaultSpec} from './fault-spec.js';

export type {DriftVariant, Fault, FaultKind, FaultRoute, FaultRule} from './fault-types.js';

/**
 * A request as the injector sees it. `page` is asked only when a rule names a page (it costs a pass over the fleet).
 */
export type FaultRequest = {
	route: 'list' | 'get' | 'other';
	page?: () => number | undefined;
};

export type FaultInjector = {
	add(rule: FaultRule): void;
	clear(): void;
	/** The active rules, in matching order; `times` is what is left of it. */
	rules(): FaultRule[];
	/**
	 * The fault of the first active rule matching the request (and `accept`, when
	 * given), spending one of its `times`. For the server's use.
	 */
	match(request: FaultRequest, accept?: (fault: Fault) => boolean): Fault | undefined;
};

/**
 * Faults that only make sense for some routes, so that a rule with route 'any' is not spent where it can do nothing.
 */
function reaches(fault: Fault, route: FaultRequest['route']): boolean {
	switch (fault.kind) {
		case 'stuck-cursor':
		case 'huge-page':
			return route === 'list';
		case 'drift':
			return route !== 'other';
		default:
			return true;
	}
}

type Active = {rule: FaultRule; left: number};

export function createFaultInjector(initial: readonly FaultRule[] = []): FaultInjector {
	let active: Active[] = [];

	function add(rule: FaultRule): void {
		checkFaultRule(rule);
		// A copy, so that the caller's object can be reused and `times` is counted here only.
		active.push({rule: {...rule, fault: {...rule.fault}}, left: rule.times ?? Number.POSITIVE_INFINITY});
	}

	function applies(rule: FaultRule, request: FaultRequest): boolean {
		const route = rule.route ?? 'any';
		if ((route !== 'any' && route !== request.route) || !reaches(rule.fault, request.route)) {
			return false;
		}

		return rule.page === undefined || (request.route === 'list' && request.page?.() === rule.page);
	}

	for (const rule of initial) {
		add(rule);
	}

	return {
		add,
		clear() {
			active = [];
		},
		rules: () =>
			active.map(({rule, left}) => {
				const copy = {...rule, fault: {...rule.fault}};
				return Number.isFinite(left) ? {...copy, times: left} : copy;
			}),
		match(request, accept) {
			const entry = active.find(({rule}) => applies(rule, request) && (!accept || accept(rule.fault)));
			if (!entry) {
				return undefined;
			}

			entry.left--;
			if (entry.left <= 0) {
				active = active.filter(other => other !== entry);
			}

			return entry.rule.fault;
		},
	};
}
