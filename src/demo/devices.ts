/**
 * Invents believable listeners for the demo fleet: names, device ids, instance
 * ids, owners and metadata in the shapes Letta Code really sends. A record is
 * one listener, not one machine (reference notes): a machine may carry several,
 * and a renamed listener leaves its old record behind. Everything comes from
 * the seeded generator, so a seed always yields the same fleet.
 */
import {createHash} from 'node:crypto';
import type {Random} from './random.js';
import type {RawConnection, RawMetadata, RawSelfUpdate} from './types.js';

export type DemoUser = {id: string; handle: string};
/** People own laptops and sandboxes; runners and CI register with a service account's key. */
export type DemoUsers = {people: DemoUser[]; bot: DemoUser};

/** Oldest first: an upgrade moves a device to a later entry. The last is only reached by upgrading. */
export const VERSIONS = ['0.30.2', '0.31.4', '0.32.0', '0.32.1', '0.32.2'] as const;
const INITIAL_VERSIONS: ReadonlyArray<[string, number]> = [
	['0.30.2', 0.1],
	['0.31.4', 0.25],
	['0.32.0', 0.3],
	['0.32.1', 0.35],
];

/**
 * Mostly current names (unrestricted, standard, acceptEdits, strict), the legacy ones older
 * clients still store (`default` = standard; `fullAccess`, `bypassPermissions` = unrestricted),
 * and `plan`, which no current client sends (reference notes).
 */
const MODES: ReadonlyArray<[string, number]> = [
	['standard', 0.32],
	['acceptEdits', 0.23],
	['unrestricted', 0.15],
	['strict', 0.09],
	['default', 0.07],
	['fullAccess', 0.06],
	['bypassPermissions', 0.04],
	['plan', 0.04],
];

export const BRANCHES = [
	'main',
	'main',
	'main',
	'develop',
	'feat/fleet-view',
	'feat/agent-memory',
	'feat/sso-login',
	'feat/streaming-tools',
	'fix/heartbeat-timeout',
	'fix/windows-paths',
	'fix/flaky-ci',
	'chore/bump-deps',
];

const HANDLES = ['maya', 'jonas', 'priya', 'sam', 'lee', 'ana'];
const REPOS = ['letta-app', 'infra', 'api-server', 'docs', 'mobile', 'ml-pipeline'];
const NODE_VERSIONS = ['v22.19.0', 'v22.19.0', 'v22.20.0', 'v24.11.1', 'v20.19.5'];
const INSTALL_PATH = '/usr/local/lib/node_modules/@letta-ai/letta-code';

type Kind = 'laptop' | 'desktop' | 'host' | 'runner' | 'ci' | 'gpu' | 'sandbox';
const KINDS: ReadonlyArray<[Kind, number]> = [
	['laptop', 0.33],
	['desktop', 0.06],
	['host', 0.12],
	['runner', 0.14],
	['ci', 0.1],
	['gpu', 0.05],
	['sandbox', 0.2],
];

/** Where a Letta Desktop app's local proxy puts its synthetic rows (reference notes; shape unconfirmed). */
export const LOCAL_ORGANIZATION_ID = 'local';

/**
 * A `letta server` listener's instance id: `server-<16 hex>`, derived from its name, so it is
 * stable across restarts and a new name means a new record (reference notes). Letta Code's own
 * digest is not documented; any stable one behaves the same on the wire.
 */
export function serverInstanceId(connectionName: string): string {
	return `server-${createHash('sha256').update(connectionName).digest('hex').slice(0, 16)}`;
}

/**
 * Whether a record's identity follows its name (a `letta server` listener), rather than being fixed (the desktop app).
 */
export function namedInstance(record: RawConnection): boolean {
	return record.listenerInstanceId?.startsWith('server-') ?? false;
}

/** Whether a machine may run further `letta server` listeners: not a sandbox, a desktop app or a local proxy's row. */
export function hostsListeners(record: RawConnection): boolean {
	return (
		namedInstance(record) &&
		!record.deviceId.startsWith('sandbox-') &&
		record.organizationId !== LOCAL_ORGANIZATION_ID
	);
}

export function createUsers(random: Random): DemoUsers {
	return {
		people: HANDLES.map(handle => ({id: `user-${random.uuid()}`, handle})),
		bot: {id: `user-${random.uuid()}`, handle: 'ci-bot'},
	};
}

/** A random mode, other than `current` where the dice allow. */
export function randomMode(random: Random, current?: string): string {
	let mode = random.weighted(MODES);
	for (let tries = 0; tries < 3 && mode === current; tries++) {
		mode = random.weighted(MODES);
	}

	return mode;
}

export function commandsFor(version: string): string[] {
	// Remote upgrade arrived in 0.32; older clients cannot be asked to update.
	const [major = 0, minor = 0] = version.split('.').map(Number);
	return major > 0 || minor >= 32 ? ['doctor', 'compact', 'upgrade-letta-code'] : ['doctor', 'compact'];
}

