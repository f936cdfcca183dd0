import {Text} from 'ink';
import type {ViewState} from '../../view/view-state.js';

const HINTS = {
	table: '↑↓ select · Enter details · / filter · 1-4 scope · l log · p pause · r poll · ? all keys · q quit',
	detail: 'Tab/1-4 tabs · ↑↓ PgUp PgDn scroll · c copy id · Esc back · ? help · q quit',
	log: '↑↓ PgUp PgDn scroll · g/G newest/oldest · Esc back · ? help · q quit',
} as const;

export function Footer({view}: {view: ViewState}) {
	if (view.filterEditing) {
		return (
			<Text wrap="truncate">
				<Text bold color="cyan">/</Text>
				<Text>{view.filter}</Text>
				<Text inverse> </Text>
				<Text dimColor>{'  Enter keep · Esc clear · ! inverts'}</Text>
			</Text>
		);
	}

	if (view.flash) {
		return (
			<Text wrap="truncate" color={view.flash.tone === 'error' ? 'red' : 'green'}>
				{view.flash.text}
			</Text>
		);
	}

	return (
		<Text dimColor wrap="truncate">
			{HINTS[view.pane]}
		</Text>
	);
}
