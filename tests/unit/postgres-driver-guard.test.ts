/**
 * postgres.js 3.4.9 can write to a connection's socket after closing it, from a timer, and the
 * TypeError kills the server when Postgres drops a connection (porsager/postgres#1208).
 * scripts/patch-postgres.mjs guards it after every install; this fails if an install skipped the
 * patch, or a new release changed nextWrite without the guard.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The CommonJS entry is cjs/src/index.js: two folders up is the package.
const driverRoot = join(dirname(createRequire(import.meta.url).resolve('postgres')), '..', '..');

describe('the Postgres driver', () => {
	it.each(['src/connection.js', 'cjs/src/connection.js'])('checks the socket is still there before a queued write (%s)', (file) => {
		const source = readFileSync(join(driverRoot, file), 'utf8');
		const nextWrite = source.slice(source.indexOf('function nextWrite('), source.indexOf('function connectTimedOut('));
		expect(nextWrite.length).toBeGreaterThan(0);
		expect(nextWrite.indexOf('if (!socket)')).toBeGreaterThan(-1);
		expect(nextWrite.indexOf('if (!socket)')).toBeLessThan(nextWrite.indexOf('socket.write('));
	});
});
