/**
 * The projector: reads the event log, applies events to the live state, publishes one coalesced
 * delta per changed layer every tick, and persists in batches. An entry is acknowledged to the log
 * only after its batch is committed, so a crash replays it (harmless: everything is idempotent).
 *
 * Two readers of the log, each in a loop of its own. The live reader tails the log (taking and
 * acknowledging nothing) and applies every event to the live state at once. The persister reads
 * through the consumer group a batch at a time, applies it too (harmless, the state is
 * idempotent, and no event can reach the database without reaching the map), writes it and
 * acknowledges it. So a slow or absent database never delays the map, the projector holds one
 * batch in memory whatever the backlog, and what is not yet persisted waits in the log (the
 * wall's backlog banner and /readyz say so).
 */
import { LAYERS } from '../../src/lib/protocol/index';
import type { Db } from '../db/client';
import type { DeltaBus, LiveStore } from '../live/live-store';
import { loadLiveHistory, type Registry } from '../modules/registry/load-registry';
import { loadPickupWatches } from '../modules/transfers/pickup-watches';
import { loadLiveTransfers } from '../modules/transfers/live-transfers';
import { loadLiveRuns } from '../modules/dispatch/live-runs';
import { standingFeversToRestore } from '../modules/quarantine/standing-fevers';
import type { EventLog } from './event-log/event-log';
import { scannedOn } from './sampled-persistence';
import { LiveState } from './live-state';
import type { LogEntry } from './normalized-event';
import { persistBatch } from './persistence';
import { ensurePositionPartitions } from '../db/position-partitions';
import { serviceDay } from '../../src/lib/domain/service-day';

/** Entries the live reader takes per read. */
const READ_BATCH = 2000;
const BACKLOG_EVERY_MS = 2000;
const PERSIST_BATCH = 10_000;
/** Boxes older than this cannot belong to today's counters; restore reads no further back. */
const RESTORE_WINDOW_MS = 36 * 60 * 60 * 1000;

export interface ProjectorStatus {
	/** Entries applied to the live map but not yet committed to the database. */
	unpersisted: number;
	/** Entries in the event log not yet acknowledged (includes the unpersisted ones), last measured. */
	backlog: number;
	lastPersistError: string | null;
	lastPersistAt: number | null;
}

export interface ProjectorOptions {
	log: EventLog;
	db: Db;
	store: LiveStore;
	bus: DeltaBus;
	registry: Registry;
	tickMs: number;
	logger?: Pick<Console, 'warn' | 'error'>;
}

export class Projector {
	#options: ProjectorOptions;
	#state!: LiveState;
	/** The batch the persister holds: read from the group, not yet committed and acknowledged. */
	#batch: LogEntry[] = [];
	/** The log id of the last entry the live reader applied; null: from the oldest unacknowledged. */
	#liveCursor: string | null = null;
	#running = false;
	#readLoop: Promise<void> | null = null;
	#persistLoop: Promise<void> | null = null;
	#tickTimer: NodeJS.Timeout | null = null;
	#ticking = false;
	#storeOutOfSync = false;
	#status: ProjectorStatus = { unpersisted: 0, backlog: 0, lastPersistError: null, lastPersistAt: null };
	#backlogTimer: NodeJS.Timeout | null = null;
	/** The service day whose position partitions were last made sure of. */
	#partitionedDay: string | null = null;
	/** Reloads of the watched transfers, one after another, so an older read never lands after a newer. */
	#pickupReload: Promise<void> = Promise.resolve();
	#pickupRetry: NodeJS.Timeout | null = null;

	constructor(options: ProjectorOptions) {
		this.#options = options;
	}

