import {Box, Text} from 'ink';
import type {DetailLine} from '../../view/detail.js';
import {STATUS_COLORS} from '../../view/symbols.js';
import {DETAIL_TABS, type DetailTab, detailTabLabel} from '../../view/view-state.js';

/** `lines` are laid out for the width already (view/detail-layout.ts): each fits, labels and indents included. */
type Props = {title: string; tab: DetailTab; lines: DetailLine[]; scroll: number; height: number; note: string | null};

export function DetailPane({title, tab, lines, scroll, height, note}: Props) {
	const bodyHeight = Math.max(1, height - 2);
	const visible = lines.slice(scroll, scroll + bodyHeight);
	const more = lines.length > scroll + bodyHeight ? ` · ${lines.length - scroll - bodyHeight} more lines (↓)` : '';
	return (
		<Box flexDirection="column" height={height}>
			<Text wrap="truncate">
				<Text bold inverse>{` ${title} `}</Text>
				<Text dimColor>{`  Esc back${more}`}</Text>
				{note ? <Text color="yellow">{`  ${note}`}</Text> : null}
			</Text>
			<Text wrap="truncate">
				{DETAIL_TABS.map((name, index) => (
					<Text key={name} bold={name === tab} inverse={name === tab} dimColor={name !== tab}>
						{detailTabLabel(index)}
					</Text>
				))}
				<Text dimColor>{'  Tab/←→ switch'}</Text>
			</Text>
			{visible.map((line, index) => (
				<Text key={scroll + index} wrap="truncate">
					{line.label === undefined ? null : <Text dimColor>{line.label}</Text>}
					<DetailText line={line} />
				</Text>
			))}
		</Box>
	);
}

function DetailText({line}: {line: DetailLine}) {
	if (line.segments) {
		return (
			<Text>
				{line.label === undefined ? '  ' : ''}
				{line.segments.map((segment, index) => (
					<Text key={index} color={segment.color}>
						{segment.text}
					</Text>
				))}
			</Text>
		);
	}

	switch (line.tone) {
		case 'heading': {
			return (
				<Text bold color="cyan">
					{line.text}
				</Text>
			);
		}

		case 'dim':
		case 'label': {
			// An empty Text takes no row in Ink, while the scrolling counts one: a blank line is a space.
			return <Text dimColor>{line.text || ' '}</Text>;
		}

		case 'warn': {
			return <Text color="yellow">{line.text}</Text>;
		}

		case undefined: {
			return <Text>{line.text}</Text>;
		}

		default: {
			return (
				<Text color={STATUS_COLORS[line.tone]} bold>
					{line.text}
				</Text>
			);
		}
	}
}
