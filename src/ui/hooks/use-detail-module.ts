/**
 * The detail pane's module (and date-fns with it), loaded once `wanted`
 * (after the first successful poll, or when a pane opens) instead of before
 * the first frame: loading it earlier would hold up the first fetch's
 * responses and the table. Until it is there, the pane says it is loading;
 * if it cannot load, the pane says why and the table goes on.
 */
import {useEffect, useState} from 'react';

type DetailModule = typeof import('../../view/detail.js');

export type DetailModuleState = {module: DetailModule | null; error: string | null};

export function useDetailModule(wanted: boolean): DetailModuleState {
	const [state, setState] = useState<DetailModuleState>({module: null, error: null});
	const load = wanted && state.module === null && state.error === null;
	useEffect(() => {
		if (!load) {
			return;
		}

		let mounted = true;
		import('../../view/detail.js').then(
			module => {
				if (mounted) setState({module, error: null});
			},
			(error: unknown) => {
				if (mounted) setState({module: null, error: error instanceof Error ? error.message : String(error)});
			},
		);
		return () => {
			mounted = false;
		};
	}, [load]);
	return state;
}
