import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runKeyEffect, type KeyEffectWorld} from '../../src/ui/key-effects.js';
import type {ViewAction} from '../../src/view/view-state.js';
import {initialViewState} from '../../src/view/view-state.js';

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, {recursive: true, force: true});
});

describe('export while the first pass loads', () => {
	it('writes nothing and says to wait: the rows so far are only shown', () => {
		const folder = mkdtempSync(path.join(tmpdir(), 'letta-fleet-hdr-export-'));
		folders.push(folder);
		const actions: ViewAction[] = [];
		const world = {
			exit: () => {},
			jobControl: {suspend: () => {}, repaint: () => {}},
			controls: {pause: () => {}, resume: () => {}, pollNow: () => {}},
			allRows: [],
			rowsFor: () => {
				throw new Error('a loading pass has no rows to export');
			},
			dispatch: (action: ViewAction) => actions.push(action),
			write: () => {},
			exportDirectory: folder,
			loading: true,
		} as unknown as KeyEffectWorld;
		runKeyEffect({type: 'export', format: 'csv', view: initialViewState}, world);
		expect(actions).toMatchObject([
			{
				type: 'flash',
				flash: {
					tone: 'error',
					text: 'nothing exported: the first pass is still loading; export once it is complete',
				},
			},
		]);
		expect(readdirSync(folder)).toEqual([]);
	});
});
