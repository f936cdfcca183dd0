/** One line of words for an event, as the event log and the detail pane show it. */
import type {FleetEvent} from '../fleet/types.js';
import {fieldLabel} from '../fleet/watched-fields.js';
import {formatAge} from './format.js';

export function describeEvent(event: FleetEvent): string {
	switch (event.type) {
		case 'appeared': {
			return `appeared (${event.status ?? 'unknown'})`;
		}

		case 'removed': {
			return 'removed from the list';
		}

		case 'connected': {
			return 'connected';
		}

		case 'disconnected': {
			return 'disconnected';
		}

		case 'reconnected': {
			return describeReconnect(event);
		}

		case 'stale': {
			return `heartbeat stale (${formatAge(event.heartbeatAgeMs ?? null)} old)`;
		}

		case 'recovered': {
			return 'heartbeat recovered';
		}

		case 'changed': {
			return `${fieldLabel(event.field ?? 'field')} ${event.from ?? '-'} → ${event.to ?? '-'}`;
		}
	}
}

/** "reconnected, session kept (pod-ws-1 → pod-ws-3)" or "reconnected, new session conn-1a2b… (registered again)". */
function describeReconnect(event: FleetEvent): string {
	const pod = event.podFrom === event.podTo ? '' : `, pod ${event.podFrom ?? '-'} → ${event.podTo ?? '-'}`;
	if (event.session === 'renewed') {
		return `reconnected, new session ${shortId(event.to)} (registered again${pod})`;
	}

	return `reconnected, session kept (socket reopened${pod})`;
}

function shortId(id: string | null | undefined): string {
	if (!id) {
		return '-';
	}

	return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}
