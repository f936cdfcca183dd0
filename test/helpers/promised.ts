/**
 * Runs `run` now, as an async function runs its body, and gives what it returns or throws as a
 * promise: for a fake that implements an async interface (a client, a poll, a file read) with
 * nothing to await, so it needs no `async` that awaits nothing, and a throw still rejects.
 */
export function promised<T>(run: () => T): Promise<T> {
	return new Promise<T>(resolve => resolve(run()));
}
