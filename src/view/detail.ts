/**
 * The detail pane's content as plain lines, so it can be scrolled, tested
 * without a terminal, and drawn by a thin component.
 */
import type {DeviceHistory} from '../fleet/reducer.js';
import type {DuplicateInfo} from '../fleet/listeners.js';
import type {FleetRow, RowStatus} from '../fleet/rows.js';
import type {Connection} from '../api/connection.js';
import {sanitizeDeep, sanitizeText} from '../api/sanitize.js';
import {cellText, columnByKey, machineText} from './columns.js';
import {describeEvent} from './event-text.js';
import {formatEventTime, formatPreciseAge} from './format.js';
import {formatTimestamp} from './time-format.js';
import {sparkline} from './sparkline.js';
import {availabilityPane, BAND_COLORS} from './availability-band.js';
import type {ListenerIntervals} from '../history/types.js';
import type {SymbolSet} from './symbols.js';
import type {DetailTab} from './view-state.js';

/** The table's BEAT column: a related listener's line shows its heartbeat's age as the table does. */
const HEARTBEAT = columnByKey('heartbeat');

export type DetailTone = 'heading' | 'label' | 'dim' | 'warn' | RowStatus;
/** One line of the pane; `segments`, when given, draw it instead of `text`, each in its own colour (the band). */
export type DetailLine = {
	label?: string;
	text: string;
	tone?: DetailTone;
	segments?: ReadonlyArray<{text: string; color: string}>;
};

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
	/** Whether it is flagged as a duplicate, and the live ones among its twins (see fleet/listeners.ts). */
	duplicate: DuplicateInfo | null;
	/** Added by a Desktop app's local proxy, not the platform. */
	local: boolean;
	/** The other rows of its machine and the other rows with its name, as the table has them. */
	related: readonly FleetRow[];
	/**
	 * Its recorded status over the last 30 days, from the history file: null when nothing was recorded
	 * for it yet, undefined when no history is read (off, or no file).
	 */
	recorded?: ListenerIntervals | null | undefined;
};

export type DetailSections = Record<DetailTab, DetailLine[]>;

/** The pane's four tabs: overview, every metadata key, history, and the record as sent. */
export function detailSections(input: DetailInput): DetailSections {
	return {
		overview: overviewLines(input),
		metadata: metadataLines(input.connection),
		events: [...availabilityLines(input), ...historyLines(input)],
		raw: rawLines(input.connection),
	};
}

function lineWriter(lines: DetailLine[]) {
	return {
		heading: (text: string) => lines.push({text: '', tone: 'dim'}, {text, tone: 'heading'}),
		field: (label: string, value: string | null | undefined, tone?: DetailTone) =>
			lines.push({label, text: value === null || value === undefined || value === '' ? '-' : value, tone}),
	};
}

function overviewLines(input: DetailInput): DetailLine[] {
	const {connection: c, serverNow, now, symbols} = input;
	const lines: DetailLine[] = [];
	const {heading, field} = lineWriter(lines);
	const time = (epoch: number | null) => formatTimestamp(epoch, serverNow);

	lines.push({label: 'status', text: `${symbols.status[input.status]} ${input.status}`, tone: input.status});
	field('name', c.connectionName);
	field('device id', c.deviceId);
	field('listener', c.listenerInstanceId ?? '- (not sent)');
	field('record id', c.recordId ?? '- (missing)');
	if (c.keyNote) {
		field('row key', `${c.id}: ${c.keyNote}`, 'warn');
	}

	if (input.local) {
		field('local row', "added by a Letta Desktop app's local proxy, not listed by the platform", 'warn');
	}

	field('connection', c.connectionId ?? '- (offline)');
	field('pod', c.podId);
	field('mode', c.modeAsSent ? `${c.mode} (sent as ${c.modeAsSent})` : c.mode);
	field('user', c.userId);
	field('key owner', c.apiKeyOwner);
	field('organization', c.organizationId);
	if (input.refreshedAt !== null) {
		const age = now - input.refreshedAt;
		field(
			'refreshed',
			`${age < 1000 ? 'just now' : `${formatPreciseAge(age)} ago`} (GET /v1/environments/{deviceId})`,
			'dim',
		);
	}

	lines.push(...listenerLines(input));
	heading('Times');
	// Each moment once, with its one age (the heartbeat's age, how long it has been up): a second age beside it,
	// rounded otherwise, read as a second fact.
	field('heartbeat', time(c.lastHeartbeat));
	field('connected', time(c.connectedAt));
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

	if (c.problems.length > 0) {
		heading('Unreadable fields');
		for (const problem of c.problems) {
			lines.push({text: problem, tone: 'warn'});
		}
	}

	return lines;
}

