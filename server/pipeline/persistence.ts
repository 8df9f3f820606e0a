/**
 * Writes a batch of log entries to the database in one transaction. Idempotent on event id (and
 * on box id), and "latest" tables only move forward in device time, so writing a batch twice, or
 * in the wrong order, leaves the same rows. A courier position is one row of positions
 * (position-writer.ts); every other event is a row of device_events, plus what it changes.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { boxHandovers, labCounters, labs, poolMembers, poolResults, sampleBoxes, sites, vehicleLatest } from '../db/schema/index';
import type { LogEntry, NormalizedEvent, NormalizedPosition } from './normalized-event';
import { isCommandEvent } from '../../src/lib/protocol/command-events';
import { insertUnnest, type UnnestColumn } from './unnest-insert';
import { writePositions } from './position-writer';
import { copyClient, copyInto } from './copy-insert';
import { persistSampled } from './sampled-persistence';
import { sampleDeadline } from '../../src/lib/domain/sample-deadline';
import { serviceDay } from '../../src/lib/domain/service-day';
import { openPlaybooks } from '../modules/playbooks/open-playbooks';

/** Rows per INSERT statement for the small tables: well under Postgres's 65,535 bind parameters. */
const CHUNK = 500;

/** Every event but a position (positions keeps those whole, position-writer.ts). */
const DEVICE_EVENT_COLUMNS: UnnestColumn<NormalizedEvent>[] = [
	{ name: 'id', type: 'text', value: (event) => event.id },
	{ name: 'type', type: 'text', value: (event) => event.type },
	{ name: 'device_id', type: 'text', value: (event) => event.deviceId },
	{ name: 'at', type: 'timestamptz', value: (event) => event.at },
	{ name: 'payload', type: 'jsonb', value: (event) => JSON.stringify(event) }
];

type QueueReading = Extract<NormalizedEvent, { type: 'site.queue' }>;

const QUEUE_COLUMNS: UnnestColumn<QueueReading>[] = [
	{ name: 'site_id', type: 'text', value: (queue) => queue.siteId },
	{ name: 'queue_length', type: 'int4', value: (queue) => queue.queueLength },
	{ name: 'queue_at', type: 'timestamptz', value: (queue) => queue.at },
	{ name: 'sampled_today', type: 'int4', value: (queue) => queue.sampledToday ?? null },
	{ name: 'sampled_at', type: 'timestamptz', value: (queue) => (queue.sampledToday === undefined ? null : queue.at) }
];

/** The newest reading per site by device time; the tablet's count of the day stays when a newer reading carries none. */
const QUEUE_CONFLICT =
	'(site_id) do update set queue_length = excluded.queue_length, queue_at = excluded.queue_at, sampled_today = coalesce(excluded.sampled_today, site_status.sampled_today), sampled_at = coalesce(excluded.sampled_at, site_status.sampled_at) where site_status.queue_at < excluded.queue_at';

/** How a batch went in: by COPY (Postgres, nothing of it stored before), the idempotent way, or not at all (nothing to write). */
export type PersistWay = 'copy' | 'idempotent' | 'none';

/**
 * On Postgres a batch is first written by COPY (copy-insert.ts: less than half the server's work
 * for positions), which refuses a row already stored; a batch so refused (a replay after a crash,
 * or a failure of any kind) is rolled back and written again the idempotent way, INSERT … ON
 * CONFLICT, as PGlite always writes. Both ways write the same rows in one transaction, so a batch
 * is stored whole, once, whichever way and however often it comes.
 *
 * Commits stay synchronous (synchronous_commit off was weighed for the persister's transactions,
 * ~6 ms of a 10,000-event batch here): the persister acknowledges a batch in the log right after
 * its commit, and the log then forgets it. An asynchronous commit is acknowledged before its WAL
 * is on disk, so a Postgres crash in the next ~0.6 s (3 × wal_writer_delay) would lose a batch the
 * log has already let go: an acknowledged event lost, which the design forbids. It would be safe
 * only if the log's acknowledgement waited for the WAL to be flushed, for a few milliseconds.
 */
export async function persistBatch(db: Db, entries: LogEntry[]): Promise<PersistWay> {
	const batch = planBatch(entries);
	if (!batch) return 'none';
	if (copyClient(db)) {
		try {
			await db.transaction((tx) => writeBatch(tx as unknown as Db, batch, copyClient(tx)));
			return 'copy';
		} catch {
			// Refused, why is not told (copyInto); written again below, where a real fault shows.
		}
	}
	await db.transaction((tx) => writeBatch(tx as unknown as Db, batch, null));
	return 'idempotent';
}

type Of<T extends NormalizedEvent['type']> = Extract<NormalizedEvent, { type: T }>;

interface Batch {
	events: NormalizedEvent[];
	fixes: NormalizedPosition[];
	others: NormalizedEvent[];
	queues: Of<'site.queue'>[];
	latestFixes: NormalizedPosition[];
	boxes: Of<'site.box_sealed'>[];
	statuses: Of<'site.status'>[];
	pickups: Of<'box.picked_up'>[];
	receipts: Of<'box.received'>[];
	poolResultEvents: Of<'lab.pool_result'>[];
	labDays: Of<'lab.counts'>[];
}

