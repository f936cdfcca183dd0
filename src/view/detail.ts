/**
 * The detail pane's content as plain lines, so it can be scrolled, tested
 * without a terminal, and drawn by a thin component.
 */
import type {DeviceHistory} from '../fleet/reducer.js';
import type {RowStatus} from '../fleet/rows.js';
import type {Connection} from '../fleet/types.js';
import {sanitizeText} from '../api/sanitize.js';
import {describeEvent} from './event-text.js';
import {formatAge, formatClock, formatTimestamp} from './format.js';
import {sparkline} from './sparkline.js';
import type {SymbolSet} from './symbols.js';

export type DetailTone = 'heading' | 'label' | 'dim' | 'warn' | RowStatus;
export type DetailLine = {label?: string; text: string; tone?: DetailTone};

export type DetailInput = {
	connection: Connection;
	status: RowStatus;
	serverNow: number;
	now: number;
	history: DeviceHistory | undefined;
	staleAfterMs: number;
	symbols: SymbolSet;
	/** When the record was last refreshed from GET /v1/environments/{deviceId}. */
	refreshedAt: number | null;
};

export function detailLines(input: DetailInput): DetailLine[] {
	const {connection: c, serverNow, now, history, symbols} = input;
	const lines: DetailLine[] = [];
	const heading = (text: string) => lines.push({text: '', tone: 'dim'}, {text, tone: 'heading'});
	const field = (label: string, value: string | null | undefined, tone?: DetailTone) =>
		lines.push({label, text: value === null || value === undefined || value === '' ? '-' : value, tone});
	const time = (epoch: number | null) => formatTimestamp(epoch, serverNow);

	lines.push({label: 'status', text: `${symbols.status[input.status]} ${input.status}`, tone: input.status});
	field('name', c.connectionName);
	field('device id', c.deviceId);
	field('record id', c.id);
	field('connection', c.connectionId ?? '- (offline)');
	field('pod', c.podId);
	field('mode', c.modeAsSent ? `${c.mode} (sent as ${c.modeAsSent})` : c.mode);
	field('user', c.userId);
	field('key owner', c.apiKeyOwner);
	field('organization', c.organizationId);
	if (input.refreshedAt !== null) {
		field('refreshed', `${formatAge(now - input.refreshedAt)} ago (GET /v1/environments/{deviceId})`, 'dim');
	}

	heading('Times');
	field('heartbeat', c.lastHeartbeat === null ? '-' : `${time(c.lastHeartbeat)}  age ${formatAge(Math.max(0, serverNow - c.lastHeartbeat))}`);
	field('connected', c.connectedAt === null ? '-' : `${time(c.connectedAt)}  up ${formatAge(Math.max(0, serverNow - c.connectedAt))}`);
	field('first seen', time(c.firstSeenAt));
	field('last seen', time(c.lastSeenAt));

	heading('Machine');
	field('letta code', c.lettaCodeVersion);
	field('node', c.nodeVersion);
	field('os', c.os);
	field('branch', c.branch);
	field('directory', c.workingDirectory);
	field('commands', c.supportedCommands.length > 0 ? c.supportedCommands.join(', ') : '-');
	if (c.selfUpdate) {
		const su = c.selfUpdate;
		const can = su.supported && su.writable ? 'yes' : 'no';
		field('self-update', `${can} (supported ${yesNo(su.supported)}, writable ${yesNo(su.writable)})`);
		if (su.installPath) field('install path', su.installPath);
		if (su.manualCommand) field('manual update', su.manualCommand);
		if (su.reason) field('reason', su.reason);
	} else {
		field('self-update', 'not reported');
	}

	heading('Metadata');
	const keys = Object.keys(c.metadata).sort();
	if (keys.length === 0) {
		lines.push({text: '(none)', tone: 'dim'});
	}

	for (const key of keys) {
		const value = c.metadata[key];
		field(key, typeof value === 'string' ? value : sanitizeText(JSON.stringify(value) ?? String(value), 400));
	}

	if (c.problems.length > 0) {
		heading('Unreadable fields');
		for (const problem of c.problems) {
			lines.push({text: problem, tone: 'warn'});
		}
	}

	if (history) {
		heading('Heartbeat age at each poll (oldest first)');
		lines.push({text: sparkline(history.heartbeatAges, input.staleAfterMs, symbols.spark) || '-'});
		heading('Sessions');
		if (history.sessions.length === 0) {
			lines.push({text: '(none seen)', tone: 'dim'});
		}

		for (const session of [...history.sessions].reverse()) {
			const since = session.connectedAt === null ? '' : `since ${formatClock(session.connectedAt)}`;
			lines.push({text: `${session.connectionId}  pod ${session.podId ?? '-'}  ${since}`.trimEnd()});
		}

		heading('Events');
		if (history.events.length === 0) {
			lines.push({text: '(none since letta-fleet started)', tone: 'dim'});
		}

		for (const event of [...history.events].reverse()) {
			lines.push({text: `${formatClock(event.at)} ${symbols.event[event.type]} ${describeEvent(event)}`});
		}
	}

	return lines;
}

function yesNo(value: boolean | null): string {
	return value === null ? '?' : value ? 'yes' : 'no';
}
