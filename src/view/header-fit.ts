/**
 * Fits one header line to a width by priority, as the footer fits its hints (key-text.ts fitHints):
 * each piece of the line has forms, longest first, and a priority; while the line is too wide the
 * lowest-priority piece takes its next shorter form, or goes when it has none (a required piece only
 * shortens). So on a short terminal the extras go first and what matters most stays whole, in the
 * order the line reads.
 */
import {displayWidth} from './text.js';

/**
 * How a run of text is shown; ui/components/header.tsx maps each tone to a colour. The status tones
 * are the counts' (symbols.ts STATUS_COLORS); `waiting` … `quiet` are the polls' (PollHealthText).
 */
export type HeaderTone =
	| 'plain'
	| 'lead'
	| 'dim'
	| 'online'
	| 'stale'
	| 'offline'
	| 'gone'
	| 'dup'
	| 'trend'
	| 'warning'
	| 'paused'
	| 'loading'
	| 'waiting'
	| 'halted'
	| 'failing'
	| 'connecting'
	| 'recovered'
	| 'quiet';

/** A run of text in one tone; `bold` adds weight (a count of problems that is not zero). */
export type Run = {text: string; tone: HeaderTone; bold?: boolean};

/**
 * One piece of a header line. `forms`: its renderings, longest (preferred) first, none empty.
 * `priority`: higher is kept longer; among equals the later piece gives way first. `required`: never
 * dropped, only shortened (the counts, the outage). `separator`: put before it when a piece precedes it.
 */
export type HeaderSegment = {
	id: string;
	priority: number;
	forms: Run[][];
	required?: boolean;
	separator?: string;
};

/** A kept piece, its chosen form's runs with its separator (if any) first. */
export type FittedSegment = {id: string; runs: Run[]};

const width = (runs: readonly Run[]) => runs.reduce((sum, run) => sum + displayWidth(run.text), 0);

/**
 * The segments that fit in `columns` cells, each in the longest form that the priorities allow, in
 * their given order. When even the required pieces' shortest forms do not fit, they are all returned
 * (the terminal cuts the line's end). O(s² · f) for s segments of f forms: a header has a handful.
 */
export function fitSegments(segments: readonly HeaderSegment[], columns: number): FittedSegment[] {
	const chosen: number[] = segments.map(segment => (segment.forms.length > 0 ? 0 : -1));
	const render = (): FittedSegment[] => {
		const fitted: FittedSegment[] = [];
		segments.forEach((segment, index) => {
			const form = chosen[index]!;
			if (form < 0) return;
			const separator =
				fitted.length > 0 && segment.separator ? [{text: segment.separator, tone: 'dim' as const}] : [];
			fitted.push({id: segment.id, runs: [...separator, ...segment.forms[form]!]});
		});
		return fitted;
	};

	for (;;) {
		const fitted = render();
		if (fitted.reduce((sum, segment) => sum + width(segment.runs), 0) <= columns) return fitted;
		// The piece to give way: lowest priority, the later among equals, that can still shorten or go.
		let victim = -1;
		segments.forEach((segment, index) => {
			const form = chosen[index]!;
			if (form < 0) return;
			const canGive = form + 1 < segment.forms.length || !segment.required;
			if (!canGive) return;
			if (victim < 0 || segment.priority <= segments[victim]!.priority) victim = index;
		});
		if (victim < 0) return fitted;
		const next = chosen[victim]! + 1;
		chosen[victim] = next < segments[victim]!.forms.length ? next : -1;
	}
}

/** The plain text of a fitted line (for tests and widths). */
export function fittedText(fitted: readonly FittedSegment[]): string {
	return fitted.map(segment => segment.runs.map(run => run.text).join('')).join('');
}
