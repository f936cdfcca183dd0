/** One line of words for an event, as the event log and the detail pane show it. */
import type {FleetEvent} from '../fleet/types.js';
import {formatAge} from './format.js';

const FIELD_NAMES: Record<string, string> = {
	mode: 'mode',
	branch: 'branch',
	workingDirectory: 'directory',
	lettaCodeVersion: 'version',
	podId: 'pod',
	connectionId: 'session',
};

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
			return `reconnected (new session ${shortId(event.to)})`;
		}

		case 'stale': {
			return `heartbeat stale (${formatAge(event.heartbeatAgeMs ?? null)} old)`;
		}

		case 'recovered': {
			return 'heartbeat recovered';
		}

		case 'changed': {
			const field = FIELD_NAMES[event.field ?? ''] ?? event.field ?? 'field';
			return `${field} ${event.from ?? '-'} → ${event.to ?? '-'}`;
		}
	}
}

function shortId(id: string | null | undefined): string {
	if (!id) {
		return '-';
	}

	return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}
