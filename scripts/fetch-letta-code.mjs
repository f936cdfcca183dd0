/**
 * Puts a real Letta Code listener where test/e2e/letta-code.test.ts runs it:
 * .cache/letta-code/<version>/package/letta.js. Run by `npm test` before vitest;
 * does nothing when the file is already there.
 *
 * `npm i @letta-ai/letta-code` fails (two of its dependencies are not in the registry),
 * but the package's letta.js is a self-contained bundle whose only runtime import is `ws`,
 * which this project already has: so `npm pack` it from the npm registry and unpack it.
 * Exits 1 with one line saying what failed.
 */
import {execFileSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const LETTA_CODE_VERSION = '0.32.18';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the unpacked package's letta.js lives, under the project root. */
export function lettaCodePath(root = ROOT) {
	return path.join(root, '.cache', 'letta-code', LETTA_CODE_VERSION, 'package', 'letta.js');
}

function fail(message) {
	process.stderr.write(`fetch-letta-code: ${message}\n`);
	process.exit(1);
}

function run(command, args, cwd) {
	try {
		return execFileSync(command, args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	} catch (error) {
		// npm's first error line says what went wrong; the rest points at its log.
		const lines = String(error.stderr || error.message)
			.split('\n')
			.map(line => line.trim())
			.filter(Boolean);
		const detail =
			lines.find(line => /^npm (error|ERR!)/.test(line) && !/complete log|A complete/.test(line)) ??
			lines.at(-1) ??
			'';
		throw new Error(`${command} ${args.join(' ')} failed${detail ? `: ${detail}` : ''}`);
	}
}

function fetchLettaCode() {
	const target = lettaCodePath();
	if (existsSync(target)) {
		return;
	}

	const versionDir = path.dirname(path.dirname(target));
	mkdirSync(path.dirname(versionDir), {recursive: true});
	// Unpacked beside the target and renamed into place, so an interrupted fetch never looks complete.
	const work = mkdtempSync(path.join(path.dirname(versionDir), `.fetch-${LETTA_CODE_VERSION}-`));
	try {
		const spec = `@letta-ai/letta-code@${LETTA_CODE_VERSION}`;
		process.stderr.write(`fetch-letta-code: npm pack ${spec} (once, into ${path.relative(ROOT, versionDir)})\n`);
		run('npm', ['pack', spec, '--pack-destination', work, '--no-audit', '--no-fund'], work);
		const tarball = readdirSync(work).find(name => name.endsWith('.tgz'));
		if (!tarball) {
			throw new Error(`npm pack ${spec} wrote no .tgz`);
		}

		run('tar', ['-xzf', tarball], work);
		rmSync(path.join(work, tarball));
		if (!existsSync(path.join(work, 'package', 'letta.js'))) {
			throw new Error(`${tarball} holds no package/letta.js`);
		}

		rmSync(versionDir, {recursive: true, force: true});
		renameSync(work, versionDir);
		chmodSync(versionDir, 0o755);
	} catch (error) {
		rmSync(work, {recursive: true, force: true});
		fail(`could not fetch Letta Code ${LETTA_CODE_VERSION} for the end-to-end test: ${error.message}`);
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	fetchLettaCode();
}
