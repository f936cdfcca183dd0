/**
 * A view mounted the way ui/run.tsx mounts the live view, on a fake terminal (fake-terminal.ts): Ink with the live
 * render options, writing through the terminal writer, the table's rows drawn beside Ink by a row overlay. Every
 * in-process figure of the live view mounts through here, so it measures what the binary does.
 */
import {render} from 'ink';
import type {ReactElement} from 'react';
import {createRowOverlay} from '../src/output/row-overlay.js';
import {terminalWriter} from '../src/output/terminal-writer.js';
import {RowOverlayContext} from '../src/ui/components/row-overlay-context.js';
import {LIVE_RENDER_OPTIONS} from '../src/ui/run.js';
import {FakeStdin, type FakeStdout} from './fake-terminal.js';

/** `element` on `stdout`, keys from `stdin`; rerender swaps the element, unmount also stops the writer. */
export function mountLive(element: ReactElement, stdout: FakeStdout, stdin = new FakeStdin()) {
	const overlay = createRowOverlay();
	const writer = terminalWriter(stdout, {overlay});
	const wrapped = (view: ReactElement) => <RowOverlayContext value={overlay}>{view}</RowOverlayContext>;
	const instance = render(wrapped(element), {
		...LIVE_RENDER_OPTIONS,
		stdout: writer.stream as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		patchConsole: false,
	});
	return {
		writer,
		rerender: (view: ReactElement) => instance.rerender(wrapped(view)),
		unmount() {
			instance.unmount();
			writer.dispose();
		},
	};
}
