/**
 * An embedded, Letta-compatible server for the simulated fleet, on node:http
 * alone, so `--demo` and the tests need no account and no network.
 */
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {errorReply, respond, type Reply} from './respond.js';
import {route, type RouteContext} from './routes.js';
import {createSimulation, type Simulation} from './simulation.js';

export type DemoServerOptions = {
	/** 0 (the default) picks any free port. */
	port?: number;
	host?: string;
	apiKey?: string;
	/** A ready simulation; otherwise one is made from seed, size and churnPerMinute. */
	simulation?: Simulation;
	seed?: number;
	size?: number;
	churnPerMinute?: number;
	/** Clock of the simulation and of the Date header; defaults to the simulation's clock, else Date.now. */
	now?: () => number;
	maxPageSize?: number;
	defaultPageSize?: number;
};

export type DemoServer = {
	/** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
	url: string;
	port: number;
	apiKey: string;
	simulation: Simulation;
	close(): Promise<void>;
	/** Requests served so far. */
	requests(): number;
};

function hostForUrl(host: string): string {
	return host.includes(':') ? `[${host}]` : host;
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
	const host = options.host ?? '127.0.0.1';
	const apiKey = options.apiKey ?? 'demo';
	const {seed, size, churnPerMinute} = options;
	const simulation = options.simulation ?? createSimulation({now: options.now ?? Date.now, seed, size, churnPerMinute});
	const now = options.now ?? simulation.clock;
	const context: RouteContext = {
		simulation,
		apiKey,
		maxPageSize: options.maxPageSize ?? 100,
		defaultPageSize: options.defaultPageSize ?? 50,
	};
	let served = 0;

	const server = createServer((req, res) => {
		served++;
		// The routes read no body; drain any so the keep-alive socket stays usable.
		req.resume();
		let reply: Reply;
		try {
			reply = route({method: req.method ?? 'GET', url: req.url ?? '/', authorization: req.headers.authorization}, context);
		} catch (error) {
			reply = errorReply(500, 'internal_error', error instanceof Error ? error.message : String(error));
		}

		respond(res, reply.status, reply.body, {date: new Date(now()).toUTCString(), ...reply.headers});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});

	const {port} = server.address() as AddressInfo;
	let closing: Promise<void> | undefined;
	return {
		url: `http://${hostForUrl(host)}:${port}`,
		port,
		apiKey,
		simulation,
		requests: () => served,
		close() {
			closing ??= new Promise<void>(resolve => {
				server.close(() => resolve());
				// Without this, an idle keep-alive socket would hold close() open for seconds.
				server.closeAllConnections();
			});
			return closing;
		},
	};
}
