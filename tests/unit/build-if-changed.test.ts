/** `npm start` builds the web app only when its sources changed since the last good build. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIsCurrent, hashSources, showBuildLine, STAMP } from '../../scripts/build-if-changed';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function project(): string {
	root = mkdtempSync(join(tmpdir(), 'build-stamp-'));
	mkdirSync(join(root, 'src', 'routes'), { recursive: true });
	writeFileSync(join(root, 'src', 'routes', '+page.svelte'), '<h1>wall</h1>');
	writeFileSync(join(root, 'package-lock.json'), '{}');
	return root;
}
function finishBuild(dir: string): void {
	mkdirSync(join(dir, 'build'), { recursive: true });
	writeFileSync(join(dir, 'build', 'handler.js'), 'export const handler = () => {};');
	writeFileSync(join(dir, STAMP), `${hashSources(dir)}\n`);
}

describe('build only when the sources changed', () => {
	it('a missing build, or one without a stamp (failed or stopped midway), builds', () => {
		const dir = project();
		expect(buildIsCurrent(dir)).toBe(false);
		mkdirSync(join(dir, 'build'));
		writeFileSync(join(dir, 'build', 'handler.js'), '');
		expect(buildIsCurrent(dir)).toBe(false);
	});

	it('a plain restart after a good build does not build', () => {
		const dir = project();
		finishBuild(dir);
		expect(buildIsCurrent(dir)).toBe(true);
	});

	it('a changed, added or removed source file builds again', () => {
		const dir = project();
		finishBuild(dir);
		writeFileSync(join(dir, 'src', 'routes', '+page.svelte'), '<h1>wall 2</h1>');
		expect(buildIsCurrent(dir)).toBe(false);
		finishBuild(dir);
		mkdirSync(join(dir, 'static'));
		writeFileSync(join(dir, 'static', 'favicon.png'), 'png');
		expect(buildIsCurrent(dir)).toBe(false);
		finishBuild(dir);
		writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3}');
		expect(buildIsCurrent(dir)).toBe(false);
	});

	it('the build output itself does not count as a source', () => {
		const dir = project();
		finishBuild(dir);
		writeFileSync(join(dir, 'build', 'extra.js'), '');
		expect(buildIsCurrent(dir)).toBe(true);
	});

	it('start-up output leaves out the advice to run `npm run preview` (it serves no API, hub or ingest)', () => {
		expect(showBuildLine('\nRun \u001b[1m\u001b[36mnpm run preview\u001b[39m\u001b[22m to preview your production build locally.')).toBe(false);
		expect(showBuildLine('✓ built in 20.83s')).toBe(true);
		expect(showBuildLine('> Using @sveltejs/adapter-node')).toBe(true);
	});
});
