/**
 * The kinds of the history flags' values (see flag-kinds.ts for what a kind is): a moment typed
 * as a span back or an ISO time (history/time-spec.ts), and a list of event types.
 */
import {FLEET_EVENT_TYPES, type FleetEventType} from '../fleet/types.js';
import {parseTimeSpec} from '../history/time-spec.js';
import type {Kind} from './flag-kinds.js';
import {UsageError} from './usage-error.js';

/**
 * A moment as typed (`24h`, `2026-12-04T09:30`), kept as text: a span back is counted from the
 * moment the command runs, not from parsing. Checked here so a bad one is refused before anything
 * opens. `fallback` undefined means "now" for `--until`.
 */
export function timeSpec(fallback?: string): Kind<string | undefined> {
	return {
		type: 'string',
		multiple: false,
		valueName: 'WHEN',
		default: fallback,
		facts: fallback === undefined ? {} : {default: fallback},
		parse(raw, label) {
			const value = String(raw);
			try {
				parseTimeSpec(value, Date.now());
			} catch (error) {
				throw new UsageError(`${label}: ${(error as Error).message}`);
			}

			return value;
		},
		show: value => value ?? 'now',
	};
}

/** A comma-separated list of the diff's event types (`disconnected,stale`); every type when not given. */
export function eventTypes(): Kind<FleetEventType[] | undefined> {
	return {
		type: 'string',
		multiple: false,
		valueName: 'TYPE,...',
		default: undefined,
		facts: {},
		parse(raw, label) {
			const words = String(raw)
				.split(',')
				.map(word => word.trim())
				.filter(word => word !== '');
			const unknown = words.find(word => !(FLEET_EVENT_TYPES as readonly string[]).includes(word));
			if (unknown !== undefined || words.length === 0) {
				throw new UsageError(
					`${label} takes event types separated by commas (${FLEET_EVENT_TYPES.join(', ')})${unknown === undefined ? '' : `, got ${JSON.stringify(unknown.slice(0, 40))}`}`,
				);
			}

			return [...new Set(words)] as FleetEventType[];
		},
		show: value => value?.join(',') ?? '-',
	};
}
