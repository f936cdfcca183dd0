/**
 * Every state has a symbol and a word, so the screen reads right without
 * colour. Terminals without UTF-8 get ASCII stand-ins at write time (ascii.ts).
 */
import type {FleetEventType} from '../fleet/types.js';
import type {RowStatus} from '../fleet/rows.js';

export type SymbolSet = {
	status: Record<RowStatus, string>;
	event: Record<FleetEventType, string>;
	selected: string;
	sortAscending: string;
	sortDescending: string;
	/** A group's header line (view/grouping.ts): its rows follow, or are collapsed under it. */
	groupOpen: string;
	groupClosed: string;
	spark: string[];
};

export const UNICODE_SYMBOLS: SymbolSet = {
	status: {online: '●', stale: '◐', offline: '○', gone: '✕'},
	event: {
		appeared: '+',
		connected: '+',
		disconnected: '-',
		removed: 'x',
		reconnected: '~',
		stale: '!',
		recovered: '^',
		changed: '*',
	},
	selected: '›',
	sortAscending: '↑',
	sortDescending: '↓',
	groupOpen: '▾',
	groupClosed: '▸',
	spark: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
};

export const STATUS_COLORS: Record<RowStatus, string> = {
	online: 'green',
	stale: 'yellow',
	offline: 'gray',
	gone: 'red',
};

export const EVENT_COLORS: Record<FleetEventType, string> = {
	appeared: 'cyan',
	connected: 'green',
	disconnected: 'red',
	removed: 'red',
	reconnected: 'blue',
	stale: 'yellow',
	recovered: 'green',
	changed: 'magenta',
};
