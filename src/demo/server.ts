/**
 * An embedded, Letta-compatible server for the simulated fleet, on node:http
 * alone, so `--demo` and the tests need no account and no network.
 */
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {createServer as createTlsServer} from 'node:https';
import type {AddressInfo} from 'node:net';
import {createFaultMemory, faultDelivery} from './fault-apply.js';
import {describeRequest} from './fault-request.js';
import {createFaultInjector, type Fault, type FaultInjector, type FaultRule} from './faults.js';
import {MAX_REGISTER_BODY_BYTES} from './listener-bounds.js';
import {REGISTER_PATH, socketPath} from './listener-protocol.js';
import {createListenerRegistry, type ListenerRegistry} from './listener-registry.js';
import {attachListenerSockets} from './listener-socket.js';
import {deliver, errorReply, type Delivery} from './respond.js';
import {authorized, route, type DemoRequest, type RouteContext} from './routes.js';
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
	/** Fault rules active from the start; more can be added through DemoServer.faults. */
	faults?: readonly FaultRule[];
	/** Listeners that may hold a registration at once; default MAX_REGISTERED_LISTENERS (listener-bounds.ts). */
	maxListeners?: number;
	/** Serve HTTPS with this PEM key and certificate (node:https); the URL then starts with https://. */
	tls?: {key: string | Buffer; cert: string | Buffer};
};

export type DemoServer = {
	/** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
	url: string;
	port: number;
	apiKey: string;
	simulation: Simulation;
	/** Fault injection, changeable while the server runs. */
	faults: FaultInjector;
	close(): Promise<void>;
	/** Requests served so far. */
	requests(): number;
	/** The real listeners that registered (POST /v1/environments/register) and their sockets. */
	listeners: ListenerRegistry;
};

/** A hostname or address with an optional port, nothing that could bend the URL it goes into. */
const HOST_HEADER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** Reads a request body as text, or undefined when it is larger than MAX_REGISTER_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
	return new Promise(resolve => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_REGISTER_BODY_BYTES) {
				chunks.push(chunk);
			}
		});
		req.on('end', () =>
			resolve(size <= MAX_REGISTER_BODY_BYTES ? Buffer.concat(chunks).toString('utf8') : undefined),
		);
		req.on('error', () => resolve(undefined));
	});
}

/** A bad key is answered 401 before any fault, unless the fault is itself a 401. */
function injected401(fault: Fault): boolean {
	return fault.kind === 'status' && fault.status === 401;
}

/**
 * node:https with `tls` (the TLS server is an http.Server too: same events, same closeAllConnections), else node:http.
 */
function createHttpOrHttpsServer(
	tls: DemoServerOptions['tls'],
	handle: (req: IncomingMessage, res: ServerResponse) => void,
): Server {
	return tls ? createTlsServer({key: tls.key, cert: tls.cert}, handle) : createServer(handle);
}

/** A request target's path, or '' when it is no URL at all (`//[`): new URL throws on those. */
function pathnameOf(target: string): string {
	try {
		return new URL(target, 'http://demo.invalid').pathname;
	} catch {
		return '';
	}
}

function hostForUrl(host: string): string {
	return host.includes(':') ? `[${host}]` : host;
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
	const host = options.host ?? '127.0.0.1';
	const apiKey = options.apiKey ?? 'demo';
	const {seed, size, churnPerMinute} = options;
	const simulation =
		options.simulation ?? createSimulation({now: options.now ?? Date.now, seed, size, churnPerMinute});
	const now = options.now ?? simulation.clock;
	const context: RouteContext = {
		simulation,
		apiKey,
		maxPageSize: options.maxPageSize ?? 100,
		defaultPageSize: options.defaultPageSize ?? 50,
	};
	let ownHost = '';
	// The Host the listener used reaches this server from where the listener is, which the listen address may not
	// (0.0.0.0).
	const wsUrl = (connectionId: string, requestHost: string | undefined) =>
		`ws://${requestHost !== undefined && HOST_HEADER.test(requestHost) ? requestHost : ownHost}${socketPath(connectionId)}`;
	const listeners = createListenerRegistry({
		simulation,
		wsUrl,
		...(options.maxListeners === undefined ? {} : {maxListeners: options.maxListeners}),
	});
	context.listeners = listeners;
	const faults = createFaultInjector(options.faults);
	const memory = createFaultMemory();
	let served = 0;

	function answer(request: DemoRequest): Delivery {
		const described = describeRequest(request, context);
		const fault = faults.match(described, authorized(request.authorization, apiKey) ? undefined : injected401);
		return fault
			? faultDelivery(fault, request, described.route, context, memory)
			: {kind: 'reply', reply: route(request, context)};
	}

	/** A throw anywhere in answering, now or after a delay, becomes the platform's 500. */
	function safely(make: () => Delivery): Delivery {
		let delivery: Delivery;
		try {
			delivery = make();
		} catch (error) {
			return {
				kind: 'reply',
				reply: errorReply(500, 'internal_error', error instanceof Error ? error.message : String(error)),
			};
		}

		return delivery.kind === 'delayed' ? {...delivery, then: () => safely(delivery.then)} : delivery;
	}

	function handle(req: IncomingMessage, res: ServerResponse, date: () => string): void {
		const request: DemoRequest = {
			method: req.method ?? 'GET',
			url: req.url ?? '/',
			authorization: req.headers.authorization,
			host: req.headers.host,
		};
		if (request.method === 'POST' && REGISTER_PATH.test(pathnameOf(request.url))) {
			void readBody(req).then(body => {
				// A wrong key is still a 401, whatever the size of what came with it.
				deliver(
					res,
					body === undefined && authorized(request.authorization, apiKey)
						? {
								kind: 'reply',
								reply: errorReply(
									413,
									'payload_too_large',
									`The request body is larger than ${MAX_REGISTER_BODY_BYTES} bytes`,
								),
							}
						: safely(() => answer({...request, body: body ?? ''})),
					date,
				);
			});
			return;
		}

		// The other routes read no body; drain any so the keep-alive socket stays usable.
		req.resume();
		deliver(
			res,
			safely(() => answer(request)),
			date,
		);
	}

	const server = createHttpOrHttpsServer(options.tls, (req, res) => {
		served++;
		const date = () => new Date(now()).toUTCString();
		try {
			handle(req, res, date);
		} catch (error) {
			// One request's failure is its own 500; the server goes on (issue 17).
			req.resume();
			deliver(
				res,
				{
					kind: 'reply',
					reply: errorReply(500, 'internal_error', error instanceof Error ? error.message : String(error)),
				},
				date,
			);
		}
	});
	const sockets = attachListenerSockets(server, {apiKey, registry: listeners});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});

	const {port} = server.address() as AddressInfo;
	ownHost = `${hostForUrl(host)}:${port}`;
	let closing: Promise<void> | undefined;
	return {
		url: `${options.tls ? 'https' : 'http'}://${hostForUrl(host)}:${port}`,
		port,
		apiKey,
		simulation,
		faults,
		requests: () => served,
		listeners,
		close() {
			closing ??= new Promise<void>(resolve => {
				// Upgraded sockets are no longer the HTTP server's: closeAllConnections would not end them.
				sockets.close();
				server.close(() => resolve());
				// Without this, an idle keep-alive socket, or one a `hang` fault holds, would keep close() waiting.
				server.closeAllConnections();
			});
			return closing;
		},
	};
}
