/**
 * `letta-fleet serve-demo`: runs the demo server on its own and says how to
 * point a client at it. The key printed is the demo server's own key, not a
 * user's secret. Stopping is the caller's job (the CLI owns the signals).
 */
import {startDemoServer, type DemoServer} from './server.js';

export type ServeDemoArgs = {
	port?: number;
	host?: string;
	apiKey?: string;
	seed?: number;
	size?: number;
	churnPerMinute?: number;
};

export async function runServeDemo(args: ServeDemoArgs, out: NodeJS.WritableStream): Promise<DemoServer> {
	const server = await startDemoServer(args);
	out.write([
		'letta-fleet demo server listening',
		`  LETTA_BASE_URL=${server.url}`,
		`  LETTA_API_KEY=${server.apiKey}`,
		'Press Ctrl-C to stop.',
		'',
	].join('\n'));
	return server;
}
