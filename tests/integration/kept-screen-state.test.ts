/**
 * What screens show survives a restart (kept_screen_state): the staffing plan a shift leader is
 * looking at, and each alert's first time; and the commands' history is kept only for the
 * retention period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../server/db/client';
import { openEmbeddedDatabase } from '../fixtures/embedded-database';
import { auditLog, commandOutbox, keptScreenState } from '../../server/db/schema/index';
import { ShownPlans } from '../../server/modules/staffing/shown-plans';
import { AlertFirstSeen, ALERTS_FIRST_SEEN_KEY } from '../../server/modules/wall/alert-first-seen';
import { pruneCommandHistory } from '../../server/modules/identity/retention';
import { deriveAlerts, type AlertInputs } from '../../src/lib/domain/alerts';
import { planMoves, type PlanInput } from '../../src/lib/domain/staffing-plan';
import type { SamplerOnShift, SiteStaffing } from '../../src/lib/domain/staffing';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import { addDays } from '../../src/lib/domain/quarantine';

let database: Database;
beforeAll(async () => {
	database = await openEmbeddedDatabase();
});
afterAll(async () => {
	await database.close();
});

const kept = async (key: string) => (await database.db.select().from(keptScreenState).where(eq(keptScreenState.key, key)))[0];

const samplers = (count: number, prefix: string): SamplerOnShift[] => Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index + 1}`, hoursWorked: 1 + index * 0.01, ppeLimitHours: 4 }));
const site = (id: string, lon: number, extra: Partial<SiteStaffing> = {}): SiteStaffing => ({ id, name: id, townshipId: 't:a', location: { lat: 29.66, lon }, open: true, desks: 3, queueLength: 20, arrivalsPerMinute: 1, peoplePerSamplerHour: 200, samplers: samplers(6, id), ...extra });
const township = (quietAQueue: number): PlanInput => ({
	sites: [site('crowded', 115.83, { queueLength: 600, arrivalsPerMinute: 4, samplers: samplers(2, 'c') }), site('quietA', 115.85, { queueLength: quietAQueue }), site('quietB', 115.851, { queueLength: 30 })],
	townshipId: 't:a'
});
const specs = (moves: { samplerIds: string[]; fromSiteId: string; toSiteId: string }[]) => moves.map(({ samplerIds, fromSiteId, toSiteId }) => ({ samplerIds, fromSiteId, toSiteId }));

describe('the shown staffing plan across a restart', () => {
	it('shows the plan a leader was looking at after a restart, where a fresh memory would reshuffle it', async () => {
		const before = new ShownPlans(database.db);
		await before.load();
		const first = await before.show('t:a', planMoves(township(20)), township(20), 1_000);
		expect(first[0].fromSiteId).toBe('quietA');
		expect((await kept('staffing-plan:t:a'))?.value).toEqual(specs(first));

		// After the restart the state has drifted a little: a fresh plan would take from quietB instead.
		const later = township(45);
		expect(planMoves(later)[0].fromSiteId).toBe('quietB');
		const restarted = new ShownPlans(database.db);
		await restarted.load();
		expect(specs(await restarted.show('t:a', planMoves(later), later, 2_000))).toEqual(specs(first));
		// The same plan shown again is not written again.
		expect((await kept('staffing-plan:t:a'))?.updatedAt.getTime()).toBe(1_000);
		// The county's board (another key) had nothing kept: it starts from the fresh plan.
		expect((await restarted.show(null, planMoves(later), later, 3_000))[0].fromSiteId).toBe('quietB');
		expect((await kept('staffing-plan:*'))?.value).toEqual(specs(planMoves(later)));
	});

	it('starts a board afresh when what is kept for it does not read as a plan', async () => {
		await database.db.insert(keptScreenState).values({ key: 'staffing-plan:t:b', value: { not: 'a plan' }, updatedAt: new Date() });
		const plans = new ShownPlans(database.db);
		await plans.load();
		const input = { ...township(45), townshipId: 't:b', sites: township(45).sites.map((each) => ({ ...each, townshipId: 't:b' })) };
		expect((await plans.show('t:b', planMoves(input), input))[0].fromSiteId).toBe('quietB');
	});
});

const NOON = Date.parse('2026-11-23T04:00:00Z');
const crowdedAt = (queueAt: number, queueLength = 500): AlertInputs => ({
	sites: [{ id: 'site-a', name: '白畈村采样点', status: 'open', queueLength, staffedDesks: 2, queueAt: new Date(queueAt).toISOString(), lat: 29.6, lon: 115.8 }],
	vehicles: [],
	labs: [],
	overdueCheckIns: 0,
	overviewAt: queueAt,
	now: queueAt
});

describe("an alert's first time across a restart", () => {
	it('keeps the first time of a standing alert in a new process, drops it when the alert clears, and starts anew when it returns', async () => {
		await database.db.delete(keptScreenState).where(eq(keptScreenState.key, ALERTS_FIRST_SEEN_KEY));
		const first = new AlertFirstSeen(database.db);
		expect((await first.observe(deriveAlerts(crowdedAt(NOON)), NOON)).get('site_crowded:site-a')).toBe(NOON);
		// A later report: the alert still stands since noon, and nothing new is written.
		expect((await first.observe(deriveAlerts(crowdedAt(NOON + 60_000)), NOON + 60_000)).get('site_crowded:site-a')).toBe(NOON);
		expect((await kept(ALERTS_FIRST_SEEN_KEY))?.updatedAt.getTime()).toBe(NOON);

		const restarted = new AlertFirstSeen(database.db);
		expect((await restarted.observe(deriveAlerts(crowdedAt(NOON + 5 * 60_000)), NOON + 5 * 60_000)).get('site_crowded:site-a')).toBe(NOON);

		expect((await restarted.observe(deriveAlerts(crowdedAt(NOON + 6 * 60_000, 10)), NOON + 6 * 60_000)).size).toBe(0);
		expect((await kept(ALERTS_FIRST_SEEN_KEY))?.value).toEqual({});
		const again = await new AlertFirstSeen(database.db).observe(deriveAlerts(crowdedAt(NOON + 7 * 60_000)), NOON + 7 * 60_000);
		expect(again.get('site_crowded:site-a')).toBe(NOON + 7 * 60_000);
	});
});

describe('the commands’ history', () => {
	it('deletes commands appended before the retention period, never one the log has not received, and records the deletion', async () => {
		const now = Date.now();
		const windowStart = serviceDayStart(addDays(serviceDay(now), -30));
		const row = (eventId: string, at: number, appended: boolean) => ({ eventId, type: 'staff.move_started', actor: 'user:leader', at: new Date(at), payload: {}, appendedAt: appended ? new Date(at + 1000) : null });
		await database.db.insert(commandOutbox).values([
			row('old-appended', windowStart - 60_000, true),
			row('old-unappended', windowStart - 60_000, false),
			row('in-window', windowStart + 60_000, true)
		]);
		expect(await pruneCommandHistory({ db: database.db, days: 30, now })).toEqual({ commands: 1 });
		const left = (await database.db.select({ eventId: commandOutbox.eventId }).from(commandOutbox)).map((each) => each.eventId).sort();
		expect(left).toEqual(expect.arrayContaining(['in-window', 'old-unappended']));
		expect(left).not.toContain('old-appended');
		expect(await database.db.select().from(auditLog).where(eq(auditLog.action, 'commands.prune'))).toEqual([expect.objectContaining({ actor: 'retention', details: expect.objectContaining({ commands: 1 }) })]);
		expect(await pruneCommandHistory({ db: database.db, days: 30, now })).toEqual({ commands: 0 });
	});
});
