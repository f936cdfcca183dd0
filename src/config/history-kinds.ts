/**
 * The kind of `--type`'s value (see flag-kinds.ts for what a kind is): a list of event types. The
 * kind of a moment (`--since`, `--until`) is durations.ts's.
 */
import {FLEET_EVENT_TYPES, type FleetEventType} from '../fleet/types.js';
import type {Kind} from './flag-kinds.js';
import {UsageError} from './usage-error.js';

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
