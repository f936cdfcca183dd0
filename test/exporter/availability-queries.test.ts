/** The Prometheus answers turned into the availability report: counts from samples, hostile answers skipped. */
import {describe, expect, it} from 'vitest';
import {
	availabilityQueries,
	type InstantKey,
	medianSpacing,
	offlineRises,
	outageStep,
	reportFromSamples,
	type VectorSample,
} from '../../src/exporter/availability-queries.js';
import {FAMILIES} from '../../src/exporter/families.js';
import {T0} from '../helpers/fixtures.js';

const window = {since: T0, until: T0 + 3_600_000};
const names = {id: 'env-1', device_id: 'device-1', connection_name: 'ana-laptop'};

function answers(values: Partial<Record<InstantKey, string>>, metric: Record<string, string> = names) {
	const vectors = {} as Record<InstantKey, VectorSample[]>;
	for (const key of Object.keys(availabilityQueries(window)) as InstantKey[]) {
		const value = values[key];
		vectors[key] = value === undefined ? [] : [{metric, value: [T0 / 1000, value]}];
	}

	return vectors;
}

describe('availability from Prometheus samples', () => {
	it('asks for the families the exporter serves, over the whole window', () => {
		const queries = availabilityQueries(window);
		expect(queries.online).toBe(
			`avg by (id, device_id, connection_name) (avg_over_time(${FAMILIES.status.name}{status="online"}[3600s]))`,
		);
		expect(queries.lastSeen).toContain(FAMILIES.lastHeartbeat.name);
		expect(queries.info).toContain(FAMILIES.info.name);
	});

	it('counts rises of the offline series from its changes and where it ended', () => {
		expect(offlineRises(0, 0)).toBe(0);
		expect(offlineRises(1, 1)).toBe(1); // online, then offline
		expect(offlineRises(1, 0)).toBe(0); // offline, then back online
		expect(offlineRises(2, 0)).toBe(1); // a drop and a return
		expect(offlineRises(3, 1)).toBe(2);
		expect(offlineRises(3, 0)).toBe(1); // offline at the start: back, down, back
	});

	it('reads the scrape interval as the median spacing, and coarsens the outage step for long windows', () => {
		expect(medianSpacing([10, 25, 40, 55, 400])).toBe(15);
		expect(medianSpacing([10])).toBeNull();
		expect(outageStep(window, 15)).toBe(15);
		expect(outageStep({since: 0, until: 30 * 86_400_000}, 15)).toBe(5184);
	});

	it('builds the same report as the embedded history, with the caveats of samples', () => {
		const report = reportFromSamples(
			window,
			answers({
				online: '0.75',
				stale: '0.05',
				scrapes: '240',
				changes: '2',
				lastOffline: '0',
				lastSeen: String(T0 / 1000 + 60),
			}),
			[
				{
					metric: names,
					values: [
						[T0 / 1000 + 600, '1'],
						[T0 / 1000 + 615, '1'],
						[T0 / 1000 + 630, '1'],
						[T0 / 1000 + 900, '1'],
					],
				},
			],
			15,
			15,
		);
		expect(report.listeners).toEqual([
			{
				id: 'env-1',
				deviceId: 'device-1',
				listenerInstanceId: null,
				connectionName: 'ana-laptop',
				availability: 0.75,
				staleShare: 0.05,
				observedSeconds: 3600,
				disconnects: 1,
				longestOutageSeconds: 45,
				lastSeenAt: T0 + 60_000,
			},
		]);
		expect(report.caveats.join('\n')).toMatch(/a disconnect or outage shorter than that is missed/);
	});

	it("counts disconnects by the exporter's counter when it has one, even a drop no scrape saw", () => {
		const report = reportFromSamples(
			window,
			answers({online: '1', stale: '0', scrapes: '240', counter: '1.98', changes: '0', lastOffline: '0'}),
			[],
			15,
			15,
		);
		expect(report.listeners[0]).toMatchObject({availability: 1, disconnects: 2, longestOutageSeconds: 0});
		expect(report.caveats[0]).toMatch(
			/disconnects are the exporter's own count \(letta_environment_disconnects_total\)/,
		);
	});

	it('skips malformed samples and makes hostile names safe to print', () => {
		const hostile = {...names, connection_name: 'evil\u001b[2Jname'};
		const vectors = answers({online: 'NaN', scrapes: '10'}, hostile);
		vectors.scrapes.push({metric: {}, value: [0, '3']}, {metric: {id: 'x'}, value: [0, 'lots']});
		const report = reportFromSamples(window, vectors, [], 15, 15);
		expect(report.listeners).toHaveLength(1);
		expect(report.listeners[0]!.connectionName).not.toContain('\u001b');
		// A share Prometheus did not give reads as 0 of what was observed, never as NaN.
		expect(report.listeners[0]!.availability).toBe(0);
	});

	it('says why there are no listeners when the exporter kept no per-listener series', () => {
		const report = reportFromSamples(window, answers({}), [], 15, 15);
		expect(report.listeners).toEqual([]);
		expect(report.caveats[0]).toMatch(/no listener's in this window: an exporter run with --no-per-environment/);
	});
});
