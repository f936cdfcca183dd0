/** Debian's `prometheus` package on this machine: the tests that need it fail, never skip, without it. */
import {type ChildProcess, execFileSync, spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {freePort, type TrackedChild} from './child-processes.js';

/** The path of `name` on the PATH, or an Error saying how to get it (`.ci/run` installs it). */
export function requireTool(name: 'prometheus' | 'promtool'): string {
	try {
		return execFileSync('sh', ['-c', `command -v ${name}`], {encoding: 'utf8'}).trim();
	} catch {
		throw new Error(
			`${name} is not installed: these tests need Debian's prometheus package (apt-get install prometheus; .ci/run installs it when missing)`,
		);
	}
}

/**
 * Starts Debian's `prometheus` in `directory` (its config and TSDB go there), scraping `target`
 * (host:port) every second as job `letta-fleet`, evaluating `ruleFiles`; resolves with its base URL
 * once `/-/ready` answers, or rejects after `waitMs`. The child goes to `track`, which stops it.
 */
export async function startPrometheus(options: {
	directory: string;
	target: string;
	ruleFiles?: readonly string[];
	track: (child: ChildProcess) => TrackedChild;
	waitMs: number;
}): Promise<string> {
	const config = path.join(options.directory, 'prometheus.yml');
	writeFileSync(
		config,
		[
			'global: {scrape_interval: 1s, evaluation_interval: 1s}',
			...(options.ruleFiles ? [`rule_files: ${JSON.stringify(options.ruleFiles)}`] : []),
			'scrape_configs:',
			'  - job_name: letta-fleet',
			`    static_configs: [{targets: [${JSON.stringify(options.target)}]}]`,
			'',
		].join('\n'),
	);
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const prometheus = options.track(
		spawn(
			requireTool('prometheus'),
			[
				`--config.file=${config}`,
				`--storage.tsdb.path=${path.join(options.directory, 'data')}`,
				`--web.listen-address=127.0.0.1:${port}`,
			],
			{cwd: options.directory, stdio: ['ignore', 'pipe', 'pipe']},
		),
	);
	// Awaited probe by probe (wait.ts's waitFor takes a synchronous probe).
	const deadline = Date.now() + options.waitMs;
	while (!(await fetch(`${url}/-/ready`).catch(() => undefined))?.ok) {
		if (Date.now() > deadline) throw new Error(`Prometheus was not ready in time:\n${prometheus.output()}`);
		await new Promise(resolve => setTimeout(resolve, 200));
	}

	return url;
}
