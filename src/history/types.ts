/**
 * What the history keeps and its readers share: listeners as the API names them, and their status
 * over time as intervals. Time no interval covers is unknown (the monitor was not running, or did not
 * see the listener): never online, never offline.
 */
import type {ConnectionStatus} from '../fleet/types.js';

/**
 * A listener as the API names it: the record's `id` with its other names beside it. The row key is
 * session-local and never stored.
 */
export type RecordedListener = {
	/** The record's `id` exactly as the API sent it. */
	id: string;
	deviceId: string | null;
	listenerInstanceId: string | null;
	connectionName: string;
};

/** The statuses history keeps; `gone` (a row the API stopped listing) is recorded as offline. */
export type RecordedStatus = Extract<ConnectionStatus, 'online' | 'stale' | 'offline'>;

/** One stretch of one status, epoch ms, half-open: `[from, to)`. */
export type StatusInterval = {status: RecordedStatus; from: number; to: number};

/** One listener's observed stretches within a window, oldest first, not overlapping. */
export type ListenerIntervals = {
	listener: RecordedListener;
	intervals: StatusInterval[];
	/** The last time it was seen online (its record's heartbeat or the poll that saw it), epoch ms; null if never. */
	lastSeenAt: number | null;
};