/** What a batch writes, table by table, in one pass over it; null when nothing. */
function planBatch(entries: LogEntry[]): Batch | null {
	const seen = new Set<string>();
	const events: NormalizedEvent[] = [];
	const fixes: NormalizedPosition[] = [];
	const others: NormalizedEvent[] = [];
	const boxes: Of<'site.box_sealed'>[] = [];
	const pickups: Of<'box.picked_up'>[] = [];
	const receipts: Of<'box.received'>[] = [];
	const queues = new Newest<Of<'site.queue'>>();
	const latestFixes = new Newest<NormalizedPosition>();
	const statuses = new Newest<Of<'site.status'>>();
	const poolResults = new Newest<Of<'lab.pool_result'>>();
	const labDays = new Newest<Of<'lab.counts'>>();
	for (const { event: logged } of entries) {
		// A command's event carries no rows to write: its operation wrote them with it (command-events.ts).
		if (isCommandEvent(logged) || seen.has(logged.id)) continue;
		const event = logged as NormalizedEvent;
		seen.add(event.id);
		events.push(event);
		if (event.type === 'courier.position') {
			fixes.push(event);
			latestFixes.offer(event.vehicleId, event);
			continue;
		}
		others.push(event);
		if (event.type === 'site.queue') queues.offer(event.siteId, event);
		else if (event.type === 'site.box_sealed') boxes.push(event);
		else if (event.type === 'site.status') statuses.offer(event.siteId, event);
		else if (event.type === 'box.picked_up') pickups.push(event);
		else if (event.type === 'box.received') receipts.push(event);
		else if (event.type === 'lab.pool_result') poolResults.offer(`${event.boxId} ${event.tube}`, event);
		else if (event.type === 'lab.counts') labDays.offer(`${event.labId} ${serviceDay(Date.parse(event.at))}`, event);
	}
	if (events.length === 0) return null;
	return { events, fixes, others, queues: queues.items(), latestFixes: latestFixes.items(), boxes, statuses: statuses.items(), pickups, receipts, poolResultEvents: poolResults.items(), labDays: labDays.items() };
}

