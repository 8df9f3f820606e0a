/**
 * The embedded event log: the event_log table is the durable log (an event is acknowledged to the
 * device once its row is committed), and an in-process queue wakes the projector. The consumer's
 * offset is stored, so a restart replays exactly what was not yet persisted.
 */
import { and, asc, count, eq, gt, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { eventLog, logOffsets } from '../../db/schema/index';
import type { LogEntry, LoggedEvent } from '../normalized-event';
import { eventContent } from './event-content';
import type { AppendOutcome, EventLog } from './event-log';

const CONSUMER = 'projector';
/**
 * Acknowledged rows are kept this long, because the unique event id is also how a resend is
 * recognised (the Redis log keeps its dedupe keys as long). Older ones are deleted.
 */
const DEDUPE_WINDOW_MS = 48 * 60 * 60 * 1000;
const TRIM_EVERY_MS = 60_000;

export class EmbeddedEventLog implements EventLog {
	readonly kind = 'embedded' as const;
	#db: Db;
	/** Highest seq handed to the consumer; reading resumes after it. */
	#readUpTo: number | null = null;
	#waiters: (() => void)[] = [];
	/**
	 * Appends run one at a time: on a Postgres pool two concurrent inserts could commit their
	 * serial numbers out of order, and the reader would step past the later-committed one.
	 */
	#appending: Promise<unknown> = Promise.resolve();
	#dedupeWindowMs: number;
	#lastTrimAt = 0;

	constructor(db: Db, options: { dedupeWindowMs?: number } = {}) {
		this.#db = db;
		this.#dedupeWindowMs = options.dedupeWindowMs ?? DEDUPE_WINDOW_MS;
	}

	append(events: LoggedEvent[]): Promise<AppendOutcome[]> {
		const result = this.#appending.then(() => this.#appendNow(events));
		this.#appending = result.catch(() => {});
		return result;
	}

	async #appendNow(events: LoggedEvent[]): Promise<AppendOutcome[]> {
		if (events.length === 0) return [];
		const inserted = await this.#db
			.insert(eventLog)
			.values(events.map((event) => ({ eventId: event.id, payload: event })))
			.onConflictDoNothing({ target: eventLog.eventId })
			.returning({ eventId: eventLog.eventId });
		const fresh = new Set(inserted.map((row) => row.eventId));
		// A resent id is compared with what the log holds for it: same content, a duplicate; other, a conflict.
		const resent = [...new Set(events.filter((event) => !fresh.has(event.id)).map((event) => event.id))];
		const held = new Map<string, string>();
		if (resent.length > 0) {
			const rows = await this.#db.select({ eventId: eventLog.eventId, payload: eventLog.payload }).from(eventLog).where(inArray(eventLog.eventId, resent));
			for (const row of rows) held.set(row.eventId, eventContent(row.payload as LoggedEvent));
		}
		const outcomes: AppendOutcome[] = [];
		for (const event of events) {
			const content = eventContent(event);
			// A batch that holds the same id twice appends the first; the later ones compare with it.
			if (fresh.has(event.id) && !held.has(event.id)) {
				outcomes.push('appended');
				held.set(event.id, content);
				continue;
			}
			// A row trimmed since (past the dedupe window) cannot be compared: it counts as a duplicate, as before.
			const first = held.get(event.id);
			outcomes.push(first === undefined || first === content ? 'duplicate' : 'conflict');
		}
		for (const wake of this.#waiters.splice(0)) wake();
		return outcomes;
	}

	async tail(after: string | null, max: number, blockMs: number): Promise<LogEntry[]> {
		const from = after === null ? await this.#committedOffset() : Number(after);
		let rows = await this.#rowsAfter(from, max);
		if (rows.length === 0 && blockMs > 0) {
			await this.#wait(blockMs);
			rows = await this.#rowsAfter(from, max);
		}
		return rows.map((row) => ({ logId: String(row.seq), event: row.payload as LoggedEvent }));
	}

	#wait(blockMs: number): Promise<void> {
		return new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, blockMs);
			this.#waiters.push(() => {
				clearTimeout(timer);
				resolve();
			});
		});
	}

	async read(max: number, blockMs: number): Promise<LogEntry[]> {
		if (this.#readUpTo === null) this.#readUpTo = await this.#committedOffset();
		let rows = await this.#rowsAfter(this.#readUpTo, max);
		if (rows.length === 0 && blockMs > 0) {
			await this.#wait(blockMs);
			rows = await this.#rowsAfter(this.#readUpTo, max);
		}
		if (rows.length > 0) this.#readUpTo = rows[rows.length - 1].seq;
		return rows.map((row) => ({ logId: String(row.seq), event: row.payload as LoggedEvent }));
	}

	async ack(entries: LogEntry[]): Promise<void> {
		if (entries.length === 0) return;
		const upTo = Math.max(...entries.map((entry) => Number(entry.logId)));
		await this.#db
			.insert(logOffsets)
			.values({ consumer: CONSUMER, seq: upTo })
			.onConflictDoUpdate({ target: logOffsets.consumer, set: { seq: sql`greatest(${logOffsets.seq}, excluded.seq)` } });
		if (Date.now() - this.#lastTrimAt >= TRIM_EVERY_MS) {
			this.#lastTrimAt = Date.now();
			await this.trimPersisted();
		}
	}

	async trimPersisted(): Promise<void> {
		const offset = await this.#committedOffset();
		await this.#db.delete(eventLog).where(and(lte(eventLog.seq, offset), lt(eventLog.receivedAt, new Date(Date.now() - this.#dedupeWindowMs))));
	}

	async retained(): Promise<number> {
		const [row] = await this.#db.select({ n: count() }).from(eventLog);
		return row.n;
	}

	async backlog(): Promise<number> {
		const [row] = await this.#db.select({ last: sql<number>`coalesce(max(${eventLog.seq}), 0)::bigint` }).from(eventLog);
		return Math.max(0, Number(row.last) - (await this.#committedOffset()));
	}

	async ping(): Promise<void> {
		await this.#db.execute(sql`select 1`);
	}

	async close(): Promise<void> {
		for (const wake of this.#waiters.splice(0)) wake();
	}

	async #committedOffset(): Promise<number> {
		const rows = await this.#db.select({ seq: logOffsets.seq }).from(logOffsets).where(eq(logOffsets.consumer, CONSUMER));
		return rows[0]?.seq ?? 0;
	}

	#rowsAfter(seq: number, max: number) {
		return this.#db.select({ seq: eventLog.seq, payload: eventLog.payload }).from(eventLog).where(gt(eventLog.seq, seq)).orderBy(asc(eventLog.seq)).limit(max);
	}
}
