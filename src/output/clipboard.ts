/**
 * Copying an id for the person at the keyboard, honestly. OSC 52 asks the
 * terminal itself to set the clipboard (works over ssh), but nothing answers
 * whether it did, and tmux drops an application's OSC 52 unless its
 * `set-clipboard` is `on` (the default, `external`, ignores it). So inside
 * tmux the id goes into tmux's own paste buffer with `set-buffer -w`, which
 * also hands it to the outer terminal's clipboard when tmux may; elsewhere
 * OSC 52 is sent and the message says it was sent, not that it landed.
 */
import {execFile} from 'node:child_process';

/** The OSC 52 sequence that asks a terminal to put `text` on its clipboard. */
export function osc52(text: string): string {
	return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** Where a copy went: tmux's paste buffer (known to have worked), or an OSC 52 request (unanswered). */
export type CopyOutcome = 'tmux-buffer' | 'osc52';

export type CopyEnvironment = {
	env: NodeJS.ProcessEnv;
	/** Writes to the terminal (the OSC 52 sequence). */
	write: (text: string) => void;
	/** Runs tmux with these arguments; rejects when it fails. */
	tmux?: (args: string[]) => Promise<void>;
};

/** Copies `text`; never throws: a tmux that fails falls back to OSC 52. */
export async function copyToClipboard(text: string, environment: CopyEnvironment): Promise<CopyOutcome> {
	if (environment.env['TMUX']) {
		try {
			await (environment.tmux ?? runTmux)(['set-buffer', '-w', '--', text]);
			return 'tmux-buffer';
		} catch {
			// An old tmux without -w, or none on the PATH: OSC 52 is the remaining way.
		}
	}

	environment.write(osc52(text));
	return 'osc52';
}

/** What the flash says after copying `what` (shown in full, so it can be selected by hand too). */
export function describeCopy(outcome: CopyOutcome, what: string): string {
	return outcome === 'tmux-buffer'
		? `copied ${what} to tmux's paste buffer (prefix ] pastes it)`
		: `sent ${what} to the terminal's clipboard with OSC 52 (if your terminal ignores OSC 52, select it here)`;
}

function runTmux(args: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		execFile('tmux', args, {timeout: 2000}, error => {
			// ExecFileException is an Error with its code widened; typed as one, it is rejected as one.
			const failure: Error | null = error;
			if (failure) reject(failure);
			else resolve();
		});
	});
}
