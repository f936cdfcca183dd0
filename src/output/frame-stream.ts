/**
 * The terminal stream as the live view writes to it. Ink writes one frame as
 * several chunks (synchronized-update markers, the frame, cursor moves); over
 * ssh, each can become its own packet and a half-drawn frame flickers. Here
 * every chunk written in one turn of the event loop goes out as one write.
 * An optional transform (the ASCII fallback) applies to what is written.
 */
export function frameStream<T extends NodeJS.WritableStream>(stream: T, transform: (text: string) => string = text => text): T {
	let pending: string[] = [];
	let callbacks: Array<(error?: Error | null) => void> = [];
	let scheduled = false;

	function flush() {
		scheduled = false;
		const text = pending.join('');
		const done = callbacks;
		pending = [];
		callbacks = [];
		stream.write(text, error => {
			for (const callback of done) callback(error);
		});
	}

	return new Proxy(stream, {
		get(target, property) {
			if (property === 'write') {
				return (chunk: unknown, encodingOrCallback?: unknown, maybeCallback?: unknown) => {
					const callback = [encodingOrCallback, maybeCallback].find(value => typeof value === 'function') as ((error?: Error | null) => void) | undefined;
					pending.push(transform(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')));
					if (callback) callbacks.push(callback);
					if (!scheduled) {
						scheduled = true;
						process.nextTick(flush);
					}

					return true;
				};
			}

			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
