/**
 * The scaled event log: one Redis Stream with a consumer group. Appends are a Lua script so that
 * the duplicate check (a key per event id, holding a hash of its content to tell a resend from a
 * conflict) and the XADD are one atomic step. Concurrent requests'
 * appends share round trips through the client's auto-pipelining (see connectRedis). The device is
 * acknowledged after Redis answers (run Redis with AOF for durability across a Redis restart).
 */
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { LogEntry, LoggedEvent } from '../normalized-event';
import { eventContentHash } from './event-content';
import type { AppendOutcome, EventLog } from './event-log';

/** How long an event id is remembered for duplicate detection. Devices resend within minutes. */
const DEDUPE_TTL_SECONDS = 48 * 60 * 60;
/** An entry pending longer than this belongs to a consumer presumed crashed, and is claimed. */
const CLAIM_IDLE_MS = 30_000;
const CLAIM_EVERY_MS = 10_000;
/** Events hashed and encoded for an append between two turns of the event loop. */
const ENCODE_EVENTS_PER_TURN = 250;
/** How often acknowledged entries are trimmed from the stream. */
const TRIM_EVERY_MS = 2_000;

// KEYS[1] stream; ARGV[1] dedupe key prefix, ARGV[2] ttl, then triples of (event id, content hash, payload).
// Returns per event 1 appended, 0 duplicate (same content), 2 conflict (other content). A key
// holding '1' was written before content hashes were kept: it counts as the same content.
const APPEND_SCRIPT = `
local out = {}
for i = 3, #ARGV, 3 do
  local key = ARGV[1] .. ARGV[i]
  if redis.call('SET', key, ARGV[i + 1], 'NX', 'EX', ARGV[2]) then
    redis.call('XADD', KEYS[1], '*', 'e', ARGV[i + 2])
    out[#out + 1] = 1
  else
    local held = redis.call('GET', key)
    if held == ARGV[i + 1] or held == '1' then out[#out + 1] = 0 else out[#out + 1] = 2 end
  end
end
return out`;

export class RedisStreamEventLog implements EventLog {
	readonly kind = 'redis-stream' as const;
	#redis: Redis;
	/** A blocking XREADGROUP holds its connection, so reading gets a connection of its own. */
	#reader: Redis;
	/** The live map's reader blocks too, so it has a connection of its own as well. */
	#tailReader: Redis;
	#stream: string;
	#dedupePrefix: string;
	#group = 'projector';
	/** Each process is a new consumer; what an earlier process left unacknowledged is claimed below. */
	#consumer = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	#groupReady: Promise<void> | null = null;
	#lastClaimAt = 0;
	#lastTrimAt = 0;
	#claimCursor = '0-0';

	#claimIdleMs: number;

	constructor(redis: Redis, prefix: string, options: { claimIdleMs?: number } = {}) {
		this.#redis = redis;
		// Sent once and then run by its SHA (EVALSHA), so a batch costs its events and not the script.
		redis.defineCommand('appendEventBatch', { numberOfKeys: 1, lua: APPEND_SCRIPT });
		this.#claimIdleMs = options.claimIdleMs ?? CLAIM_IDLE_MS;
		this.#reader = redis.duplicate();
		// Outages surface as failed reads, which the projector reports; no unhandled error events.
		this.#reader.on('error', () => {});
		this.#tailReader = redis.duplicate();
		this.#tailReader.on('error', () => {});
		this.#stream = `${prefix}events`;
		this.#dedupePrefix = `${prefix}event-id:`;
	}