	async start(): Promise<void> {
		const { db, store, registry } = this.#options;
		const now = Date.now();
		this.#state = new LiveState(registry, now);
		// Before anything reaches the store: a vehicle near a pickup is never published where it is.
		const state = this.#state;
		const watched = this.#pickupReload.then(async () => state.watchPickups(await loadPickupWatches(db, { from: new Date(now), to: new Date(now) })));
		this.#pickupReload = watched.catch(() => {});
		await watched;
		const history = await loadLiveHistory({ db, since: new Date(now - RESTORE_WINDOW_MS) });
		for (const fix of history.fixes) this.#state.restoreFix(fix.vehicleId, fix);
		for (const queue of history.queues) {
			this.#state.restoreQueue(queue.siteId, queue.queueLength, queue.at);
			// The tablet's count of the day, as of the reading that carried it (the live state keeps only today's).
			if (queue.sampledToday !== null && queue.sampledAt !== null) this.#state.restoreSampled(queue.siteId, queue.sampledToday, queue.sampledAt);
		}
		for (const box of history.boxes) this.#state.addBox(box);
		const today = serviceDay(now);
		this.#state.restoreScanned(today, await scannedOn(db, today));
		const [runs, transfers] = await Promise.all([loadLiveRuns(db), loadLiveTransfers(db, now)]);
		this.#state.restoreDispatch({ runs, transfers });
		this.#state.restoreFevers(await standingFeversToRestore(db));
		this.#state.takeDeltas(now);
		await this.#replaceStore();
		this.#running = true;
		this.#readLoop = this.#consume();
		this.#persistLoop = this.#persistContinuously();
		this.#tickTimer = setInterval(() => void this.#tick(), this.#options.tickMs);
		this.#backlogTimer = setInterval(() => void this.#measureBacklog(), BACKLOG_EVERY_MS);
	}

