import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const inCi = process.env.CI === 'true';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		// Suites that start servers print why they were skipped; see tests/fixtures/services.ts.
		// One migrated embedded database per run, which test servers copy instead of migrating their own.
		globalSetup: ['tests/fixtures/pglite-template.setup.ts'],
		projects: [
			{ extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
			{ extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 } },
			{ extends: true, test: { name: 'realtime', include: ['tests/realtime/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 } },
			{ extends: true, test: { name: 'faults', include: ['tests/faults/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 90_000, fileParallelism: false } },
			{ extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 90_000, hookTimeout: 90_000, fileParallelism: false } }
		],
		reporters: inCi ? ['default'] : ['default']
	}
});