function selfUpdate(random: Random, os: string, kind: Kind): RawSelfUpdate {
	if (kind === 'sandbox') {
		return {supported: false, writable: false, reason: 'managed sandbox image'};
	}

	const installPath =
		os === 'win32' ? 'C:\\Users\\dev\\AppData\\Roaming\\npm\\node_modules\\@letta-ai\\letta-code' : INSTALL_PATH;
	return random.chance(0.75)
		? {supported: true, writable: true, install_path: installPath}
		: {
				supported: true,
				writable: false,
				install_path: installPath,
				manual_command: 'sudo npm install -g @letta-ai/letta-code@latest',
				reason: 'install directory is not writable',
			};
}

function workingDirectory(os: string, handle: string, repo: string, kind: Kind): string {
	return kind === 'sandbox'
		? '/home/user/workspace'
		: kind === 'runner' || kind === 'ci'
			? `/srv/runner/_work/${repo}/${repo}`
			: os === 'darwin'
				? `/Users/${handle}/code/${repo}`
				: os === 'win32'
					? `C:\\Users\\${handle}\\code\\${repo}`
					: `/home/${handle}/src/${repo}`;
}

type Identity = {deviceId: string; connectionName: string; os: string; user: DemoUser};

function identity(random: Random, kind: Kind, {people, bot}: DemoUsers): Identity {
	const person = random.pick(people);
	const linux = (connectionName: string, user = person, deviceId = random.uuid()): Identity => ({
		deviceId,
		connectionName,
		os: 'linux',
		user,
	});
	switch (kind) {
		case 'laptop': {
			const model = random.pick(['mbp', 'mbp', 'air', 'laptop', 'xps', 'thinkpad']);
			const os = model === 'mbp' || model === 'air' ? 'darwin' : random.pick(['linux', 'win32', 'darwin']);
			return {deviceId: random.uuid(), connectionName: `${person.handle}-${model}`, os, user: person};
		}

		case 'desktop': {
			const os = random.pick(['darwin', 'darwin', 'win32']);
			const handle = person.handle.slice(0, 1).toUpperCase() + person.handle.slice(1);
			const host = os === 'darwin' ? `${handle}s-MacBook-Pro.local` : `DESKTOP-${random.hex(7).toUpperCase()}`;
			return {deviceId: `desktop:${random.uuid()}`, connectionName: host, os, user: person};
		}

		case 'host':
			return linux(
				random.chance(0.5)
					? `ip-10-0-${random.int(0, 31)}-${random.int(2, 254)}`
					: `${person.handle}-dev.internal`,
			);
		case 'runner':
			return linux(`build-runner-${String(random.int(1, 24)).padStart(2, '0')}`, bot);
		case 'ci':
			return linux(`ci-linux-${random.int(1, 40)}`, bot);
		case 'gpu':
			return linux(`gpu-box-${random.pick(['eu1', 'eu2', 'us1', 'us2', 'ap1'])}`);
		case 'sandbox':
			return linux(`sandbox-agent-${random.hex(4)}`, person, `sandbox-agent-${random.uuid()}`);
	}
}

export type NewDevice = {id: string; organizationId: string; users: DemoUsers; firstSeenAt: number};

/** A device record in its offline shape; the simulation connects it if it should be online. */
export function generateDevice(random: Random, options: NewDevice): RawConnection {
	const kind = random.weighted(KINDS);
	const {deviceId, connectionName, os, user} = identity(random, kind, options.users);
	const version = random.weighted(INITIAL_VERSIONS);
	const metadata: RawMetadata = {
		lettaCodeVersion: version,
		nodeVersion: random.pick(NODE_VERSIONS),
		os,
		workingDirectory: workingDirectory(os, user.handle, random.pick(REPOS), kind),
		supported_commands: commandsFor(version),
		self_update: selfUpdate(random, os, kind),
	};
	// A sandbox without a git checkout sends no branch at all.
	if (kind !== 'sandbox' || random.chance(0.5)) {
		metadata.gitBranch =
			kind === 'runner' || kind === 'ci' ? random.pick(['main', 'main', 'develop']) : random.pick(BRANCHES);
	}

	return {
		id: options.id,
		deviceId,
		connectionId: null,
		// The desktop app's id is not derived from a name; what follows the prefix is not documented.
		listenerInstanceId: kind === 'desktop' ? `desktop-primary:${random.uuid()}` : serverInstanceId(connectionName),
		connectionName,
		organizationId: options.organizationId,
		podId: null,
		connectedAt: null,
		lastHeartbeat: null,
		firstSeenAt: options.firstSeenAt,
		lastSeenAt: options.firstSeenAt,
		apiKeyOwner: user.id,
		userId: user.id,
		currentMode:
			kind === 'sandbox' ? random.pick(['unrestricted', 'unrestricted', 'acceptEdits']) : randomMode(random),
		metadata,
	};
}

