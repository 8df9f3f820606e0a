/**
 * One Drizzle database over PGlite (embedded, file-backed) or Postgres (DATABASE_URL).
 * Both get the same schema and the same migrations in drizzle/.
 */
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Socket } from 'node:net';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as schema from './schema/index';
import { completePersonMatchKeys } from './person-match-keys';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
	db: Db;
	kind: 'pglite' | 'postgres';
	ping(): Promise<void>;
	close(): Promise<void>;
}

/** Any constant shared by every node; identifies this application's migration lock. */
const MIGRATION_LOCK = 7_310_2022;

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Opens the database, applies pending migrations and completes what SQL alone could not (match
 * keys need a secret, see person-match-keys.ts). Throws with a clear message when unreachable.
 */
export async function openDatabase(options: { url?: string; dataDir: string }): Promise<Database> {
	const database = options.url ? await openPostgres(options.url) : await openPglite(options.dataDir);
	try {
		await completePersonMatchKeys(database.db);
	} catch (error) {
		await database.close();
		throw error;
	}
	return database;
}

async function openPglite(dataDir: string): Promise<Database> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	const dir = dataDir === 'memory://' ? dataDir : `${dataDir}/pglite`;
	const releaseLock = dir === 'memory://' ? () => {} : lockDataDir(dataDir);
	try {
		const client = new PGlite(dir);
		const db = drizzle({ client, schema });
		await migrate(db, { migrationsFolder });
		return {
			db: db as unknown as Db,
			kind: 'pglite',
			ping: async () => {
				await db.execute(sql`select 1`);
			},
			close: async () => {
				await client.close();
				releaseLock();
			}
		};
	} catch (error) {
		releaseLock();
		throw error;
	}
}

/**
 * PGlite is one process's database: a second process opening the same files would corrupt them.
 * A pid file claims the directory; a claim by a process that no longer runs is taken over.
 */
function lockDataDir(dataDir: string): () => void {
	mkdirSync(`${dataDir}/pglite`, { recursive: true });
	const lockPath = `${dataDir}/pglite.pid`;
	if (existsSync(lockPath)) {
		const holder = Number(readFileSync(lockPath, 'utf8'));
		if (holder && holder !== process.pid && processIsAlive(holder)) {
			throw new Error(`it is in use by process ${holder} (a running server?); stop it first, or import from the ledger page of the running server`);
		}
	}
	writeFileSync(lockPath, String(process.pid));
	return () => {
		try {
			if (readFileSync(lockPath, 'utf8') === String(process.pid)) unlinkSync(lockPath);
		} catch {
			// Already gone.
		}
	};
}

function processIsAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * postgres.js's own sockets keep Nagle's algorithm on: a small message right after a large one
 * (a COPY's end after its rows, persistence's copy-insert.ts) then waits for the server's delayed
 * acknowledgement, 40 ms on Linux; measured, a COPY of 8,600 rows took 55 ms with it and 11 ms
 * without. So the client's sockets are made here, with no delay, as node-postgres makes its own.
 * They are handed over while still connecting (postgres.js writes its start-up message, which Node
 * holds until connected, and watches their errors itself); a URL with several hosts is tried in
 * turn, one a connection.
 */
function noDelaySocket(): (options: { host: string[]; port: number[]; path?: string | false }) => Socket {
	let next = 0;
	return ({ host, port, path }) => {
		const socket = new Socket();
		socket.setNoDelay(true);
		if (path) return socket.connect(path);
		const index = next++ % host.length;
		return socket.connect(port[index] ?? port[0], host[index]);
	};
}

async function openPostgres(url: string): Promise<Database> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const { migrate } = await import('drizzle-orm/postgres-js/migrator');
	// socket is an option of postgres.js that its types leave out; passed as a variable, not checked as a literal.
	const options = { max: 10, onnotice: () => {}, connect_timeout: 5, socket: noDelaySocket() };
	const client = postgres(url, options);
	try {
		await client`select 1`;
	} catch (error) {
		await client.end({ timeout: 1 }).catch(() => {});
		throw new Error(`cannot connect: ${(error as Error).message}`);
	}
	// Several nodes may start at once: one migrates while the others wait on an advisory lock,
	// on a connection of its own so that the lock and the migration share one session.
	const migrator = postgres(url, { max: 1, onnotice: () => {} });
	try {
		await migrator`select pg_advisory_lock(${MIGRATION_LOCK})`;
		await migrate(drizzle({ client: migrator }), { migrationsFolder });
	} finally {
		await migrator.end({ timeout: 5 });
	}
	const db = drizzle({ client, schema });
	return {
		db: db as unknown as Db,
		kind: 'postgres',
		ping: async () => {
			await client`select 1`;
		},
		close: () => client.end({ timeout: 5 })
	};
}
