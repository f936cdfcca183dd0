/**
 * The live view's side of the keys' effects: it takes what only Ink and the terminal hold (exit, the
 * terminal's stdout, job control) and returns the function that carries an effect out
 * (ui/key-effects.ts), so the coordinator (app.tsx) passes only the fleet's state.
 */
import {useApp, useStdout} from 'ink';
import type {KeyEffect} from '../../view/apply-keys.js';
import {type KeyEffectWorld, runKeyEffect} from '../key-effects.js';
import {useJobControl} from './use-job-control.js';

/** What the caller still owes an effect: the rows, the fleet's controls, the view's dispatch, where exports go. */
export type KeyEffectInputs = Omit<KeyEffectWorld, 'exit' | 'jobControl' | 'write'>;

/** Returns `(effect) => void`, which carries one effect out against the world as of this render. */
export function useKeyEffects(inputs: KeyEffectInputs): (effect: KeyEffect) => void {
	const {exit} = useApp();
	const {stdout} = useStdout();
	const jobControl = useJobControl();
	return effect => runKeyEffect(effect, {...inputs, exit, jobControl, write: sequence => stdout.write(sequence)});
}
