/**
 * OSC 52 asks the terminal itself to set the clipboard, so a copy works over
 * ssh and inside tmux (with set-clipboard on, tmux's default for this).
 */
export function osc52(text: string): string {
	return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}