/** The newest item per key by device time (one row per key, as ON CONFLICT needs); of equal times the first stays. */
class Newest<T extends { at: string }> {
	#newest = new Map<string, { item: T; at: number }>();
	offer(key: string, item: T): void {
		const at = Date.parse(item.at);
		const current = this.#newest.get(key);
		if (!current || at > current.at) this.#newest.set(key, { item, at });
	}
	items(): T[] {
		return Array.from(this.#newest.values(), (entry) => entry.item);
	}
}

/** copy: the transaction's postgres.js client to COPY with, or null to write the idempotent way. */
async function writeBatch(tx: Db, batch: Batch, copy: ReturnType<typeof copyClient>): Promise<void> {
	const { events, fixes, others, queues, latestFixes, boxes, statuses, pickups, receipts, poolResultEvents, labDays } = batch;
	if (copy) await copyInto(copy, 'device_events', DEVICE_EVENT_COLUMNS, others);
	else await insertUnnest(tx, 'device_events', DEVICE_EVENT_COLUMNS, others);
	await writePositions(tx, fixes, latestFixes, copy);
	await insertUnnest(tx, 'site_status', QUEUE_COLUMNS, queues, QUEUE_CONFLICT);
	// The site's status lives in the registry, where the board and a restart read it.
	for (const status of statuses) await tx.update(sites).set({ status: status.status }).where(eq(sites.id, status.siteId));
	// Running totals of a day only grow: a late or replayed report never lowers them.
	for (const chunk of chunks(labDays)) {
		await tx
			.insert(labCounters)
			.values(chunk.map((counts) => ({ labId: counts.labId, day: serviceDay(Date.parse(counts.at)), receivedTubes: counts.receivedTubes, testedTubes: counts.testedTubes, reportedAt: new Date(counts.at), firstTestedAt: counts.testedTubes > 0 ? new Date(counts.at) : null })))
			.onConflictDoUpdate({
				target: [labCounters.labId, labCounters.day],
				set: {
					receivedTubes: sql`greatest(${labCounters.receivedTubes}, excluded.received_tubes)`,
					testedTubes: sql`greatest(${labCounters.testedTubes}, excluded.tested_tubes)`,
					reportedAt: sql`greatest(${labCounters.reportedAt}, excluded.reported_at)`,
					// The earliest report that had tested anything, whatever order the reports came in.
					firstTestedAt: sql`case when excluded.first_tested_at is null then ${labCounters.firstTestedAt} else least(coalesce(${labCounters.firstTestedAt}, excluded.first_tested_at), excluded.first_tested_at) end`
				}
			});
	}
	for (const chunk of chunks(boxes)) {
		await tx
			.insert(sampleBoxes)
			.values(
				chunk.map((box) => ({ id: box.boxId, siteId: box.siteId, sealedAt: new Date(box.at), deadlineAt: new Date(sampleDeadline(Date.parse(box.at))), tubes: box.tubes, people: box.people, pooling: box.pooling, eventId: box.id }))
			)
			.onConflictDoNothing();
	}
	if (pickups.length > 0 || receipts.length > 0) await persistCustody(tx, pickups, receipts);
	await persistPools(tx, boxes, poolResultEvents);
	// A positive opens its playbook in the same transaction: re-tests, control, audit, event (modules/playbooks).
	await openPlaybooks(tx, poolResultEvents);
	await persistSampled(tx, events);
}

type SealedBox = Extract<NormalizedEvent, { type: 'site.box_sealed' }>;
type PoolResult = Extract<NormalizedEvent, { type: 'lab.pool_result' }>;

/** Who went into which tube, once; and each tube's newest result (a re-run replaces an older one). */
async function persistPools(tx: Db, boxes: SealedBox[], results: PoolResult[]): Promise<void> {
	const members = boxes.flatMap((box) => (box.pools ?? []).flatMap((pool) => [...new Set(pool.householdIds)].map((householdId) => ({ boxId: box.boxId, tube: pool.tube, householdId }))));
	for (const chunk of chunks(members)) await tx.insert(poolMembers).values(chunk).onConflictDoNothing();
	for (const chunk of chunks(results)) {
		await tx
			.insert(poolResults)
			.values(chunk.map((result) => ({ boxId: result.boxId, tube: result.tube, labId: result.labId, result: result.result, at: new Date(result.at), eventId: result.id })))
			.onConflictDoUpdate({ target: [poolResults.boxId, poolResults.tube], set: { labId: sql`excluded.lab_id`, result: sql`excluded.result`, at: sql`excluded.at`, eventId: sql`excluded.event_id` }, setWhere: sql`${poolResults.at} < excluded.at` });
	}
}

type Pickup = Extract<NormalizedEvent, { type: 'box.picked_up' }>;
type Receipt = Extract<NormalizedEvent, { type: 'box.received' }>;

/**
 * Handovers of boxes (after the boxes of the same batch, so a seal and its pickup may travel
 * together): each is recorded once (its id is the event's), where the vehicle was at the time,
 * and the box moves on: onto a courier, into a transfer station, and finally received by a lab
 * (the first receipt stands).
 */
async function persistCustody(tx: Db, pickups: Pickup[], receipts: Receipt[]): Promise<void> {
	const vehicleIds = [...new Set(pickups.map((pickup) => pickup.vehicleId))];
	const positions = vehicleIds.length === 0 ? [] : await tx.select().from(vehicleLatest).where(inArray(vehicleLatest.vehicleId, vehicleIds));
	const where = new Map(positions.map((position) => [position.vehicleId, position]));
	const rows = [
		...pickups.map((pickup) => ({ id: pickup.id, boxId: pickup.boxId, kind: 'pickup' as const, at: new Date(pickup.at), fromParty: `site:${pickup.siteId}`, toParty: `vehicle:${pickup.vehicleId}`, vehicleId: pickup.vehicleId, lat: where.get(pickup.vehicleId)?.lat ?? null, lon: where.get(pickup.vehicleId)?.lon ?? null, tubesCounted: pickup.tubesCounted })),
		...receipts.map((receipt) => ({ id: receipt.id, boxId: receipt.boxId, kind: 'receipt' as const, at: new Date(receipt.at), fromParty: `device:${receipt.deviceId}`, toParty: `lab:${receipt.labId}`, vehicleId: null, lat: null, lon: null, tubesCounted: receipt.tubesCounted }))
	];
	for (const chunk of chunks(rows)) await tx.insert(boxHandovers).values(chunk).onConflictDoNothing();
	for (const pickup of pickups) await tx.update(sampleBoxes).set({ courierVehicleId: pickup.vehicleId }).where(eq(sampleBoxes.id, pickup.boxId));
	const labIds = [...new Set(receipts.map((receipt) => receipt.labId))];
	const stations = new Set((labIds.length === 0 ? [] : await tx.select({ id: labs.id }).from(labs).where(and(inArray(labs.id, labIds), eq(labs.kind, 'transfer_station')))).map((row) => row.id));
	for (const receipt of receipts) {
		// A transfer station only holds the box until the next courier: its 4-hour clock keeps running.
		if (stations.has(receipt.labId)) {
			await tx.update(sampleBoxes).set({ courierVehicleId: null }).where(eq(sampleBoxes.id, receipt.boxId));
			continue;
		}
		await tx
			.update(sampleBoxes)
			.set({ labId: receipt.labId, receivedAt: new Date(receipt.at), receivedTubes: receipt.tubesCounted })
			.where(and(eq(sampleBoxes.id, receipt.boxId), isNull(sampleBoxes.receivedAt)));
	}
}

function* chunks<T>(items: T[]): Generator<T[]> {
	for (let start = 0; start < items.length; start += CHUNK) yield items.slice(start, start + CHUNK);
}
