/**
 * The demo server in a process of its own, so its work is not counted as the
 * monitor's (CPU, memory) and requests really cross loopback.
 */
import {type ChildProcess, spawn} from 'node:child_process';
import path from 'node:path';

export type DemoProcess = {url: string; apiKey: string; stop: () => Promise<void>};

export async function startDemoProcess(
	root: string,
	size: number,
	churnPerMinute = 0,
	extra: string[] = [],
): Promise<DemoProcess> {
	const child: ChildProcess = spawn(
		process.execPath,
		[
			path.join(root, 'bin', 'letta-fleet.js'),
			'serve-demo',
			'--demo-size',
			String(size),
			'--demo-churn',
			String(churnPerMinute),
			...extra,
		],
		{stdio: ['ignore', 'pipe', 'inherit']},
	);
	let output = '';
	const url = await new Promise<string>((resolve, reject) => {
		child.stdout!.on('data', chunk => {
			output += String(chunk);
			const match = /LETTA_BASE_URL=(\S+)/.exec(output);
			if (match) resolve(match[1]!);
		});
		child.on('exit', code => reject(new Error(`serve-demo exited with ${code}`)));
	});
	return {
		url,
		apiKey: 'demo',
		stop: () =>
			new Promise(resolve => {
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			}),
	};
}
