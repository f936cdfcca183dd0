/**
 * What the live view does for each effect its keys ask for (view/apply-keys.ts's KeyEffect):
 * quit or interrupt with the exit status, suspend or repaint the terminal, pause, resume or poll
 * now, copy the selected deviceId, export the rows a view shows, switch context. The keymap decides; this only
 * carries out, so the coordinator (app.tsx) stays a coordinator.
 */
import {type FleetRow} from '../fleet/rows.js';
import {type CopyOutcome, copyToClipboard, describeCopy} from '../output/clipboard.js';
import {ExportError, writeExport} from '../output/export.js';
import {shownColumns} from '../view/column-choice.js';
import {signalExitStatus} from '../process/exit-status.js';
import type {KeyEffect} from '../view/apply-keys.js';
import type {ViewAction, ViewState} from '../view/view-state.js';
import type {FleetControls} from './hooks/use-fleet.js';
import type {JobControl} from './hooks/use-job-control.js';

/** What carrying out an effect needs of the live view. */
export type KeyEffectWorld = {
	/** Ink's exit: its value is what waitUntilExit() resolves with (ui/run.tsx). */
	exit: (status: number) => void;
	jobControl: JobControl;
	controls: FleetControls;
	/** Every row, gone ones included, to find a copied one by id. */
	allRows: readonly FleetRow[];
	/** The rows a view shows, in order (export writes the view its key was pressed on). */
	rowsFor: (view: ViewState) => FleetRow[];
	/** The rows' server time (epoch ms, fleet/rows.ts rowsServerNow), which an export's ages count to. */
	serverNow: number;
	dispatch: (action: ViewAction) => void;
	/** How `c` copies; the real clipboard (tmux's buffer inside tmux, else OSC 52) when absent. */
	copy?: (text: string) => Promise<CopyOutcome>;
	/** Writes an escape sequence to the terminal (OSC 52). */
	write: (sequence: string) => void;
	/** Where exports go. */
	exportDirectory: string;
	/** Switches the live view to another context (ui/run.tsx); absent without contexts. */
	switchContext?: ((name: string) => void) | undefined;
	/** True until the first pass is complete: its rows so far are only shown, never exported. */
	loading?: boolean;
};

/** Carries out one effect; copy and export report in the footer's flash when they finish. */
export function runKeyEffect(effect: KeyEffect, world: KeyEffectWorld): void {
	const flash = (text: string, tone: 'info' | 'error') =>
		world.dispatch({type: 'flash', flash: {text, at: Date.now(), tone}});
	switch (effect.type) {
		case 'quit': {
			world.exit(0);
			break;
		}

		case 'interrupt': {
			world.exit(signalExitStatus('SIGINT'));
			break;
		}

		case 'suspend': {
			world.jobControl.suspend();
			break;
		}

		case 'repaint': {
			world.jobControl.repaint();
			break;
		}

		case 'pause': {
			world.controls.pause();
			break;
		}

		case 'resume': {
			world.controls.resume();
			break;
		}

		case 'poll': {
			world.controls.pollNow();
			break;
		}

		case 'switch-context': {
			world.switchContext?.(effect.name);
			break;
		}

		case 'copy': {
			const row = world.allRows.find(candidate => candidate.id === effect.id);
			if (!row) return;
			const {deviceId} = row.connection;
			const copy =
				world.copy ?? ((text: string) => copyToClipboard(text, {env: process.env, write: world.write}));
			void copy(deviceId).then(outcome => flash(describeCopy(outcome, `the deviceId ${deviceId}`), 'info'));
			break;
		}

		case 'export': {
			if (world.loading && effect.view.timeTravel === null) {
				flash('nothing exported: the first pass is still loading; export once it is complete', 'error');
				break;
			}

			const rows = world.rowsFor(effect.view);
			// A CSV holds the columns shown, in their order (`f`, --columns); JSON every field.
			const columns = shownColumns(effect.view.columns).map(column => column.key);
			writeExport(rows, effect.format, world.exportDirectory, Date.now(), world.serverNow, columns).then(
				// Rows of a past moment are exported as rebuilt, and the message says which moment.
				file => {
					const at = effect.view.timeTravel;
					flash(
						`exported ${rows.length} rows${at === null ? '' : ` as of ${new Date(at).toISOString()}`} to ${file}`,
						'info',
					);
				},
				(error: Error) => {
					// The reason first: a narrow screen cuts the path's end, not why it failed.
					flash(
						error instanceof ExportError
							? `export failed: ${error.reason}: ${error.file}`
							: `export failed: ${error.message}`,
						'error',
					);
				},
			);
			break;
		}
	}
}
