/**
 * src/lib/protocol is the wire contract shared by the server, the pages and device integrators:
 * it may import zod and its own files, nothing else (no domain rules, no socket libraries, no
 * type packages), so that it can be read, versioned and published on its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PROTOCOL = fileURLToPath(new URL('../../src/lib/protocol', import.meta.url));

/** Every module specifier a file imports or re-exports, static or dynamic. */
export function importsOf(source: string): string[] {
	const specifiers: string[] = [];
	const patterns = [/\b(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
	for (const pattern of patterns) for (const match of source.matchAll(pattern)) specifiers.push(match[1]);
	return specifiers;
}

const allowed = (specifier: string) => specifier === 'zod' || (specifier.startsWith('./') && !specifier.slice(2).includes('/'));

describe('src/lib/protocol imports only zod and its own files', () => {
	it('finds imports of every form', () => {
		expect(importsOf(`import { z } from 'zod';\nimport type { A } from '../domain/x';\nexport * from './b';\nexport { c } from "./c";\nimport 'side';\nconst d = await import('./d');`).sort()).toEqual(['../domain/x', './b', './c', './d', 'side', 'zod'].sort());
	});

	it('no file of src/lib/protocol imports anything else', () => {
		const files = readdirSync(PROTOCOL).filter((name) => name.endsWith('.ts'));
		expect(files.length).toBeGreaterThan(5);
		const offending = files.flatMap((name) => importsOf(readFileSync(join(PROTOCOL, name), 'utf8')).filter((specifier) => !allowed(specifier)).map((specifier) => `${name}: ${specifier}`));
		expect(offending).toEqual([]);
	});
});
