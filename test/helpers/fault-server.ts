/**
 * A demo server on a fake clock for the fault tests, and what they ask of it over real HTTP.
 * Call `afterEach(closeFaultServers)` in a file that starts one.
 */
import {startDemoServer, type DemoServer, type DemoServerOptions} from '../../src/demo/server.js';
import {createSimulation} from '../../src/demo/simulation.js';
import {readJson, type JsonObject} from './json.js';

/** The simulation's start, epoch ms (a quarter second past, to catch rounding in the Date header). */
const START = Date.UTC(2025, 5, 2, 9, 30, 0, 250);
const servers: DemoServer[] = [];

/** Closes every server started (or kept) since the last call. */
export async function closeFaultServers(): Promise<void> {
	await Promise.all(servers.splice(0).map(server => server.close()));
}

/** Closes `server` with the others after the test. */
export function keepServer(server: DemoServer): void {
	servers.push(server);
}

/** A demo server over a frozen fleet (seed 7, 30 records unless `options.size`) on a clock moved by `tick(ms)`. */
export async function startFaultServer(options: DemoServerOptions = {}) {
	let time = START;
	const clock = {now: () => time, tick: (ms: number) => void (time += ms)};
	const simulation = createSimulation({seed: 7, size: options.size ?? 30, now: clock.now, churnPerMinute: 0});
	const server = await startDemoServer({...options, simulation});
	servers.push(server);
	return {server, simulation, clock};
}

/** `fetch` of `path` on the server, with its key. */
export function call(server: DemoServer, path: string, init: RequestInit = {}) {
	return fetch(`${server.url}${path}`, {
		...init,
		headers: {authorization: `Bearer ${server.apiKey}`, ...(init.headers as Record<string, string>)},
	});
}

/** `call`, and its body parsed as JSON. */
export async function getJson<T = unknown>(server: DemoServer, path: string, init: RequestInit = {}) {
	const response = await call(server, path, init);
	return {response, body: await readJson<T>(response)};
}

/** A page whose records drifted on purpose: their fields are read as unknowns. */
export type DriftedPage = {connections: Array<{id: unknown} & JsonObject>};

/** A page's record ids, in order. */
export function ids<Id>(body: {connections: ReadonlyArray<{id: Id}>}): Id[] {
	return body.connections.map(record => record.id);
}

export function isPlainObject(value: unknown): boolean {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
