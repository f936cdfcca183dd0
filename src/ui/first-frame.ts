/**
 * The live view's first frame: it waits a little for the first pass, so that a fast API's fleet is in the first frame
 * drawn rather than in a second one after an empty frame (ui/run.tsx).
 */
import type {FleetSource} from '../source.js';
import type {Snapshot} from '../fleet/types.js';
import type {PassProgress} from '../fleet/fetch-fleet.js';

/**
 * How long the live view waits for the first pass before it draws (ms). A pass, or the first page of a pass of
 * several, that comes within it is in the first frame (one frame with rows, instead of an empty one and then, held
 * by Ink's maxFps throttle, the rows); a slower API gets an empty first frame after the wait, as before.
 */
export const FIRST_FRAME_WAIT_MS = 250;

/** What the first frame shows: the first pass, or the first page of a pass of several, or (after the wait) nothing. */
export type FirstFrame = {snapshot?: Snapshot; page?: PassProgress};

/** The first pass, or its first page, if either comes within FIRST_FRAME_WAIT_MS. */
export async function firstFrame(source: FleetSource): Promise<FirstFrame> {
	const pending = source.firstPass?.();
	if (!pending) return {};
	let timer: NodeJS.Timeout | undefined;
	const first = await Promise.race<FirstFrame>([
		// A failed pass is the poller's to report, as before.
		pending.pass.then(
			snapshot => ({snapshot}),
			() => ({}),
		),
		pending.firstPage.then(page => ({page})),
		new Promise<FirstFrame>(resolve => {
			timer = setTimeout(resolve, FIRST_FRAME_WAIT_MS, {});
		}),
	]);
	clearTimeout(timer);
	return first;
}
