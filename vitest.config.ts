import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		// The machine CI runs on has two slow, shared cores: give real-socket and
		// real-terminal tests room, and never let one hang the run.
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks',
		globalSetup: ['test/global-state-home.ts'],
	},
});
