/**
 * Property: whatever a listener sends, the demo server's parsers and its book of listeners
 * answer it without throwing: random JSON, random text, and adversarial shapes (deep nesting,
 * prototype keys, wrong types, huge strings) as register bodies and socket frames.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {MAX_NESTING_DEPTH, nestingDepth} from '../../src/demo/listener-bounds.js';
import {parseListenerMessage, parseRegistration} from '../../src/demo/listener-protocol.js';
import {createListenerRegistry, type ListenerSocket} from '../../src/demo/listener-registry.js';
import {createSimulation} from '../../src/demo/simulation.js';

const START = Date.UTC(2026, 10, 29, 9, 30, 0, 0);

/** Brackets nested `depth` deep around a value, as objects or arrays. */
const nested = fc
	.tuple(fc.integer({min: 0, max: 3000}), fc.boolean(), fc.string({maxLength: 8}))
	.map(([depth, asObject, leaf]) =>
		asObject
			? `${'{"a":'.repeat(depth)}${JSON.stringify(leaf)}${'}'.repeat(depth)}`
			: `${'['.repeat(depth + 1)}${']'.repeat(depth + 1)}`,
	);

const adversarialValue = fc.oneof(
	fc.jsonValue({maxDepth: 6}),
	nested.map(text => JSON.parse(text) as unknown),
	fc.constantFrom<unknown>(
		{__proto__: {x: 1}},
		{constructor: {prototype: {}}},
		'x'.repeat(100_000),
		null,
		[],
		1e308,
		-0,
	),
);

const registrationText = fc.oneof(
	fc.string(),
	fc.json({maxDepth: 6}),
	nested,
	fc
		.record(
			{
				deviceId: adversarialValue,
				listenerInstanceId: fc.option(adversarialValue, {nil: undefined}),
				connectionName: adversarialValue,
				metadata: fc.option(adversarialValue, {nil: undefined}),
			},
			{requiredKeys: []},
		)
		.map(body => JSON.stringify(body)),
	fc
		.tuple(fc.string({minLength: 1, maxLength: 20}), nested)
		.map(
			([deviceId, metadata]) =>
				`{"deviceId":${JSON.stringify(deviceId)},"connectionName":"n","metadata":{"m":${metadata}}}`,
		),
	fc.constant('{"deviceId":"d","connectionName":"n","metadata":{"__proto__":{"polluted":true}}}'),
);

const frameText = fc.oneof(
	fc.string(),
	fc.json({maxDepth: 6}),
	nested,
	fc
		.record(
			{
				type: fc.constantFrom('ping', 'update_device_status', 'sync_response', 'x'),
				device_status: adversarialValue,
			},
			{requiredKeys: ['type']},
		)
		.map(body => JSON.stringify(body)),
	nested.map(
		deep =>
			`{"type":"update_device_status","device_status":{"git_context":${deep},"current_working_directory":${deep}}}`,
	),
);

describe('listener input, property', () => {
	it('parseRegistration never throws, and what it accepts nests no deeper than the bound', () => {
		fc.assert(
			fc.property(registrationText, text => {
				const parsed = parseRegistration(text);
				if ('error' in parsed) {
					expect(parsed.error).toMatch(/^[^\n]+$/);
				} else {
					expect(typeof parsed.deviceId).toBe('string');
					expect(nestingDepth(JSON.stringify(parsed.metadata))).toBeLessThanOrEqual(MAX_NESTING_DEPTH);
				}
			}),
			{numRuns: 300},
		);
		expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
	});

	it('parseListenerMessage never throws', () => {
		fc.assert(
			fc.property(frameText, text => {
				expect(['ping', 'status', 'other']).toContain(parseListenerMessage(text).type);
			}),
			{numRuns: 300},
		);
	});

	it('the registry takes any sequence of registrations, socket frames and closes without throwing, within its cap', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(registrationText, fc.array(frameText, {maxLength: 4}), fc.boolean()), {
					maxLength: 12,
				}),
				steps => {
					const simulation = createSimulation({seed: 1, size: 3, now: () => START, churnPerMinute: 0});
					const registry = createListenerRegistry({
						simulation,
						wsUrl: id => `ws://demo.invalid/${id}`,
						maxListeners: 4,
					});
					const sent: string[] = [];
					const socket: ListenerSocket = {send: text => void sent.push(text), close() {}};
					for (const [body, frames, close] of steps) {
						const parsed = parseRegistration(body);
						if ('error' in parsed) continue;
						const registered = registry.register(parsed, 'demo.invalid');
						if ('full' in registered) continue;
						const session = registry.open(registered.connectionId, socket);
						for (const frame of frames) session?.message(frame);
						if (close) session?.closed();
					}

					expect(simulation.list().length).toBeLessThanOrEqual(3 + 4);
					// Whatever came in, the list is still writable.
					expect(() => JSON.stringify(simulation.page({limit: 100}))).not.toThrow();
				},
			),
			{numRuns: 100},
		);
	});
});
