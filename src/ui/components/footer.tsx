import {Text} from 'ink';
import type {ViewState} from '../../view/view-state.js';

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

	const hints =
		view.pane === 'detail'
			? '↑↓ scroll · PgUp/PgDn page · Esc back · ? help · q quit'
			: '↑↓ select · Enter details · / filter · 1-3 scope · S N H… sort · p pause · r poll · ? help · q quit';
	return (
		<Text dimColor wrap="truncate">
			{hints}
		</Text>
	);
}
