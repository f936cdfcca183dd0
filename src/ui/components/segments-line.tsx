import {Text} from 'ink';
import {memo} from 'react';
import type {Segment} from '../../view/row-line.js';

type Props = {segments: Segment[]; signature: string};

function SegmentsLineView({segments}: Props) {
	return (
		<Text wrap="truncate">
			{segments.map((segment, index) => (
				<Text
					// Segments are positional: the same index is the same column in every frame.
					key={index}
					color={segment.color}
					bold={segment.bold}
					dimColor={segment.dim}
					inverse={segment.inverse}
					underline={segment.underline}
				>
					{segment.text}
				</Text>
			))}
		</Text>
	);
}

/** Redrawn only when its signature changes: a steady row costs nothing per frame. */
export const SegmentsLine = memo(SegmentsLineView, (previous, next) => previous.signature === next.signature);
