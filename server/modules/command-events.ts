/**
 * The write path of people's commands (DESIGN.md §2): an operation writes its rows and its
 * past-tense event in ONE database transaction, and the event then travels the same event log as
 * device events, so the projector applies it to the live state and the hubs broadcast the delta.
 *
 * Usage, in an operation (server/modules/<area>/<verb-noun>.ts):
 *
 *   export async function acceptRun({ ctx, input }: { ctx: CommandContext; input: AcceptRun }) {
 *     return commitCommand(ctx, async (tx, emit) => {
 *       const run = …read and lock current state in tx…;
 *       if (…) throw refuse('run_taken', { … });          // a ServiceError: nothing written, nothing appended
 *       await tx.update(…);                               // the command's rows
 *       emit({ type: 'run.accepted', runId, … });         // id, at and actor are filled in
 *       return { runId };
 *     });                                                 // → { result: { runId }, events: [the run.accepted event] }
 *   }
 *
 * The event's schema lives in src/lib/protocol/<area>-events.ts (built on commandEnvelope) and is
 * added to the union in src/lib/protocol/command-events.ts; the live state applies it.
 *
 * Why an outbox. The log is a Redis Stream or, embedded, a table appended one at a time; neither
 * can join the operation's transaction. So the event is written to command_outbox inside the
 * transaction (the rows and the event commit or vanish together), appended to the log with the
 * same id right after the commit, and its row stamped. If the process dies between the commit and
 * the append, or the log is away, the relay (startCommandRelay) appends every unstamped row again.
 * An event may therefore reach the log twice; the log answers the second `duplicate` (same id and
 * content), and the live state is idempotent on it besides. A refused command throws before the
 * commit: no rows, no outbox row, nothing in the log.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, inArray, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { commandOutbox } from '../db/schema/index';
import type { EventLog } from '../pipeline/event-log/event-log';
import type { CommandEvent } from '../../src/lib/protocol/command-events';

/** What every command operation gets besides its input. */
export interface CommandContext {
	db: Db;
	log: EventLog;
	/** Who gives the command: `user:<id>` or `device:<id>` (actorOf(principal)); never a name. */
	actor: string;
	/** Epoch ms the command takes effect; tests pass a fixed one. */
	now?: number;
	logger?: Pick<Console, 'warn'>;
}

/** An event as the operation states it: the envelope (id, at, actor) is filled in by emit. */
export type Emitted<E extends CommandEvent = CommandEvent> = E extends CommandEvent ? Omit<E, 'id' | 'at' | 'actor'> & { at?: string } : never;

/** The transaction handle drizzle gives, usable wherever a Db is. */
export type Tx = Db;

export async function commitCommand<T>(ctx: CommandContext, write: (tx: Tx, emit: (event: Emitted) => CommandEvent) => Promise<T>): Promise<{ result: T; events: CommandEvent[] }> {
	const { events, emit } = commandEmitter(ctx.actor, ctx.now ?? Date.now());
	const result = await ctx.db.transaction(async (tx) => {
		const value = await write(tx as unknown as Tx, emit);
		await stageCommandEvents(tx as unknown as Tx, events);
		return value;
	});
	await appendCommandEvents(ctx, events);
	return { result, events };
}

/** An emit that fills in the envelope (id, at, actor), and the events it made. */
export function commandEmitter(actor: string, now: number): { events: CommandEvent[]; emit: (event: Emitted) => CommandEvent } {
	const at = new Date(now).toISOString();
	const events: CommandEvent[] = [];
	const emit = (event: Emitted): CommandEvent => {
		const full = { at, ...event, id: `cmd-${randomUUID()}`, actor } as CommandEvent;
		events.push(full);
		return full;
	};
	return { events, emit };
}

/**
 * Writes events to the outbox inside a transaction that is not commitCommand's (a ledger import's
 * batch): they commit with its rows, and the relay (startCommandRelay) appends them to the log.
 */
export async function stageCommandEvents(tx: Tx, events: CommandEvent[]): Promise<void> {
	if (events.length > 0) await tx.insert(commandOutbox).values(events.map(outboxRow));
}

/**
 * Appends committed events to the log and stamps their outbox rows. A failure is not the
 * command's: its rows are committed, so it is logged and left to the relay.
 */
async function appendCommandEvents(ctx: Pick<CommandContext, 'db' | 'log' | 'logger'>, events: CommandEvent[]): Promise<boolean> {
	if (events.length === 0) return true;
	try {
		// 'duplicate' (already appended by a relay elsewhere) is as good as 'appended'.
		await ctx.log.append(events);
		await ctx.db
			.update(commandOutbox)
			.set({ appendedAt: new Date() })
			.where(inArray(commandOutbox.eventId, events.map((event) => event.id)));
		return true;
	} catch (error) {
		(ctx.logger ?? console).warn(`commands: appending ${events.length} event(s) to the log failed, the relay will retry: ${(error as Error).message}`);
		return false;
	}
}

/**
 * Appends, in order, the outbox rows older than graceMs that were never stamped. Safe on every
 * node at once: a row appended twice is a duplicate to the log. Returns how many it appended.
 */
export async function relayCommandEvents(ctx: Pick<CommandContext, 'db' | 'log' | 'logger'>, { graceMs = 5000, max = 500, now = Date.now() } = {}): Promise<number> {
	const rows = await ctx.db
		.select({ payload: commandOutbox.payload })
		.from(commandOutbox)
		.where(and(isNull(commandOutbox.appendedAt), lt(commandOutbox.at, new Date(now - graceMs))))
		.orderBy(asc(commandOutbox.at))
		.limit(max);
	const events = rows.map((row) => row.payload as CommandEvent);
	return (await appendCommandEvents(ctx, events)) ? events.length : 0;
}

/** Runs the relay every everyMs until stopped (started by the projector role, server/app.ts). */
export function startCommandRelay(ctx: Pick<CommandContext, 'db' | 'log' | 'logger'>, { everyMs = 5000 } = {}): { stop(): void } {
	let running = false;
	const timer = setInterval(() => {
		if (running) return;
		running = true;
		relayCommandEvents(ctx)
			.catch((error: Error) => (ctx.logger ?? console).warn(`commands: relay failed: ${error.message}`))
			.finally(() => (running = false));
	}, everyMs);
	timer.unref();
	return { stop: () => clearInterval(timer) };
}

function outboxRow(event: CommandEvent) {
	return { eventId: event.id, type: event.type, actor: event.actor, at: new Date(event.at), payload: event };
}