/**
 * "Which of these is the live one?": the duplicate verdict first, then every
 * other listener of the machine and every other row with the name, with status
 * and heartbeat, so a person can tell the live one at a glance.
 */
function listenerLines(input: DetailInput): DetailLine[] {
	const {connection: c, duplicate, related, symbols, serverNow} = input;
	const lines: DetailLine[] = [];
	const {heading, field} = lineWriter(lines);
	const describe = (row: FleetRow) =>
		`${symbols.status[row.status]} ${row.status.padEnd(7)} ${row.connection.connectionName}  machine ${machineText(row)}  ${row.connection.listenerInstanceId ?? '-'}  beat ${cellText(HEARTBEAT, row, serverNow)}  ${recordOf(row)}`;
	if (duplicate) {
		heading('Duplicates');
		if (duplicate.sameName) {
			field('same name', `${duplicate.sameName.members.length} rows are named ${c.connectionName}`, 'warn');
		}

		if (duplicate.sameMachine) {
			field(
				'same machine',
				`${duplicate.sameMachine.members.length} listeners of this machine are online`,
				'warn',
			);
		}

		field('live', liveVerdict(input));
	}

	const machine = related.filter(row => row.connection.deviceId === c.deviceId);
	if (machine.length > 0) {
		heading(`Other listeners on this machine (${machine.length})`);
		for (const row of machine) lines.push({text: describe(row), tone: row.status});
	}

	const named = related.filter(
		row => row.connection.deviceId !== c.deviceId && row.connection.connectionName === c.connectionName,
	);
	if (named.length > 0) {
		heading(`Other machines' rows named ${c.connectionName} (${named.length})`);
		for (const row of named) lines.push({text: describe(row), tone: row.status});
	}

	return lines;
}

/** Names listed in the live verdict before "and N more". */
const LIVE_NAMES_SHOWN = 5;

/**
 * One line naming the live one(s), online and beating, among the rows of its name and its machine's online listeners.
 */
function liveVerdict({connection: c, duplicate, related}: DetailInput): string {
	const live = [...new Set([...(duplicate?.sameName?.live ?? []), ...(duplicate?.sameMachine?.live ?? [])])];
	if (live.length === 0) {
		return 'none of them: no listener among them is online';
	}

	if (live.length === 1) {
		return live[0] === c.id
			? 'this one (online, beating)'
			: `${nameOf(
					related.find(row => row.id === live[0]),
					live[0]!,
				)}, not this one`;
	}

	// This one first, when it is live: it is the one being looked at.
	const ordered = live.includes(c.id) ? [c.id, ...live.filter(id => id !== c.id)] : live;
	const names = ordered.slice(0, LIVE_NAMES_SHOWN).map(id =>
		id === c.id
			? 'this one'
			: nameOf(
					related.find(row => row.id === id),
					id,
				),
	);
	const more = ordered.length > LIVE_NAMES_SHOWN ? ` and ${ordered.length - LIVE_NAMES_SHOWN} more` : '';
	return `${live.length} are online and beating: ${names.join(', ')}${more}`;
}

/**
 * A row as a person tells it apart: name, machine and record. Not the
 * listenerInstanceId: it is derived from the name, so two machines' listeners
 * of one name share it.
 */
function nameOf(row: FleetRow | undefined, id: string): string {
	return row ? `${row.connection.connectionName} on ${machineText(row)} (${recordOf(row)})` : id;
}

