/**
 * deploy/prometheus/ as a team would take it: promtool (Debian's prometheus package) checks the
 * rules and the scrape config, and runs the rules' unit tests, which prove each alert fires on a
 * series that should fire it and not on one that should not.
 */
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {ROOT} from '../helpers/cli.js';
import {requireTool} from '../helpers/prometheus.js';

const DEPLOY = path.join(ROOT, 'deploy', 'prometheus');
const ALERTS = [
	'LettaListenerOffline',
	'LettaMachineAllListenersOffline',
	'LettaDuplicateOnlineListeners',
	'LettaFleetApiUnreachable',
	'LettaCodeVersionBehind',
];

async function promtool(...args: string[]): Promise<string> {
	const {stdout, stderr} = await promisify(execFile)(requireTool('promtool'), args, {cwd: DEPLOY});
	return stdout + stderr;
}

describe('deploy/prometheus', () => {
	it('has rules promtool accepts, the five alerts of issue 12', async () => {
		expect(await promtool('check', 'rules', 'letta-fleet.rules.yml')).toContain('SUCCESS: 5 rules found');
		const rules = readFileSync(path.join(DEPLOY, 'letta-fleet.rules.yml'), 'utf8');
		expect([...rules.matchAll(/^\s+- alert: (\w+)$/gm)].map(match => match[1])).toEqual(ALERTS);
	});

	it("has a scrape config promtool accepts, pointing at the exporter's default address", async () => {
		expect(await promtool('check', 'config', 'prometheus.yml')).toContain(
			'SUCCESS: prometheus.yml is valid prometheus config file syntax',
		);
		expect(readFileSync(path.join(DEPLOY, 'prometheus.yml'), 'utf8')).toContain('targets: ["127.0.0.1:10123"]');
	});

	it('proves every alert with promtool test rules: it fires where it should and stays silent where it should not', async () => {
		expect(await promtool('test', 'rules', 'letta-fleet.rules.test.yml')).toMatch(
			/Unit Testing: {2}letta-fleet\.rules\.test\.yml\n {2}SUCCESS/,
		);
		const tests = readFileSync(path.join(DEPLOY, 'letta-fleet.rules.test.yml'), 'utf8');
		for (const alert of ALERTS) {
			// Each alert has a test that expects it and one time or series where it is absent.
			expect(tests, alert).toMatch(new RegExp(`alertname: ${alert}\\n\\s+exp_alerts:\\n\\s+- exp_labels`));
		}
	});
});
