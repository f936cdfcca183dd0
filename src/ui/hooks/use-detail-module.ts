/**
 * The detail pane's module (and date-fns with it), loaded just after the
 * first frame instead of before it: launch does not wait for a pane nobody
 * has opened yet, and by the time a person presses Enter it is there.
 */
import {useEffect, useState} from 'react';

type DetailModule = typeof import('../../view/detail.js');

export function useDetailModule(): DetailModule | null {
	const [detail, setDetail] = useState<DetailModule | null>(null);
	useEffect(() => {
		let mounted = true;
		void import('../../view/detail.js').then(module => {
			if (mounted) setDetail(module);
		});
		return () => {
			mounted = false;
		};
	}, []);
	return detail;
}
