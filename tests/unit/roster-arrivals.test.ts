/** The simulator's site tablets sample the roster: who comes when, the queue, and the desk's batches. */
import { describe, expect, it } from 'vitest';
import { chengmen } from '../../server/sim/scenarios/chengmen';
import { rosterArrivals, type SiteRoster } from '../../server/sim/roster-arrivals';
import { slotInRound } from '../../src/lib/domain/round-window';
import { RosterQueue } from '../../server/sim/roster-queue';
import { RosterDesk, rosterFromLedger } from '../../server/sim/roster-desk';
import { MAX_SAMPLES_PER_EVENT, siteSampledEvent } from '../../src/lib/protocol/device-events';

const china = (hhmm: string, day = '2026-11-30') => Date.parse(`${day}T${hhmm}:00+08:00`);
const HOUR = 3_600_000;
const roundStart = china('08:00');
const ledgers = chengmen.ledgers();
const rosters = rosterFromLedger(ledgers.sites, ledgers.households);
const baifan = rosters.find((roster) => roster.siteId === 'site-baifan')!;
const people = (roster: SiteRoster) => roster.households.reduce((sum, household) => sum + household.members.length, 0);

describe('rosterFromLedger', () => {
	it('numbers each household’s members from 1 (the head) as the roster does, per site’s villages', () => {
		expect(baifan.households[0]).toMatchObject({ code: 'CM030001', villageId: 'v:城门街道/白畈村' });
		expect(baifan.households[0].members[0]).toEqual({ code: 'CM030001-1', canCome: true });
		const total = rosters.reduce((sum, roster) => sum + people(roster), 0);
		expect(total).toBe(ledgers.households.reduce((sum, household) => sum + household.members, 0));
	});
});

describe('rosterArrivals', () => {
	const arrivals = rosterArrivals({ roster: baifan, roundStart, staffedDesks: 2, seed: 7 });
	const comers = arrivals.filter((household) => Number.isFinite(household.at));

	it('households come together, in arrival order; about 2 % never come', () => {
		expect(arrivals.map((household) => household.at)).toEqual([...arrivals.map((household) => household.at)].sort((a, b) => a - b));
		const never = arrivals.length - comers.length;
		expect(never / arrivals.length).toBeGreaterThan(0.005);
		expect(never / arrivals.length).toBeLessThan(0.04);
		expect(comers.every((household) => household.members.every((code) => code.startsWith(`${household.code}-`)))).toBe(true);
	});

	it('most come over the main window from the round’s start, a tail of late-comers after it', () => {
		const within = comers.filter((household) => household.at < roundStart + 8 * HOUR).length;
		expect(within / comers.length).toBeGreaterThan(0.85);
		expect(comers.some((household) => household.at > roundStart + 9 * HOUR)).toBe(true);
		expect(comers.every((household) => household.at >= roundStart && household.at < roundStart + 17 * HOUR)).toBe(true);
	});

	it('members who cannot come never arrive; a household of only such members does not come at all', () => {
		const roster: SiteRoster = { siteId: 's', households: [{ code: 'CM019999', villageId: 'v', members: [{ code: 'CM019999-1', canCome: false }, { code: 'CM019999-2', canCome: true }] }, { code: 'CM019998', villageId: 'v', members: [{ code: 'CM019998-1', canCome: false }] }] };
		const all = rosterArrivals({ roster, roundStart, staffedDesks: 2, seed: 3 });
		expect(all.flatMap((household) => household.members)).toEqual(all.length === 1 ? ['CM019999-2'] : []);
		expect(all.every((household) => household.code !== 'CM019998')).toBe(true);
	});

	it('a village with a timetable slot comes over its slot, on the round’s day or the next', () => {
		const roster = { ...baifan, timetable: new Map([['v:城门街道/白畈村', { startsAt: '13:00', endsAt: '16:00' }]]) };
		const slotted = rosterArrivals({ roster, roundStart, staffedDesks: 2, seed: 7 }).filter((household) => Number.isFinite(household.at));
		const inSlot = slotted.filter((household) => household.at >= china('13:00') && household.at <= china('16:00')).length;
		expect(inSlot / slotted.length).toBeGreaterThan(0.85);
		expect(slotInRound({ startsAt: '08:00', endsAt: '12:00' }, china('21:45'))).toEqual({ from: china('08:00', '2026-12-01'), to: china('12:00', '2026-12-01') });
	});

	it('is deterministic from its seed', () => {
		expect(rosterArrivals({ roster: baifan, roundStart, staffedDesks: 2, seed: 7 })).toEqual(arrivals);
	});
});

