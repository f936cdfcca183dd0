/**
 * Every state has a symbol and a word, so the screen reads right without
 * colour; the ASCII set is for terminals without UTF-8.
 */
import type {FleetEventType} from '../fleet/types.js';
import type {RowStatus} from '../fleet/rows.js';

export type SymbolSet = {
	status: Record<RowStatus, string>;
	event: Record<FleetEventType, string>;
	selected: string;
	ellipsis: string;
	sortAscending: string;
	sortDescending: string;
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
	ellipsis: '…',
	sortAscending: '↑',
	sortDescending: '↓',
	spark: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
};

export const ASCII_SYMBOLS: SymbolSet = {
	...UNICODE_SYMBOLS,
	status: {online: '*', stale: '!', offline: 'o', gone: 'x'},
	selected: '>',
	ellipsis: '...',
	sortAscending: '^',
	sortDescending: 'v',
	spark: ['_', '.', '-', '=', '^', '#', '#', '#'],
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
