/**
 * Schema drift: records as a changed or careless platform might send them.
 * Each function builds a new object and never writes to the record it is
 * given, which may share its metadata with the simulation's own state.
 * `index` (the record's place in its page) lets a variant alternate between
 * two forms deterministically.
 */
import type {DriftVariant} from './faults.js';
import type {RawConnection} from './types.js';

type Json = Record<string, unknown>;

/** Every number becomes its decimal string, at any depth: timestamps arrive as "1795…". */
function numbersAsStrings(value: unknown): unknown {
	if (typeof value === 'number') {
		return String(value);
	}

	if (Array.isArray(value)) {
		return value.map(numbersAsStrings);
	}

	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, numbersAsStrings(item)]));
	}

	return value;
}

/**
 * Even records lose what the SDK marks optional and every metadata key (an
 * older or slimmer server); odd ones keep only their identity, so a client
 * also meets records missing fields the SDK calls required.
 */
function missing(record: RawConnection, index: number): Json {
	if (index % 2 === 1) {
		return {id: record.id, deviceId: record.deviceId};
	}

	const {apiKeyOwner: _owner, userId: _user, currentMode: _mode, metadata: _metadata, ...rest} = record;
	return {...rest, metadata: {}};
}

function extra(record: RawConnection, index: number): Json {
	return {
		...record,
		region: index % 2 === 0 ? 'eu-west-1' : 'us-east-2',
		sessionCount: index + 1,
		tags: ['drift', 'v2'],
		capabilities: {streaming: true, protocol: 3},
		_links: {self: `/v1/environments/${encodeURIComponent(record.deviceId)}`},
		metadata: {
			...record.metadata,
			shell: 'zsh',
			cpuCount: 8,
			locale: 'en_US.UTF-8',
			experimental: {environmentMessageProtocol: 2, flags: ['a', 'b']},
		},
	};
}

function wrongTypes(record: RawConnection, index: number): Json {
	const metadata = record.metadata ?? {};
	return {
		...record,
		connectionName: 40_000 + index,
		podId: record.podId === null ? null : index,
		currentMode: index % 2 === 0,
		lastHeartbeat: {epochMs: record.lastHeartbeat},
		metadata: {
			...metadata,
			os: {platform: metadata.os ?? 'linux'},
			gitBranch: [metadata.gitBranch ?? 'main'],
			supported_commands: (metadata.supported_commands ?? ['doctor']).join(','),
			self_update: metadata.self_update?.supported ? 'supported' : 'unsupported',
		},
	};
}

/** A string (double-encoded JSON, a classic drift) on even records, an array of entries on odd ones. */
function metadataNotObject(record: RawConnection, index: number): Json {
	const metadata = record.metadata ?? {};
	return {...record, metadata: index % 2 === 0 ? JSON.stringify(metadata) : Object.entries(metadata)};
}

export function driftRecord(record: RawConnection, variant: DriftVariant, index: number): Json {
	switch (variant) {
		case 'strings':
			return numbersAsStrings(record) as Json;
		case 'missing':
			return missing(record, index);
		case 'extra':
			return extra(record, index);
		case 'wrong-types':
			return wrongTypes(record, index);
		case 'metadata-not-object':
			return metadataNotObject(record, index);
	}
}
