/**
 * The end-to-end drain of bench/persist.ts (Postgres and Redis): a backlog of the metro mix
 * (bench/persist-mix.ts) waits in a Redis Stream, as after a burst, and the real projector
 * (server/pipeline/projector.ts: its live reader and its persister, reading, parsing, applying,
 * writing and acknowledging) drains it into Postgres, whose registry holds the metro's 10,000
 * vehicles and 12,000 sites. Reported: the seconds from the projector's start until the log has
 * nothing unacknowledged, and the events a second that makes.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { Redis } from 'ioredis';
import { openDatabase, type Db } from '../server/db/client';
import { ensurePositionPartitions } from '../server/db/position-partitions';
import { MemoryDeltaBus, MemoryLiveStore } from '../server/live/memory-live';
import { importLedger } from '../server/modules/ledgers/import-ledger';
import { loadRegistry } from '../server/modules/registry/load-registry';
import { RedisStreamEventLog } from '../server/pipeline/event-log/redis-stream-event-log';
import type { LoggedEvent } from '../server/pipeline/normalized-event';
import { Projector } from '../server/pipeline/projector';
import { countStoredEvents } from '../server/pipeline/stored-events';
import { generateMetro } from '../server/sim/scenarios/metro';
import { sitesLedger, vehiclesLedger } from '../src/lib/ledgers/definitions';
import { toLedgerTable } from '../src/lib/ledgers/ledger';
import { createTempDatabase, tempRedisPrefix } from '../tests/fixtures/services';
import { MIX, mixedEvents } from './persist-mix';
import { backendCpu, backendCpuSince } from './backend-cpu';

export interface DrainResult {
	backend: 'Postgres + Redis';
	way: string;
	backlog: number;
	drainSeconds: number;
	eventsPerSecond: number;
	stored: number;
	lost: number;
	/** CPU seconds over the drain: this process (the projector's readers, its live state, the persister) and the database's backends. */
	nodeCpuSeconds: number;
	postgresCpuSeconds: number;
}

/** events: the backlog; view: how the projector sees the database (the bench's old way hides COPY). */
export async function measureDrain(way: string, events: number, view: (db: Db) => Db, profile?: string): Promise<DrainResult> {
	const temp = await createTempDatabase(process.env.DATABASE_URL!);
	const keys = tempRedisPrefix(process.env.REDIS_URL!);
	const redis = new Redis(process.env.REDIS_URL!);
	const database = await openDatabase({ url: temp.url, dataDir: 'unused' });
	const log = new RedisStreamEventLog(redis, keys.prefix);
	try {
		const { ledgers } = generateMetro({ vehicles: MIX.vehicles, sites: MIX.sites, households: 0, labs: 1, townships: 12 });
		await importLedger({ db: database.db, input: { kind: 'vehicles', mode: 'import', crs: 'wgs84', by: 'bench', table: toLedgerTable(vehiclesLedger, ledgers.vehicles) } });
		await importLedger({ db: database.db, input: { kind: 'sites', mode: 'import', crs: 'wgs84', by: 'bench', table: toLedgerTable(sitesLedger, ledgers.sites) } });
		// The backlog ends now: its events are of the last minutes, as a burst's are.
		const start = Date.now() - Math.ceil(events / (MIX.positionsPerSecond + MIX.queuesPerSecond)) * 1000;
		await ensurePositionPartitions(database.db, start);
		await ensurePositionPartitions(database.db, Date.now());
		const prefix = `drain${Date.now().toString(36)}`;
		for (let from = 0; from < events; from += 5000) await log.append(mixedEvents(prefix, from, Math.min(5000, events - from), start).map((entry) => entry.event as LoggedEvent));
		const db = view(database.db);
		const projector = new Projector({ log, db, store: new MemoryLiveStore(), bus: new MemoryDeltaBus(), registry: await loadRegistry({ db }), tickMs: 100 });
		const postgres = await backendCpu(database.db);
		const profiler = profile ? await startProfile() : null;
		const cpu = process.cpuUsage();
		const started = performance.now();
		await projector.start();
		let postgresAtEnd = postgres;
		// Read while the projector's connections are open (a backend that ended would be missed).
		while ((await log.backlog()) > 0) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			postgresAtEnd = await backendCpu(database.db);
		}
		const seconds = (performance.now() - started) / 1000;
		const used = process.cpuUsage(cpu);
		if (profiler && profile) writeFileSync(profile, JSON.stringify(await profiler.stop()));
		await projector.stop();
		const stored = await countStoredEvents(database.db);
		return { backend: 'Postgres + Redis', way, backlog: events, drainSeconds: Math.round(seconds * 10) / 10, eventsPerSecond: Math.round(events / seconds), stored, lost: events - stored, nodeCpuSeconds: Math.round((used.user + used.system) / 1e5) / 10, postgresCpuSeconds: Math.round(backendCpuSince(postgres, postgresAtEnd) / 100) / 10 };
	} finally {
		await log.close();
		await keys.clean();
		redis.disconnect();
		await database.close();
		await temp.drop();
	}
}

/** This process's CPU profile over the drain alone (not the backlog's making), for --cpu-prof's readers. */
async function startProfile(): Promise<{ stop(): Promise<object> }> {
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.start');
	return {
		stop: async () => {
			const { profile } = await session.post('Profiler.stop');
			session.disconnect();
			return profile;
		}
	};
}