/** "record env-1", or with the row's own key when the listing gave it another (a repeated or missing id). */
function recordOf(row: FleetRow): string {
	const {recordId} = row.connection;
	return recordId === row.id ? `record ${recordId}` : `record ${recordId ?? '(no id)'}, row ${row.id}`;
}

function metadataLines(c: Connection): DetailLine[] {
	const lines: DetailLine[] = [];
	const {field} = lineWriter(lines);
	const keys = Object.keys(c.metadata).sort();
	if (keys.length === 0) {
		lines.push({text: '(no metadata)', tone: 'dim'});
	}

	for (const key of keys) {
		const value = c.metadata[key];
		field(key, typeof value === 'string' ? value : sanitizeText(JSON.stringify(value) ?? String(value), 400));
	}

	return lines;
}

/** The availability part of the events tab: the 24-hour band, its words, and when it was down. */
function availabilityLines({recorded, now, symbols}: DetailInput): DetailLine[] {
	const heading: DetailLine = {text: 'Availability, last 24 hours (a cell per 30 minutes)', tone: 'heading'};
	if (recorded === undefined) {
		return [heading, {text: '(history is not recorded: --no-history, or no file)', tone: 'dim'}, BLANK];
	}

	if (recorded === null) return [heading, {text: '(nothing recorded for it yet)', tone: 'dim'}, BLANK];
	const pane = availabilityPane(recorded, now, symbols);
	const segments: Array<{text: string; color: string}> = [];
	for (const {glyph, tone} of pane.band) {
		const last = segments.at(-1);
		if (last && last.color === BAND_COLORS[tone]) last.text += glyph;
		else segments.push({text: glyph, color: BAND_COLORS[tone]});
	}

	return [
		heading,
		{text: pane.band.map(cell => cell.glyph).join(''), segments},
		{text: pane.words},
		...pane.stretches.map((text): DetailLine => ({text, tone: 'dim'})),
		BLANK,
	];
}

const BLANK: DetailLine = {text: '', tone: 'dim'};

function historyLines({history, staleAfterMs, symbols, serverNow, now, recorded}: DetailInput): DetailLine[] {
	const lines: DetailLine[] = [];
	const {heading} = lineWriter(lines);
	if (!history) {
		return [{text: '(no history: the device is gone)', tone: 'dim'}];
	}

	lines.push({text: 'Heartbeat age at each poll (oldest first; a full bar is stale)', tone: 'heading'});
	const beating = history.heartbeatAges.some(age => age !== null);
	lines.push(
		beating
			? {text: sparkline(history.heartbeatAges, staleAfterMs, symbols.spark)}
			: {text: '(no heartbeat at any poll: offline since letta-fleet started)', tone: 'dim'},
	);
	heading('Sessions (newest first)');
	if (history.sessions.length === 0) {
		lines.push({text: '(none seen)', tone: 'dim'});
	}

	for (const session of [...history.sessions].reverse()) {
		const since = session.connectedAt === null ? '' : `since ${formatTimestamp(session.connectedAt, serverNow)}`;
		lines.push({text: `${session.connectionId}  pod ${session.podId ?? '-'}  ${since}`.trimEnd()});
	}

	heading('Events (newest first)');
	if (history.events.length === 0) {
		// With a history file read, the events shown are every run's, not this one's.
		lines.push({
			text: recorded === undefined ? '(none since letta-fleet started)' : '(none recorded)',
			tone: 'dim',
		});
	}

	for (const event of [...history.events].reverse()) {
		lines.push({text: `${formatEventTime(event.at, now)} ${symbols.event[event.type]} ${describeEvent(event)}`});
	}

	return lines;
}

/** The record as the API sent it, pretty-printed, every string made safe to show. */
function rawLines(c: Connection): DetailLine[] {
	return JSON.stringify(sanitizeDeep(c.raw), null, 2)
		.split('\n')
		.map(text => ({text}));
}

function yesNo(value: boolean | null): string {
	return value === null ? '?' : value ? 'yes' : 'no';
}
