/**
 * Run after every install (package.json "postinstall"): guards postgres.js 3.4.9 against writing to
 * a socket its connection has already closed. Upstream, a write queued with setImmediate can run
 * after closed() set the socket to null and throws from the timer, where nothing can catch it: the
 * whole server dies when Postgres drops a connection (seen in tests/faults/postgres-outage.test.ts;
 * porsager/postgres#1154, #1208, fix proposed in #1209, not released as of 3.4.9). The guard
 * settles the connection's queries with CONNECTION_CLOSED instead, which the pool already handles.
 *
 * Idempotent. A postgres release whose nextWrite is no longer the one below is left alone, with a
 * notice: tests/unit/postgres-driver-guard.test.ts then says whether it needs the guard still.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const UNGUARDED = `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`;
const GUARDED = `  function nextWrite(fn) {
    // Patched by scripts/patch-postgres.mjs: the socket may be gone (closed) by the time a queued write runs.
    if (!socket) {
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`;

const root = fileURLToPath(new URL('../node_modules/postgres/', import.meta.url));
for (const file of ['src/connection.js', 'cjs/src/connection.js']) {
	const path = root + file;
	if (!existsSync(path)) continue;
	const source = readFileSync(path, 'utf8');
	if (source.includes(GUARDED)) continue;
	if (!source.includes(UNGUARDED)) {
		console.log(`patch-postgres: ${file} has changed upstream; not patched (see scripts/patch-postgres.mjs)`);
		continue;
	}
	writeFileSync(path, source.replace(UNGUARDED, GUARDED));
	console.log(`patch-postgres: guarded nextWrite in postgres/${file}`);
}