/** A name for a listener that no record in `taken` uses, built by `make`; a digit is added after a few misses. */
function unusedName(random: Random, taken: readonly string[], make: () => string): string {
	for (let tries = 0; tries < 4; tries++) {
		const name = make();
		if (!taken.includes(name)) {
			return name;
		}
	}

	let name = `${make()}-${random.int(2, 99)}`;
	while (taken.includes(name)) {
		name = `${name}${random.int(0, 9)}`;
	}

	return name;
}

const ROLES = ['api', 'docs', 'infra', 'review', 'worker', 'agent', 'ml', 'web'];
const RENAMES = ['work', 'dev', 'main', 'box', 'agent', 'laptop'];

/** A further listener's name on a machine, as people pick with `--computer-name` (`maya-mbp-docs`). */
export function listenerName(random: Random, machineName: string, taken: readonly string[]): string {
	return unusedName(random, taken, () => `${machineName}-${random.pick(ROLES)}`);
}

/**
 * The new name of a renamed listener: a person's own (`maya-work`), or a runner's next generation
 * (`build-runner-07-v2`).
 */
export function renamedName(
	random: Random,
	current: RawConnection,
	handle: string | undefined,
	taken: readonly string[],
): string {
	return unusedName(random, taken, () =>
		handle === undefined || handle === 'ci-bot'
			? `${current.connectionName}-${random.pick(['v2', 'b', 'new'])}`
			: `${handle}-${random.pick(RENAMES)}`,
	);
}

/**
 * The name a listener had before a rename: mostly the machine's hostname, which `letta server`
 * uses until it is given `--computer-name`.
 */
export function previousName(
	random: Random,
	current: RawConnection,
	handle: string | undefined,
	taken: readonly string[],
): string {
	const os = current.metadata?.os;
	const person = handle === undefined ? 'Dev' : handle.slice(0, 1).toUpperCase() + handle.slice(1);
	return unusedName(random, [...taken, current.connectionName], () =>
		os === 'darwin'
			? random.pick([`${person}s-MacBook-Pro.local`, `${person}s-MBP`, `${current.connectionName}-old`])
			: os === 'win32'
				? `DESKTOP-${random.hex(7).toUpperCase()}`
				: random.pick([
						`ip-10-0-${random.int(0, 31)}-${random.int(2, 254)}`,
						'ubuntu',
						'localhost',
						`${current.connectionName}-old`,
					]),
	);
}

/** The same place on the same machine, in another repository. */
function otherWorkingDirectory(random: Random, directory: string): string {
	const repo = random.pick(REPOS.filter(other => !directory.endsWith(other)));
	const runner = /^(.*\/_work\/)([^/]+)\/\2$/.exec(directory);
	return runner ? `${runner[1]}${repo}/${repo}` : directory.replace(/[^/\\]+$/, repo);
}

export type NewListener = {id: string; connectionName: string; firstSeenAt: number};

/**
 * Another `letta server` listener on the machine of `sibling`, in its offline shape: the same
 * deviceId, owner, OS, Node and Letta Code install; its own name, instance id, working directory,
 * branch and mode.
 */
export function siblingListener(random: Random, sibling: RawConnection, options: NewListener): RawConnection {
	const metadata: RawMetadata = {...sibling.metadata};
	if (typeof metadata.workingDirectory === 'string') {
		metadata.workingDirectory = otherWorkingDirectory(random, metadata.workingDirectory);
	}

	metadata.gitBranch = random.pick(BRANCHES);
	return {
		...sibling,
		id: options.id,
		connectionId: null,
		listenerInstanceId: serverInstanceId(options.connectionName),
		connectionName: options.connectionName,
		podId: null,
		connectedAt: null,
		lastHeartbeat: null,
		firstSeenAt: options.firstSeenAt,
		lastSeenAt: options.firstSeenAt,
		currentMode: randomMode(random),
		metadata,
	};
}

/**
 * Rows a Letta Desktop app's local environment proxy adds to the list when LETTA_BASE_URL points
 * at it. THEIR SHAPE IS NOT CONFIRMED: the reference notes name `organizationId: "local"`,
 * `connectionId: "local-<deviceId>"` and the synthetic deviceIds `__letta_cloud__` (the "Cloud"
 * row, the sandbox target) and `local` (an offline placeholder while no local device is
 * registered), as Letta Code's own filters read them. The rest is a guess: no pod (no platform
 * socket), and no listenerInstanceId, so the monitor meets a row without one. Offline shape.
 */
export function localRow(
	deviceId: '__letta_cloud__' | 'local',
	options: {id: string; firstSeenAt: number; user: DemoUser},
): RawConnection {
	return {
		id: options.id,
		deviceId,
		connectionId: null,
		connectionName: deviceId === 'local' ? 'Local' : 'Cloud',
		organizationId: LOCAL_ORGANIZATION_ID,
		podId: null,
		connectedAt: null,
		lastHeartbeat: null,
		firstSeenAt: options.firstSeenAt,
		lastSeenAt: options.firstSeenAt,
		apiKeyOwner: options.user.id,
		userId: options.user.id,
		metadata: {},
	};
}
