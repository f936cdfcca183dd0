/**
 * What a fault rule can ask of a request: its route, and for a list request
 * which page of a pass it is. The page is worked out from the cursor: how many
 * records of the filtered, id-sorted fleet come up to and including `after`,
 * divided by the page size. Only rules naming a page ask, since it is a pass
 * over the fleet.
 */
import type {FaultRequest} from './faults.js';
import {parseListQuery, routeKind, type DemoRequest, type RouteContext} from './routes.js';

export function listPageNumber(params: URLSearchParams, context: RouteContext): number | undefined {
	const query = parseListQuery(params, context);
	if ('status' in query) {
		return undefined;
	}

	const {after} = query;
	if (after === undefined) {
		return 1;
	}

	const {connections} = context.simulation.page({...query, after: undefined, limit: Number.MAX_SAFE_INTEGER});
	let position = 0;
	while (position < connections.length && (connections[position]?.id ?? '') <= after) {
		position++;
	}

	return Math.floor(position / query.limit) + 1;
}

export function describeRequest(request: DemoRequest, context: RouteContext): FaultRequest {
	const url = new URL(request.url, 'http://demo.invalid');
	const route = routeKind(request.method, url.pathname);
	if (route !== 'list') {
		return {route};
	}

	let page: {value: number | undefined} | undefined;
	return {
		route,
		page() {
			page ??= {value: listPageNumber(url.searchParams, context)};
			return page.value;
		},
	};
}
