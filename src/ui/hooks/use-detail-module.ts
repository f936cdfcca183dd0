/**
 * The detail pane's module (and date-fns with it), loaded once `wanted`
 * (the table has its first rows, or a pane is opened) instead of before the
 * first frame: loading it earlier would hold up the first fetch's responses
 * and the table. Until it is there, the pane says it is loading.
 */
import {useEffect, useState} from 'react';

type DetailModule = typeof import('../../view/detail.js');

export function useDetailModule(wanted: boolean): DetailModule | null {
	const [detail, setDetail] = useState<DetailModule | null>(null);
	const load = wanted && detail === null;
	useEffect(() => {
		if (!load) {
			return;
		}

		let mounted = true;
		void import('../../view/detail.js').then(module => {
			if (mounted) setDetail(module);
		});
		return () => {
			mounted = false;
		};
	}, [load]);
	return detail;
}
