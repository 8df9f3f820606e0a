/**
 * The write path's outbox (server/modules/command-events.ts): a command's rows and its event
 * commit together; an event whose append failed after the commit (the log away, the process
 * gone) reaches the log through the relay, once; a refused command leaves neither.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../server/db/client';
import { openEmbeddedDatabase } from '../fixtures/embedded-database';
import { commandOutbox, staffMoves } from '../../server/db/schema/index';
import { EmbeddedEventLog } from '../../server/pipeline/event-log/embedded-event-log';
import type { EventLog } from '../../server/pipeline/event-log/event-log';
import { commitCommand, relayCommandEvents } from '../../server/modules/command-events';
import { ServiceError } from '../../server/modules/service-error';

let database: Database;
let log: EmbeddedEventLog;
const quiet = { warn: () => {} };

beforeAll(async () => {
	database = await openEmbeddedDatabase();
	log = new EmbeddedEventLog(database.db);
});
afterAll(async () => {
	await log.close();
	await database.close();
});

/** A log that is away: every append fails, as Redis down or a crash right after the commit would. */
const awayLog = { append: async () => Promise.reject(new Error('log unreachable')) } as unknown as EventLog;

const aMove = (tx: Database['db'], emit: Parameters<Parameters<typeof commitCommand>[1]>[1]) =>
	tx
		.insert(staffMoves)
		.values({ staffIds: ['s1', 's2'], fromSiteId: 'a', toSiteId: 'b', travelMinutes: 7, movedBy: 'user:leader', reason: 'test', at: new Date() })
		.returning({ id: staffMoves.id })
		.then(([move]) => emit({ type: 'staff.move_started', moveId: move.id, staffIds: ['s1', 's2'], fromSiteId: 'a', toSiteId: 'b', arrivesAt: new Date(Date.now() + 7 * 60_000).toISOString() }));

describe('commitCommand', () => {
	it('appends the committed event to the log with its actor, and stamps its outbox row', async () => {
		const { events } = await commitCommand({ db: database.db, log, actor: 'user:leader' }, aMove);
		const [entry] = (await log.tail(null, 1000, 0)).filter((each) => each.event.id === events[0].id);
		expect(entry.event).toMatchObject({ type: 'staff.move_started', actor: 'user:leader' });
		const [row] = await database.db.select().from(commandOutbox).where(eq(commandOutbox.eventId, events[0].id));
		expect(row.appendedAt).not.toBeNull();
	});

	it('keeps an event whose append failed after the commit, and the relay appends it once', async () => {
		const { events } = await commitCommand({ db: database.db, log: awayLog, actor: 'user:leader', logger: quiet }, aMove);
		const id = events[0].id;
		const inLog = async () => (await log.tail(null, 1000, 0)).filter((entry) => entry.event.id === id).length;
		expect(await inLog()).toBe(0);
		expect((await database.db.select({ n: count() }).from(commandOutbox).where(isNull(commandOutbox.appendedAt)))[0].n).toBe(1);
		// The relay waits out a grace period (the committing request may still be appending); here, none.
		expect(await relayCommandEvents({ db: database.db, log, logger: quiet }, { graceMs: 0 })).toBe(1);
		expect(await relayCommandEvents({ db: database.db, log, logger: quiet }, { graceMs: 0 })).toBe(0);
		expect(await inLog()).toBe(1);
		// A second relay on another node that read the row before it was stamped appends a duplicate, which the log ignores.
		expect(await log.append(events)).toEqual(['duplicate']);
	});

	it('writes no rows and no event when the operation refuses', async () => {
		const before = { moves: (await database.db.select({ n: count() }).from(staffMoves))[0].n, outbox: (await database.db.select({ n: count() }).from(commandOutbox))[0].n, log: await log.retained() };
		await expect(
			commitCommand({ db: database.db, log, actor: 'user:leader' }, async (tx, emit) => {
				await aMove(tx, emit);
				throw new ServiceError('staff_not_at_site', 'conflict', { zh: '已不在', en: 'no longer there' });
			})
		).rejects.toThrow('no longer there');
		expect({ moves: (await database.db.select({ n: count() }).from(staffMoves))[0].n, outbox: (await database.db.select({ n: count() }).from(commandOutbox))[0].n, log: await log.retained() }).toEqual(before);
	});
});
