import {describe, expect, it} from 'vitest';
import {copyToClipboard, describeCopy, osc52} from '../../src/output/clipboard.js';

describe('copying an id', () => {
	it("inside tmux puts it in tmux's paste buffer (and so also the outer clipboard with -w), writing no OSC 52", async () => {
		const written: string[] = [];
		const calls: string[][] = [];
		const outcome = await copyToClipboard('dev-1', {
			env: {TMUX: '/tmp/tmux-0/default,1,0'},
			write: text => written.push(text),
			tmux: args => Promise.resolve(void calls.push(args)),
		});
		expect(outcome).toBe('tmux-buffer');
		expect(calls).toEqual([['set-buffer', '-w', '--', 'dev-1']]);
		expect(written).toEqual([]);
		expect(describeCopy(outcome, 'dev-1')).toBe("copied dev-1 to tmux's paste buffer (prefix ] pastes it)");
	});

	it('falls back to OSC 52 when tmux fails, and outside tmux, and then says it was sent, not that it landed', async () => {
		const written: string[] = [];
		const failing = await copyToClipboard('dev-2', {
			env: {TMUX: 'x'},
			write: text => written.push(text),
			tmux: async () => Promise.reject(new Error('no -w')),
		});
		const plain = await copyToClipboard('dev-3', {env: {}, write: text => written.push(text)});
		expect([failing, plain]).toEqual(['osc52', 'osc52']);
		expect(written).toEqual([osc52('dev-2'), osc52('dev-3')]);
		expect(describeCopy('osc52', 'dev-3')).toMatch(/^sent dev-3 to the terminal's clipboard with OSC 52/);
	});
});
