/**
 * The benchmark's results: each figure as it is measured (printed on stderr at once), and the
 * table of them all for the terminal and docs/benchmarks.md, with the machine they were taken on.
 */
import {execFileSync} from 'node:child_process';
import os from 'node:os';

export type Row = {measure: string; fleet: string; value: string; target: string; met: boolean | null};
const results: Row[] = [];

/** One figure: what, at which fleet size, the value, and its target (met or not) when it has one. */
export function record(measure: string, fleet: string, value: string, target = '', met: boolean | null = null) {
	results.push({measure, fleet, value, target, met});
	process.stderr.write(
		`  ${measure} [${fleet}]: ${value}${target ? ` (target ${target}: ${met ? 'met' : 'NOT met'})` : ''}\n`,
	);
}

/** A fleet size as the table writes it: 1k, 10k. */
export function label(size: number): string {
	return size >= 1000 ? `${size / 1000}k` : String(size);
}

/** The machine, Node and tmux the figures come from. */
export function machine(): string {
	const cpus = os.cpus();
	let tmux = 'none';
	try {
		tmux = execFileSync('tmux', ['-V'], {encoding: 'utf8'}).trim();
	} catch {}

	return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, ${tmux}`;
}

/** Every figure recorded so far, as a Markdown table. */
export function table(): string {
	const header = ['measure', 'fleet', 'measured', 'target', ''];
	const body = results.map(row => [
		row.measure,
		row.fleet,
		row.value,
		row.target,
		row.met === null ? '' : row.met ? 'met' : '**not met**',
	]);
	return [header, header.map(() => '---'), ...body].map(cells => `| ${cells.join(' | ')} |`).join('\n');
}
