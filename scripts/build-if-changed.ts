/**
 * `npm start` runs this first: builds the web app only when its sources changed since the last
 * good build (a plain restart took 41 s rebuilding the same thing). The sources are hashed and the
 * hash is written into build/ after a build that succeeded; no stamp, another hash or a failed
 * build means build again. `--force` always builds.
 *
 * SvelteKit ends a build by suggesting `npm run preview`, which serves no API, hub or ingest:
 * that line is left out, as `npm start` is the way to run this app.
 */
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What the build reads: the app, its static files, the build's configuration and the locked dependencies. */
export const BUILD_INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];
export const STAMP = join('build', '.sources-hash');

/** One hash over every input file's path and content, in a fixed order. */
export function hashSources(root: string = ROOT): string {
	const hash = createHash('sha256');
	const visit = (path: string) => {
		const full = join(root, path);
		if (!existsSync(full)) return;
		if (statSync(full).isDirectory()) {
			for (const name of readdirSync(full).sort()) visit(join(path, name));
			return;
		}
		hash.update(relative(root, full).split('\\').join('/')).update('\0').update(readFileSync(full)).update('\0');
	};
	for (const input of BUILD_INPUTS) visit(input);
	return hash.digest('hex');
}

/** True when build/ holds a finished build of exactly these sources. */
export function buildIsCurrent(root: string = ROOT, hash: string = hashSources(root)): boolean {
	const stamp = join(root, STAMP);
	if (!existsSync(stamp) || !existsSync(join(root, 'build', 'handler.js'))) return false;
	return readFileSync(stamp, 'utf8').trim() === hash;
}

/** A line of the build's output worth showing: not SvelteKit's advice to run `npm run preview`. */
export const showBuildLine = (line: string): boolean => !/npm run preview/.test(line);

/** Runs `vite build`, passing its output through without the `npm run preview` advice. */
function viteBuild(): Promise<number> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
		const lines = createInterface({ input: child.stdout });
		lines.on('line', (line) => {
			if (showBuildLine(line)) process.stdout.write(`${line}\n`);
		});
		child.on('close', (code) => resolve(code ?? 1));
	});
}

async function main(): Promise<void> {
	const hash = hashSources();
	if (!process.argv.includes('--force') && buildIsCurrent(ROOT, hash)) {
		console.log('web app: build/ is up to date with the sources (npm run build to rebuild anyway)');
		return;
	}
	console.log('web app: sources changed since the last build, building…');
	const code = await viteBuild();
	if (code !== 0) {
		console.error(`web app: the build failed (exit ${code}); the next start builds again`);
		process.exit(code);
	}
	// Written last: a build stopped midway leaves no stamp and the next start builds again.
	writeFileSync(join(ROOT, STAMP), `${hash}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