	async #measureBacklog(): Promise<void> {
		try {
			this.#status.backlog = await this.#options.log.backlog();
		} catch {
			// The log is away; readiness reports it.
		}
	}

	/** The registry changed (an import): the next tick carries the new and changed sites and vehicles. */
	syncRegistry(registry: Registry): void {
		this.#state?.syncRegistry(registry);
	}

	/**
	 * The transfer tasks changed (assigned, cancelled, handed over): reads the tasks to watch again.
	 * Called on each transfer.* event read from the log, which every projector reads whatever
	 * happens to a control message, and on `transfers.changed` (server/live/control-bus.ts), which
	 * comes sooner, before the dispatcher is answered. A failed read is retried every second until one succeeds,
	 * since until then a new task's vehicle would be drawn where it is.
	 */
	reloadPickupWatches(): Promise<void> {
		const reload = this.#pickupReload.then(async () => {
			if (!this.#state) return;
			const state = this.#state;
			try {
				state.watchPickups(await loadPickupWatches(this.#options.db, { from: new Date(), to: new Date() }));
			} catch (error) {
				this.#options.logger?.error(`projector: reading the transfer tasks failed, retrying: ${(error as Error).message}`);
				if (this.#pickupRetry) clearTimeout(this.#pickupRetry);
				if (this.#running) this.#pickupRetry = setTimeout(() => void this.reloadPickupWatches(), 1000);
			}
		});
		this.#pickupReload = reload;
		return reload;
	}

	get status(): ProjectorStatus {
		return { ...this.#status, unpersisted: this.#batch.length };
	}

	async stop(): Promise<void> {
		this.#running = false;
		if (this.#tickTimer) clearInterval(this.#tickTimer);
		if (this.#backlogTimer) clearInterval(this.#backlogTimer);
		if (this.#pickupRetry) clearTimeout(this.#pickupRetry);
		await this.#readLoop;
		await this.#persistLoop;
		await this.#tick();
		await this.#persist();
	}

	async #consume(): Promise<void> {
		while (this.#running) {
			try {
				const entries = await this.#options.log.tail(this.#liveCursor, READ_BATCH, 100);
				await this.#applyAll(entries);
				if (entries.length > 0) this.#liveCursor = entries[entries.length - 1].logId;
			} catch (error) {
				this.#options.logger?.warn(`projector: reading the event log failed: ${(error as Error).message}`);
				await sleep(1000);
			}
		}
	}

	/**
	 * Applies entries in log order. After a transfer.* event the tasks to watch are read again before
	 * the next entry: the log, not a notification that may be lost (on another node, say), is what
	 * makes a new task's pickup shielded on every projector, and a fix after the assignment in the
	 * log is judged by it.
	 */
	async #applyAll(entries: readonly LogEntry[]): Promise<void> {
		for (const entry of entries) {
			this.#state.apply(entry.event);
			if (entry.event.type.startsWith('transfer.')) await this.reloadPickupWatches();
		}
	}

	async #tick(): Promise<void> {
		if (this.#ticking) return;
		this.#ticking = true;
		try {
			await this.#publish();
		} finally {
			this.#ticking = false;
		}
	}

	async #publish(): Promise<void> {
		const { store, bus } = this.#options;
		this.#state.setStorageDegraded(this.#status.lastPersistError !== null);
		this.#state.setBacklog(Math.max(this.#status.backlog, this.#batch.length));
		const deltas = this.#state.takeDeltas(Date.now());
		try {
			if (this.#storeOutOfSync) {
				await this.#replaceStore();
				this.#storeOutOfSync = false;
				return;
			}
			// Sent together (one connection keeps them in order), so a tick costs two round trips to
			// Redis, not two per layer; every delta is in the store before any goes out on the bus.
			await Promise.all(deltas.map((delta) => store.apply(delta)));
			await Promise.all(deltas.map((delta) => bus.publish(delta)));
		} catch (error) {
			// Deltas were lost; once the store answers again it gets the whole state at once.
			this.#storeOutOfSync = true;
			this.#options.logger?.warn(`projector: publishing deltas failed: ${(error as Error).message}`);
		}
	}

	/**
	 * Reads, applies and writes batch after batch. The next batch is read from the log (and parsed,
	 * and applied) while the one held is being written, so Node's work and the database's overlap;
	 * never two writes at once (two transactions upserting the same vehicles' latest fixes would
	 * wait on each other's row locks, or deadlock).
	 */
	async #persistContinuously(): Promise<void> {
		let next: Promise<LogEntry[] | null> | null = null;
		while (this.#running) {
			if (this.#batch.length === 0) {
				const read = await (next ?? this.#readBatch());
				next = null;
				if (read === null) {
					await sleep(1000);
					continue;
				}
				this.#batch = read;
				if (this.#batch.length === 0) continue;
			}
			next ??= this.#readBatch();
			// A failed batch is retried after a pause; the error shows as degraded storage meanwhile.
			if (!(await this.#persist())) await sleep(1000);
		}
		// Stopping: what was read ahead is written too (or waits in the log, unacknowledged, for the next projector).
		const last = await next;
		if (last && last.length > 0 && (await this.#persist())) this.#batch = last;
	}

	/** The next batch from the log's consumer group, applied to the live state; null when the log failed. */
	async #readBatch(): Promise<LogEntry[] | null> {
		let batch: LogEntry[];
		try {
			batch = await this.#options.log.read(PERSIST_BATCH, 100);
		} catch (error) {
			this.#options.logger?.warn(`projector: reading the event log failed: ${(error as Error).message}`);
			return null;
		}
		// What the live reader has applied already needs no second pass (the state would ignore it, at a cost).
		const cursor = this.#liveCursor;
		await this.#applyAll(cursor === null ? batch : batch.filter((entry) => compareLogIds(entry.logId, cursor) > 0));
		return batch;
	}

	/** Persists the batch held; false when the database (or the log's acknowledgement) refused it. */
	async #persist(): Promise<boolean> {
		if (this.#batch.length === 0) return true;
		const batch = this.#batch;
		try {
			await this.#ensurePartitions();
			await persistBatch(this.#options.db, batch);
			await this.#options.log.ack(batch);
			this.#batch = [];
			this.#status.lastPersistAt = Date.now();
			this.#status.lastPersistError = null;
			return true;
		} catch (error) {
			this.#status.lastPersistError = (error as Error).message;
			this.#options.logger?.warn(`projector: persisting ${batch.length} events failed, will retry: ${(error as Error).message}`);
			return false;
		}
	}

	/** Once per service day (and at start): today's and tomorrow's position partitions exist. */
	async #ensurePartitions(): Promise<void> {
		const now = Date.now();
		if (this.#partitionedDay === serviceDay(now)) return;
		await ensurePositionPartitions(this.#options.db, now, this.#options.logger);
		this.#partitionedDay = serviceDay(now);
	}

	/** Writes every layer whole, one sequence number past what the store had. */
	async #replaceStore(): Promise<void> {
		const { store } = this.#options;
		for (const layer of LAYERS) {
			const stored = await store.snapshot(layer);
			this.#state.continueSequence(layer, stored.seq + 1);
			await store.replace(this.#state.snapshot(layer));
		}
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Orders two log ids: a Redis stream's "<ms>-<n>" or the embedded log's sequence number. */
export function compareLogIds(a: string, b: string): number {
	const [aMs, aN = '0'] = a.split('-');
	const [bMs, bN = '0'] = b.split('-');
	return Number(aMs) - Number(bMs) || Number(aN) - Number(bN);
}
