/**
 * The Chengmen demo's quarantine population after load: cases of each kind, tests and releases
 * due today, hotel beds filled by the hotel cases, and no follow-up overdue before its hour (the
 * officers' rounds loaded up to now are done; later ones are not late yet). Loaded once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { App } from '../../server/app';
import { quarantineCases, quarantineSites, returnees, scheduledTests } from '../../server/db/schema/index';
import { loadQuarantinePopulation } from '../../server/modules/registry/load-quarantine-population';
import { followUpCounts } from '../../server/modules/wall/follow-up-counts';
import { chengmen } from '../../server/sim/scenarios/chengmen';
import { addDays } from '../../src/lib/domain/quarantine';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import { startTestApp } from '../fixtures/app';

const HOUR = 3_600_000;
let app: App;
// Yesterday (China time) at 07:30, so every instant the test names is in the past whenever it runs; the morning rounds (07:00–09:20) are under way.
const day = addDays(serviceDay(Date.now()), -1);
const loadedAt = serviceDayStart(day) + 7.5 * HOUR;

beforeAll(async () => {
	app = await startTestApp();
	const loaded = await loadQuarantinePopulation({ db: app.database.db, scenario: chengmen, now: loadedAt });
	expect(loaded.loaded).toBe(true);
}, 180_000);
afterAll(() => app?.close());

describe('the Chengmen quarantine population', () => {
	it('has home-quarantine, hotel, home-monitoring-after-hotel and health-monitoring cases, all under way', async () => {
		const cases = await app.database.db.select().from(quarantineCases).where(eq(quarantineCases.status, 'active'));
		const of = (measure: string, place: string) => cases.filter((c) => c.measure === measure && c.placeKind === place);
		expect(of('home_quarantine', 'home').length).toBeGreaterThanOrEqual(8);
		expect(of('centralised', 'hotel').length).toBeGreaterThanOrEqual(10);
		expect(of('home_monitoring', 'home').every((c) => c.followsCaseId !== null)).toBe(true);
		expect(of('home_monitoring', 'home').length).toBeGreaterThanOrEqual(5);
		expect(of('health_monitoring', 'home').length).toBeGreaterThanOrEqual(8);
		expect(cases.every((c) => c.startDate <= day && c.plannedEndDate >= day)).toBe(true);
		// The hotel cases whose 14 days ended went home: released, handed to their village.
		const released = await app.database.db.select().from(quarantineCases).where(eq(quarantineCases.status, 'released'));
		expect(released.length).toBe(of('home_monitoring', 'home').length);
	});

	it('has day-7 and day-14 tests due today, and cases whose last day is today', async () => {
		const due = await app.database.db.select().from(scheduledTests).where(eq(scheduledTests.dueDate, day));
		expect(due.filter((test) => test.kind === 'day_7').length).toBeGreaterThanOrEqual(2);
		expect(due.filter((test) => test.kind === 'day_14').length).toBeGreaterThanOrEqual(2);
		const ending = await app.database.db.select().from(quarantineCases).where(and(eq(quarantineCases.status, 'active'), eq(quarantineCases.plannedEndDate, day)));
		expect(ending.some((c) => c.placeKind === 'hotel')).toBe(true);
		// Every test before today has its (negative) result: nothing falsely overdue or blocking a release.
		const before = (await app.database.db.select().from(scheduledTests)).filter((test) => test.dueDate < day);
		expect(before.length).toBeGreaterThan(0);
		expect(before.every((test) => test.result === 'negative')).toBe(true);
	});

	it('fills the hotel with its hotel cases and nobody else, so its beds in use are the people counted there', async () => {
		const [hotel] = await app.database.db.select().from(quarantineSites).where(eq(quarantineSites.id, 'qs-chaisang-hotel'));
		const atHotel = await app.database.db.select().from(quarantineCases).where(and(eq(quarantineCases.status, 'active'), eq(quarantineCases.placeKind, 'hotel')));
		expect(atHotel.length).toBeGreaterThan(0);
		expect(hotel.occupied).toBe(atHotel.length);
	});

	it('owes no follow-up before its hour, and counts the ones the rounds have not done once their hour has passed', async () => {
		expect((await followUpCounts(app.database.db, 'v:', loadedAt)).overdue).toBe(0);
		expect((await followUpCounts(app.database.db, 'v:', serviceDayStart(day) + 10 * HOUR - 60_000)).overdue).toBe(0);
		// Nothing was recorded after 07:30: at 10:30 the morning visits of later rounds are overdue (the rule is live, not switched off).
		expect((await followUpCounts(app.database.db, 'v:', serviceDayStart(day) + 10.5 * HOUR)).overdue).toBeGreaterThan(0);
	});

	it('is loaded once: a second load (a restart) registers nobody', async () => {
		const before = (await app.database.db.select({ id: returnees.id }).from(returnees)).length;
		expect(await loadQuarantinePopulation({ db: app.database.db, scenario: chengmen, now: loadedAt })).toEqual({ loaded: false, returnees: 0 });
		expect((await app.database.db.select({ id: returnees.id }).from(returnees)).length).toBe(before);
		expect((await app.database.db.select().from(returnees).where(isNotNull(returnees.householdId))).length).toBeGreaterThan(0);
	});
});
