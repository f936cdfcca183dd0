/**
 * Time passing: the fleet replayed in one-second steps up to the clock's now. Each step first
 * carries out the fates of hung devices that fell due, then draws the step's churn events (a
 * Poisson count at the churn rate) and applies each to a random record. Heartbeats are not
 * stepped: a beating record's lastHeartbeat is worked out when it is read (`view`), which keeps a
 * 50 000-record fleet cheap to advance. Times are epoch ms.
 */
import {pickChurnEvent, poisson, type ChurnEvent} from '../churn.js';
import {BRANCHES, VERSIONS, commandsFor, hostsListeners, namedInstance, randomMode, renamedName} from '../devices.js';
import {addListenerAt, createDevice, renameAt} from './placement.js';
import {namesOn, siblings, stateOf, STEP_MS, update, updateMetadata, type Device, type SimState} from './state.js';
import {beatAt, blipAt, churnFate, connectAt, disconnectAt, hangAt} from './transitions.js';

/** After a long sleep (a laptop lid), replay at most this much churn (ms) rather than every missed step. */
const MAX_CATCH_UP_MS = 60 * 60_000;

/**
 * What `event` does to `device` at `at`. An event the record cannot take becomes one it can: an
 * upgrade past the newest version a branch change; a further listener where none fits, or a rename
 * of an unnamed listener, a mode change; a machine's further listeners stay at two. A connect of a record
 * whose machine has a listener up mostly (3 in 4) does nothing.
 */
function applyChurnEvent(state: SimState, device: Device, event: ChurnEvent, at: number): void {
	const {random} = state;
	const metadata = device.record.metadata ?? {};
	const known = VERSIONS.indexOf(metadata.lettaCodeVersion as (typeof VERSIONS)[number]);
	const newer = known < 0 ? [] : VERSIONS.slice(known + 1);
	if (event === 'upgrade' && newer.length === 0) {
		event = 'branch';
	}

	// A desktop app, a sandbox or a crowded machine runs no further listener; only a named listener's identity
	// moves with a rename.
	if (
		(event === 'add-listener' && (!hostsListeners(device.record) || siblings(state, device).length >= 2)) ||
		(event === 'rename' && !namedInstance(device.record))
	) {
		event = 'mode';
	}

	// A machine's other record mostly stays down while one of its listeners runs (a renamed listener's old record is
	// not coming back), so machines with several online listeners stay a few percent of the fleet.
	if (
		event === 'connect' &&
		siblings(state, device).some(sibling => sibling !== device && stateOf(sibling) !== 'offline') &&
		random.chance(0.75)
	) {
		return;
	}

	switch (event) {
		case 'disconnect':
			return disconnectAt(state, device, at);
		case 'connect':
			return connectAt(state, device, at);
		case 'blip':
			return blipAt(state, device, at, random.chance(0.3) ? `pod-ws-${random.int(1, 8)}` : undefined);
		case 'reconnect':
			return connectAt(state, device, at, random.chance(0.5));
		case 'hang':
			return hangAt(state, device, at, beat => churnFate(state, beat));
		case 'mode':
			return update(device, {currentMode: randomMode(random, device.record.currentMode)});
		case 'branch':
			return updateMetadata(device, {
				gitBranch: random.pick(BRANCHES.filter(branch => branch !== metadata.gitBranch)),
			});
		case 'upgrade': {
			const version = random.pick(newer);
			return updateMetadata(device, {lettaCodeVersion: version, supported_commands: commandsFor(version)});
		}

		case 'add': {
			createDevice(state, at, at, random.chance(0.8) ? {} : {connectionId: null});
			return;
		}

		case 'add-listener': {
			addListenerAt(state, device, at, at);
			return;
		}

		case 'rename': {
			const handle = state.handles.get(device.record.userId ?? '');
			// A name no record has had, on this machine or another: a rename is no way to make a duplicate.
			const taken = [...namesOn(state, device), ...state.namesSeen];
			renameAt(state, device, at, renamedName(random, device.record, handle, taken));
			return;
		}

		case 'remove': {
			state.index.remove(device);
			return;
		}

		case 'none':
			return;
	}
}

/** One step at `at`: the fates that fell due, then the step's churn events. */
function step(state: SimState, at: number): void {
	const {index, random} = state;
	for (const device of [...state.hung]) {
		if (device.fate && device.fate.at <= at) {
			if (device.fate.recovers) {
				beatAt(state, device, at);
			} else {
				disconnectAt(state, device, device.record.lastHeartbeat ?? at);
			}
		}
	}

	for (let events = poisson(random, (state.churn * STEP_MS) / 60_000); events > 0; events--) {
		if (index.size() === 0) {
			createDevice(state, at, at);
			continue;
		}

		// A few tries, since a hung device has nothing left to happen to it, nor a local proxy's row.
		for (let tries = 0; tries < 4; tries++) {
			const device = random.pick(index.items);
			const event = device.churns
				? pickChurnEvent(random, stateOf(device), index.size() / state.startSize)
				: 'none';
			if (event !== 'none') {
				applyChurnEvent(state, device, event, at);
				break;
			}
		}
	}
}

/**
 * Moves the fleet to `state.now()`, replaying every whole step up to it (at most the last hour's,
 * after a long sleep); a clock that stood still or went back changes nothing.
 */
export function advance(state: SimState): void {
	const now = state.now();
	if (!(now > state.current)) {
		return;
	}

	if (now - state.nextStep > MAX_CATCH_UP_MS) {
		state.nextStep += Math.floor((now - MAX_CATCH_UP_MS - state.nextStep) / STEP_MS) * STEP_MS;
	}

	for (; state.nextStep <= now; state.nextStep += STEP_MS) {
		// Churn 0 freezes hung devices too: a still fleet changes only by heartbeats.
		if (state.churn > 0) {
			step(state, state.nextStep);
		}
	}

	state.current = now;
}
