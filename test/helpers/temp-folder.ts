/**
 * Temporary folders a test file makes, removed after all its tests whatever they left inside, so a
 * run leaves nothing in the system's temporary folder. Import it from a test file (the hook is that
 * file's).
 */
import {chmodSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll} from 'vitest';

const made: string[] = [];

/** A new folder named `<prefix>XXXXXX` in the temporary folder; removed after the file's tests. */
export function tempFolder(prefix: string): string {
	const folder = mkdtempSync(path.join(tmpdir(), prefix));
	made.push(folder);
	return folder;
}

afterAll(() => {
	for (const folder of made.splice(0)) {
		try {
			// A test may have taken its write permission away (to test an unwritable folder).
			chmodSync(folder, 0o700);
		} catch {
			// Or removed it itself.
		}

		rmSync(folder, {recursive: true, force: true});
	}
});
