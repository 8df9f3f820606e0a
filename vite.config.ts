import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const inCi = process.env.CI === 'true';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		// One migrated embedded database per run, which test servers copy instead of migrating their own.
		globalSetup: ['tests/fixtures/pglite-template.setup.ts'],
		// Two workers on CI's two cores: most files spend their time waiting on servers, sockets and
		// timers rather than computing. The end-to-end files still run one at a time (fileParallelism
		// false puts them in a serial group after the rest): each drives a Chromium and a server.
		maxWorkers: 2,
		// Suites that start servers print why they were skipped; see tests/fixtures/services.ts.
		projects: [
			{ extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
			{ extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 } },
			{ extends: true, test: { name: 'realtime', include: ['tests/realtime/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 } },
			// Each fault file owns what it breaks (its database, its Redis or proxy, its key prefix, its
			// processes), so they run beside the other files: their outages are mostly waiting.
			{ extends: true, test: { name: 'faults', include: ['tests/faults/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 90_000 } },
			{ extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 90_000, hookTimeout: 90_000, fileParallelism: false } }
		],
		reporters: inCi ? ['default'] : ['default']
	}
});
