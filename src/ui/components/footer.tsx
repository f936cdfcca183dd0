/**
 * The last line: the filter prompt while typing one, a flash for a few seconds,
 * or the key hints of where the operator is, read off the keymap
 * (src/view/keymap.ts) and fitted to the width: lower-priority hints drop first,
 * so `? help` and `q quit` stay at any width from 40.
 */
import {Text} from 'ink';
import {memo} from 'react';
import {fitHints} from '../../view/key-text.js';
import {hintsFor, focusOf} from '../../view/keymap.js';
import {displayWidth, truncate} from '../../view/text.js';
import {activeFilter, type ViewState} from '../../view/view-state.js';

/** Drawn again only when the view or the width changes: a tick or a poll moves nothing in it. */
export const Footer = memo(function Footer({view, width}: {view: ViewState; width: number}) {
	if (view.filterEditing) {
		// The prompt keeps its cursor: the hints get what the pattern leaves.
		const prompt = view.prompt === 'jump' ? 'go to: ' : '/';
		const pattern = truncate(activeFilter(view), Math.max(1, width - prompt.length - 2));
		const room = width - prompt.length - 1 - displayWidth(pattern) - 2;
		const hints =
			room <= 0
				? ''
				: view.prompt === 'jump'
					? truncate('3h ago · 90m · 09:30 · a date · Enter go · Esc cancel', room)
					: fitHints(hintsFor('filter'), room, displayWidth);
		return (
			<Text wrap="truncate">
				<Text bold color="cyan">
					{prompt}
				</Text>
				<Text>{pattern}</Text>
				<Text inverse> </Text>
				{hints ? <Text dimColor>{`  ${hints}`}</Text> : null}
			</Text>
		);
	}

	// A flash (copied, exported, a paste ignored) stands in for the hints for its few seconds.
	if (view.flash) {
		return (
			<Text wrap="truncate" color={view.flash.tone === 'error' ? 'red' : 'green'}>
				{view.flash.text}
			</Text>
		);
	}

	return (
		<Text dimColor wrap="truncate">
			{fitHints(hintsFor(focusOf(view)), width, displayWidth)}
		</Text>
	);
});
