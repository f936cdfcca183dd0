/**
 * A simulated Letta fleet that lives on a clock it is handed. Its records are
 * listeners, as on the platform: one machine (deviceId) may hold several, a
 * renamed listener leaves its old record offline, and a socket blip keeps the
 * session (connectionId) while a re-registration renews it (reference notes). It never reads
 * the real time or sets timers: each read first calls advance(), which replays
 * one-second steps up to now(), so a fake clock drives it exactly and a seed
 * replays the same history however often it is read.
 *
 * Heartbeats are not stepped: a healthy device beats every 30 s from the moment
 * it connected (its own phase), and its lastHeartbeat is worked out when it is
 * read. That keeps a 50 000-device fleet cheap to advance.
 *
 * Records are replaced, never changed in place, so what a caller got stays as
 * it was.
 *
 * This file puts the parts in `simulation/` together: one state object (`state.ts`) that the
 * seed (`seed.ts`, `guarantee.ts`), time (`advance.ts`), the reads (`reads.ts`), the control API
 * (`controls.ts`) and real listeners' records (`listener-records.ts`) all read and write.
 */
import {advance} from './simulation/advance.js';
import {simulationControls} from './simulation/controls.js';
import {listenerRecords} from './simulation/listener-records.js';
import {simulationReads} from './simulation/reads.js';
import {seedFleet} from './simulation/seed.js';
import {createState} from './simulation/state.js';
import type {Simulation, SimulationOptions} from './simulation/types.js';

export type {DeviceState, Page, PageQuery, RawConnection, RawMetadata, RawSelfUpdate} from './types.js';
export {DROP_AFTER_MS, HEARTBEAT_MS} from './simulation/state.js';
export type {
	ListenerKey,
	ListenerRegistration,
	ListenerStatus,
	Simulation,
	SimulationOptions,
} from './simulation/types.js';

/**
 * A fleet of `options.size` records (40 by default) seeded from `options.seed`, at `options.now()`.
 * Throws a RangeError for a negative or non-finite `churnPerMinute`.
 */
export function createSimulation(options: SimulationOptions): Simulation {
	const state = createState(options);
	seedFleet(state, Math.max(0, options.size ?? 40));
	return {
		advance: () => advance(state),
		time: () => state.current,
		clock: options.now,
		...simulationReads(state),
		...simulationControls(state),
		...listenerRecords(state),
	};
}
