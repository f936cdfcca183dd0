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
			return `reconnected, ${sessionOutcome(event)}`;
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

/**
 * What the event log prints after a listener's name: the change of a
 * `changed` event, what a reconnect did to the session; nothing for the rest,
 * whose type word says it all.
 */
export function eventDetail(event: FleetEvent): string {
	return event.type === 'changed' ? describeEvent(event) : event.type === 'reconnected' ? sessionOutcome(event) : '';
}

/** "session kept (socket reopened, pod pod-ws-1 → pod-ws-3)" or "new session conn-1a2b… (registered again)". */
function sessionOutcome(event: FleetEvent): string {
	const pod = event.podFrom === event.podTo ? '' : `, pod ${event.podFrom ?? '-'} → ${event.podTo ?? '-'}`;
	if (event.session === 'renewed') {
		return `new session ${shortId(event.to)} (registered again${pod})`;
	}

	return `session kept (socket reopened${pod})`;
}

function shortId(id: string | null | undefined): string {
	if (!id) {
		return '-';
	}

	return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}
