/**
 * `letta-fleet serve-demo`: runs the demo server on its own and says how to
 * point a client at it. The key printed is the demo server's own key, not a
 * user's secret. Stopping is the caller's job (the CLI owns the signals).
 */
import {formatFaultRule, type FaultRule} from './faults.js';
import {startDemoServer, type DemoServer} from './server.js';

export type ServeDemoArgs = {
	port?: number;
	host?: string;
	apiKey?: string;
	seed?: number;
	size?: number;
	churnPerMinute?: number;
	faults?: FaultRule[];
};

export async function runServeDemo(args: ServeDemoArgs, out: NodeJS.WritableStream): Promise<DemoServer> {
	const server = await startDemoServer(args);
	const faults = args.faults ?? [];
	out.write(
		[
			'letta-fleet demo server listening',
			`  LETTA_BASE_URL=${server.url}`,
			`  LETTA_API_KEY=${server.apiKey}`,
			// '; ' between specs, since an HTTP date in a spec has its own comma.
			...(faults.length > 0 ? [`  faults: ${faults.map(formatFaultRule).join('; ')}`] : []),
			'Press Ctrl-C to stop.',
			'',
		].join('\n'),
	);
	return server;
}