describe('RosterQueue', () => {
	it('the desks sample the roster first come first served, each member once, at about 200 a desk-hour', () => {
		const queue = new RosterQueue({ roster: baifan, roundStart, seed: 7, desks: 2 });
		const sampled: string[] = [];
		let served = 0;
		for (let at = roundStart; at < roundStart + 20 * HOUR; at += 5000) {
			const step = queue.step(at, 5000);
			sampled.push(...step.sampled);
			served += step.served;
		}
		// sampledToday (the count) and the members sampled are the same people.
		expect(sampled.length).toBe(served);
		expect(new Set(sampled).size).toBe(sampled.length);
		// All who came were sampled by the evening; those who never came (1–3 %) are the gap.
		expect(queue.queueLength).toBe(0);
		const gap = 1 - sampled.length / people(baifan);
		expect(gap).toBeGreaterThan(0.005);
		expect(gap).toBeLessThan(0.04);
		// Two desks cannot sample more than 400 an hour.
		expect(sampled.length).toBeLessThanOrEqual(400 * 20);
	});

	it('after a restart it goes on from the tablet’s count: nobody sampled twice', () => {
		const first = new RosterQueue({ roster: baifan, roundStart, seed: 7, desks: 2 });
		const before: string[] = [];
		for (let at = roundStart; at < roundStart + 2 * HOUR; at += 5000) before.push(...first.step(at, 5000).sampled);
		const again = new RosterQueue({ roster: baifan, roundStart, seed: 7, desks: 2 });
		again.continueFrom(roundStart + 2 * HOUR, before.length);
		const after = again.step(roundStart + 2 * HOUR + 30_000, 30_000).sampled;
		expect(after.length).toBeGreaterThan(0);
		expect(after.some((code) => before.includes(code))).toBe(false);
	});
});

describe('RosterDesk', () => {
	it('sends who went into which tube in batches every 30–60 s, 10 to a tube named like the box’s', () => {
		let boxes = 0;
		const desk = new RosterDesk({ siteId: 'site-baifan', now: 0, random: () => 0.5, nextBoxId: () => `box-${++boxes}` });
		desk.sample(Array.from({ length: 25 }, (_, n) => `CM03${String(n + 1).padStart(4, '0')}-1`));
		expect(desk.due(20_000)).toEqual([]);
		const [batch, ...more] = desk.due(45_000);
		expect(more).toEqual([]);
		expect(batch.samples.map((sample) => sample.tube)).toEqual([...Array(10).fill('box-1-T01'), ...Array(10).fill('box-1-T02'), ...Array(5).fill('box-1-T03')]);
		expect(siteSampledEvent.safeParse({ id: 'sim-test-event-1', deviceId: 'tablet-site-baifan', at: new Date(0).toISOString(), type: 'site.sampled', ...batch }).success).toBe(true);
		expect(desk.due(200_000)).toEqual([]);
		// The sealed box's pools are the households in its tubes; the next members go into the next box.
		const sealed = desk.seal();
		expect(sealed.boxId).toBe('box-1');
		expect(sealed.pools[2]).toEqual({ tube: 'box-1-T03', householdIds: ['CM030021', 'CM030022', 'CM030023', 'CM030024', 'CM030025'] });
		desk.sample(['CM030026-1']);
		expect(desk.due(300_000)[0].samples).toEqual([{ tube: 'box-2-T01', memberCode: 'CM030026-1' }]);
	});

	it('splits a large batch to the wire’s limit', () => {
		const desk = new RosterDesk({ siteId: 's', now: 0, random: () => 0, nextBoxId: () => 'box-1' });
		desk.sample(Array.from({ length: MAX_SAMPLES_PER_EVENT + 3 }, (_, n) => `CM01${String(n).padStart(4, '0')}-1`));
		expect(desk.due(60_000).map((batch) => batch.samples.length)).toEqual([MAX_SAMPLES_PER_EVENT, 3]);
	});
});
