import type { LoggedEvent, LogEntry } from '../normalized-event';

/**
 * appended: new and durable. duplicate: the id was appended before with the same content
 * (server/pipeline/event-log/event-content.ts), nothing appended. conflict: the id was appended
 * before with other content; the first stands and nothing is appended.
 */
export type AppendOutcome = 'appended' | 'duplicate' | 'conflict';

/**
 * The durable log between ingest and the projector. Two implementations: in-process over the
 * database (embedded mode) and a Redis Stream with a consumer group (scaled mode).
 */
export interface EventLog {
	readonly kind: 'embedded' | 'redis-stream';
	/**
	 * Appends durably, in order. Resolves only once every event is durable; a resent event id
	 * resolves as 'duplicate' (same content) or 'conflict' (other content) and is not appended
	 * again. Rejects when the log is unreachable.
	 */
	append(events: LoggedEvent[]): Promise<AppendOutcome[]>;
	/**
	 * The next entries for this consumer: first any it was given and did not acknowledge
	 * (including those of a crashed consumer), then new ones. Waits up to blockMs when empty.
	 */
	read(max: number, blockMs: number): Promise<LogEntry[]>;
	/**
	 * Entries after the given log id (null: from the oldest entry not yet acknowledged), without
	 * taking them: for the live map, which reads ahead of persistence and acknowledges nothing.
	 * Waits up to blockMs when there is nothing new.
	 */
	tail(after: string | null, max: number, blockMs: number): Promise<LogEntry[]>;
	/** Marks entries as processed and persisted; they are never delivered again. */
	ack(entries: LogEntry[]): Promise<void>;
	/** Entries appended but not yet acknowledged by the projector (read or not): how far behind it is. */
	backlog(): Promise<number>;
	/**
	 * Removes acknowledged entries (they are in the database) so the log does not grow for as long
	 * as the system runs. Never removes an unacknowledged one. ack() calls it every few seconds.
	 */
	trimPersisted(): Promise<void>;
	/** Entries the log holds right now, acknowledged or not. */
	retained(): Promise<number>;
	/** Throws when the log is unreachable (for /readyz). */
	ping(): Promise<void>;
	close(): Promise<void>;
}
