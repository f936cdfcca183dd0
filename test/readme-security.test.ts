/**
 * The README's "Security" table quotes each bound; the bounds live in code. This holds the two
 * together, so a bound changed in code cannot leave the README promising the old one.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {DEFAULT_MAX_BODY_MIB} from '../src/api/defaults.js';
import {RECORD_LIMITS} from '../src/api/record-limits.js';
import {KEY_FILE_MAX_BYTES, SETTINGS_FILE_MAX_BYTES} from '../src/config/bounded-file.js';
import {
	MAX_FRAME_BYTES,
	MAX_NESTING_DEPTH,
	MAX_REGISTER_BODY_BYTES,
	MAX_REGISTERED_LISTENERS,
} from '../src/demo/listener-bounds.js';
import {EXPORTER_LIMITS} from '../src/exporter/limits.js';
import {EXPORT_NAME_TRIES} from '../src/output/export.js';
import {PASTE_IDLE_MS} from '../src/ui/filtered-stdin.js';
import {MAX_PASTE_BYTES} from '../src/view/input-filter.js';
import {ROOT} from './helpers/cli.js';

const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
const section = readme.slice(readme.indexOf('## Security'), readme.indexOf('## The demo server'));
/** The table row that starts with `what`. */
const row = (what: string) => section.split('\n').find(line => line.startsWith(`| ${what}`)) ?? `(no row for ${what})`;
const spaced = (value: number) => value.toLocaleString('en-US').replaceAll(',', ' ');

describe("the README's Security section", () => {
	it('quotes every bound as the code holds it', () => {
		expect(row('an API response body')).toContain(`${DEFAULT_MAX_BODY_MIB} MiB`);
		const record = row('one record of the list');
		for (const words of [
			`${RECORD_LIMITS.depth} levels`,
			`${spaced(RECORD_LIMITS.stringLength)} characters a string`,
			`${spaced(RECORD_LIMITS.idLength)} an id`,
			`${spaced(RECORD_LIMITS.entries)} entries`,
			`${spaced(RECORD_LIMITS.values)} values a record`,
		]) {
			expect(record).toContain(words);
		}

		expect(row("Letta Code's settings")).toContain(`at most ${SETTINGS_FILE_MAX_BYTES / 1024 / 1024} MiB`);
		expect(row('`--api-key-file`')).toContain(`at most ${KEY_FILE_MAX_BYTES / 1024} KiB`);
		expect(row('terminal input')).toContain(`at most ${MAX_PASTE_BYTES / 1024} KiB`);
		expect(row('terminal input')).toContain(`over after ${PASTE_IDLE_MS / 1000} s`);
		const exporter = row('exporter clients');
		expect(exporter).toContain(`${EXPORTER_LIMITS.maxConnections} connections`);
		expect(exporter).toContain(`${EXPORTER_LIMITS.headersTimeoutMs / 1000} s for a request's headers`);
		expect(exporter).toContain(`${EXPORTER_LIMITS.requestTimeoutMs / 1000} s for the whole request`);
		const demo = row('listeners registering');
		expect(demo).toContain(`${spaced(MAX_REGISTERED_LISTENERS)} registered listeners`);
		expect(demo).toContain(`a ${MAX_REGISTER_BODY_BYTES / 1024} KiB register body`);
		expect(demo).toContain(`${MAX_FRAME_BYTES / 1024 / 1024} MiB socket frames`);
		expect(demo).toContain(`${MAX_NESTING_DEPTH} levels of nesting`);
		expect(row('exports')).toContain(`up to ${EXPORT_NAME_TRIES} a second`);
	});
});
