/**
 * Vitest's global setup: one XDG_STATE_HOME for the whole run, where the binaries under test keep
 * their history unless a test names a file, never the developer's own ~/.local/state. Made before
 * any worker starts (they inherit it through the environment) and removed when the run ends: a
 * worker's own exit handler does not run when vitest ends its fork, which left one folder a file.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

/** The variable the test helpers read the folder from. */
export const TEST_STATE_HOME_VARIABLE = 'LETTA_FLEET_TEST_STATE_HOME';

export default function setup(): () => void {
	const folder = mkdtempSync(path.join(tmpdir(), 'letta-fleet-test-state-'));
	process.env[TEST_STATE_HOME_VARIABLE] = folder;
	return () => rmSync(folder, {recursive: true, force: true});
}