	async append(events: LoggedEvent[]): Promise<AppendOutcome[]> {
		if (events.length === 0) return [];
		const args: string[] = [this.#dedupePrefix, String(DEDUPE_TTL_SECONDS)];
		for (const [index, event] of events.entries()) {
			// Hashing and encoding a thousand events is tens of milliseconds: let other work in between.
			if (index > 0 && index % ENCODE_EVENTS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
			args.push(event.id, eventContentHash(event), JSON.stringify(event));
		}
		const appendEventBatch = (this.#redis as unknown as { appendEventBatch(...args: string[]): Promise<number[]> }).appendEventBatch;
		const flags = await appendEventBatch.call(this.#redis, this.#stream, ...args);
		return flags.map((flag) => (flag === 1 ? 'appended' : flag === 2 ? 'conflict' : 'duplicate'));
	}

	async tail(after: string | null, max: number, blockMs: number): Promise<LogEntry[]> {
		// The stream holds only what is not yet persisted (trimPersisted), so "from the start" is from the oldest unacknowledged entry.
		const args: (string | number)[] = ['COUNT', max];
		if (blockMs > 0) args.push('BLOCK', blockMs);
		args.push('STREAMS', this.#stream, after ?? '0-0');
		const reply = (await this.#tailReader.call('XREAD', ...args)) as [string, [string, string[]][]][] | null;
		if (!reply) return [];
		return toEntries(reply[0][1]);
	}

	async read(max: number, blockMs: number): Promise<LogEntry[]> {
		await this.#ensureGroup();
		if (Date.now() - this.#lastClaimAt > Math.min(CLAIM_EVERY_MS, this.#claimIdleMs)) {
			this.#lastClaimAt = Date.now();
			const claimed = await this.#claimAbandoned(max);
			if (claimed.length > 0) return claimed;
		}
		return this.#readGroup('>', max, blockMs);
	}

	async ack(entries: LogEntry[]): Promise<void> {
		if (entries.length === 0) return;
		await this.#redis.xack(this.#stream, this.#group, ...entries.map((entry) => entry.logId));
		if (Date.now() - this.#lastTrimAt >= TRIM_EVERY_MS) {
			this.#lastTrimAt = Date.now();
			await this.trimPersisted();
		}
	}

	/**
	 * Drops the entries every consumer has acknowledged (they are in the database), so the stream
	 * holds only what is not yet persisted and Redis memory stays flat over days. Everything from
	 * the oldest unacknowledged entry on is kept, and so is all that was never delivered.
	 */
	async trimPersisted(): Promise<void> {
		const [pendingCount, oldestPending] = (await this.#redis.xpending(this.#stream, this.#group)) as [number, string | null, string | null, unknown];
		const keepFrom = Number(pendingCount) > 0 && oldestPending ? oldestPending : await this.#lastDelivered();
		if (keepFrom) await this.#redis.xtrim(this.#stream, 'MINID', '~', keepFrom);
	}

	async retained(): Promise<number> {
		return this.#redis.xlen(this.#stream);
	}

	async #lastDelivered(): Promise<string | null> {
		const group = await this.#groupInfo();
		return group ? String(group['last-delivered-id']) : null;
	}

	async #groupInfo(): Promise<Record<string, string | number | null> | undefined> {
		const groups = (await this.#redis.xinfo('GROUPS', this.#stream)) as (string | number | null)[][];
		return groups.map((fields) => Object.fromEntries(Array.from({ length: fields.length / 2 }, (_, index) => [fields[2 * index], fields[2 * index + 1]]))).find((fields) => fields.name === this.#group);
	}

	async backlog(): Promise<number> {
		await this.#ensureGroup();
		const group = await this.#groupInfo();
		if (!group) return 0;
		// lag: entries not yet delivered to the group; pending: delivered but not acknowledged.
		return Number(group.lag ?? 0) + Number(group.pending ?? 0);
	}

	async ping(): Promise<void> {
		await this.#redis.ping();
	}

	async close(): Promise<void> {
		this.#reader.disconnect();
		this.#tailReader.disconnect();
	}

	/** Takes over entries that another consumer read and never acknowledged (it crashed). */
	async #claimAbandoned(max: number): Promise<LogEntry[]> {
		const [cursor, claimed] = (await this.#redis.xautoclaim(this.#stream, this.#group, this.#consumer, this.#claimIdleMs, this.#claimCursor, 'COUNT', max)) as [
			string,
			[string, string[]][]
		];
		this.#claimCursor = cursor;
		return toEntries(claimed);
	}

	async #readGroup(id: string, max: number, blockMs: number): Promise<LogEntry[]> {
		const args: (string | number)[] = ['GROUP', this.#group, this.#consumer, 'COUNT', max];
		if (id === '>' && blockMs > 0) args.push('BLOCK', blockMs);
		args.push('STREAMS', this.#stream, id);
		const reply = (await this.#reader.call('XREADGROUP', ...args)) as [string, [string, string[]][]][] | null;
		if (!reply) return [];
		return toEntries(reply[0][1]);
	}

	#ensureGroup(): Promise<void> {
		this.#groupReady ??= this.#redis
			.xgroup('CREATE', this.#stream, this.#group, '0', 'MKSTREAM')
			.then(() => undefined)
			.catch((error: Error) => {
				if (!error.message.includes('BUSYGROUP')) {
					this.#groupReady = null;
					throw error;
				}
			});
		return this.#groupReady;
	}
}

function toEntries(raw: [string, string[] | null][]): LogEntry[] {
	const entries: LogEntry[] = [];
	for (const [logId, fields] of raw) {
		// A claimed entry that was trimmed away comes back with no fields.
		if (!fields) continue;
		const index = fields.indexOf('e');
		entries.push({ logId, event: JSON.parse(fields[index + 1]) as LoggedEvent });
	}
	return entries;
}
