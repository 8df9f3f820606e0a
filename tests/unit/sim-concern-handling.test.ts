/**
 * The demo's village teams handle the fevers they find (concern-handling.ts), so that on a wall
 * left running for days the standing fevers stay a handful: the phones' decisions (dueActions,
 * the same function the simulated phones call) played over simulated weeks against a model of the
 * server's rule (a fever stands from its first critical reading until dismissed), on an injected
 * clock, with no human dispatcher.
 */
import { describe, expect, it } from 'vitest';
import { CONCERN_HANDLING, concernDismissals, concernHandlingOf } from '../../server/sim/concern-handling';
import { dueActions } from '../../server/sim/officer-phone';
import type { SeenCase } from '../../server/sim/officer-rounds';
import { assessFollowUp } from '../../src/lib/domain/follow-up';
import { addDays } from '../../src/lib/domain/quarantine';
import { serviceDayStart } from '../../src/lib/domain/service-day';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const villages = ['红旗村', '城门社区', '白畈村', '白合村', '金兰村', '金桥村', '红心村', '立新村', '兴联村', '联盟村'].map((name) => `v:城门街道/${name}`);
const FIRST_DAY = '2026-11-01';
const DAYS = 14;
const STEP = 10 * MINUTE;

/** Twelve cases a village, home quarantine and health monitoring, under way through the whole run. */
function population(): SeenCase[] {
	return villages.flatMap((villageId, v) =>
		Array.from({ length: 12 }, (_, n) => ({
			id: `qc_${v}_${n}`, villageId, measure: n % 2 === 0 ? 'home_quarantine' : 'health_monitoring', placeKind: 'home', status: 'active',
			startDate: FIRST_DAY, plannedEndDate: addDays(FIRST_DAY, DAYS + 1), releasable: false, tests: []
		}))
	);
}

/**
 * Plays the phones every 5 simulated minutes for `days` days. The "server" keeps each case's
 * standing fever (feverStandsSince: the first critical reading since the last dismissal); the
 * phones see it as the rounds show it. Returns the standing count after each step and every fever's life.
 */
function play({ dismiss }: { dismiss: boolean }) {
	const all = population();
	const byVillage = new Map(villages.map((villageId) => [villageId, all.filter((c) => c.villageId === villageId)]));
	const since = new Map<string, number>();
	const done = new Set<string>();
	const lives: { caseId: string; from: number; to: number; how: string; reason: string }[] = [];
	const standing: number[] = [];
	const start = serviceDayStart(FIRST_DAY);
	for (let now = start; now < start + DAYS * 24 * HOUR; now += STEP) {
		const day = addDays(FIRST_DAY, Math.floor((now - start) / (24 * HOUR)));
		for (const villageId of villages) {
			const seen = byVillage.get(villageId)!.map((c) => ({ ...c, feverSince: since.has(c.id) ? new Date(since.get(c.id)!).toISOString() : null, transferUnderway: false }));
			for (const action of dueActions({ villageId, cases: seen, day, now, positiveTestId: null })) {
				if (done.has(action.key)) continue;
				done.add(action.key);
				if (action.kind === 'follow_up') {
					const critical = assessFollowUp({ temperatureC: action.temperatureC, symptoms: action.symptoms }).critical;
					if (critical && !since.has(action.caseId)) since.set(action.caseId, action.takenAt);
				} else if (action.kind === 'dismiss_fever' && dismiss) {
					lives.push({ caseId: action.caseId, from: since.get(action.caseId)!, to: now, how: action.how, reason: action.reason });
					since.delete(action.caseId);
				}
			}
		}
		standing.push(since.size);
	}
	return { standing, lives, left: since.size };
}

describe('the demo village teams handling the fevers they find', () => {
	it('keeps the standing fevers to a handful over two simulated weeks, each gone within a couple of hours', () => {
		const { standing, lives } = play({ dismiss: true });
		// Enough fevers that an unhandled pile would be plain (about one reading in 45).
		expect(lives.length).toBeGreaterThan(50);
		expect(Math.max(...standing)).toBeLessThanOrEqual(6);
		// Each day ends (23:55) with at most a couple standing: nothing carried over day after day.
		const perDay = (24 * HOUR) / STEP;
		for (let d = 1; d <= DAYS; d++) expect(standing[d * perDay - 1]).toBeLessThanOrEqual(2);
		for (const life of lives) {
			expect(life.to - life.from).toBeGreaterThanOrEqual(30 * MINUTE);
			// Handled at the phone's next look after its time (a step here).
			expect(life.to - life.from).toBeLessThanOrEqual(150 * MINUTE + STEP);
		}
		// Both ways happen, re-checks about two in three, and each dismissal says why.
		const rechecked = lives.filter((life) => life.how === 'recheck').length / lives.length;
		expect(rechecked).toBeGreaterThan(0.5);
		expect(rechecked).toBeLessThan(0.8);
		expect(new Set(lives.map((life) => life.reason))).toEqual(new Set(Object.values(CONCERN_HANDLING.reasons)));
	}, 60_000);

	it('would pile up without it (the bound above is the handling, not the numbers)', () => {
		const { left } = play({ dismiss: false });
		expect(left).toBeGreaterThan(20);
	}, 60_000);

	it('leaves a case whose transfer is under way to the dispatcher, and a case with no standing fever alone', () => {
		const since = serviceDayStart('2026-11-30') + 8 * HOUR;
		const late = since + 3 * HOUR;
		const feverSince = new Date(since).toISOString();
		expect(concernDismissals([{ id: 'qc_a', feverSince, transferUnderway: true }], late)).toEqual([]);
		expect(concernDismissals([{ id: 'qc_a', feverSince: null }], late)).toEqual([]);
		const [dismissal] = concernDismissals([{ id: 'qc_a', feverSince, transferUnderway: false }], late);
		expect(dismissal).toMatchObject({ caseId: 'qc_a', at: concernHandlingOf('qc_a', since).at });
		// Not before its time: a re-check is not done the minute the fever is read.
		expect(concernDismissals([{ id: 'qc_a', feverSince }], since + 29 * MINUTE)).toEqual([]);
	});

	it('decides the same after a restart: the same case and fever get the same time and reason', () => {
		const since = serviceDayStart('2026-11-30') + 17.5 * HOUR;
		expect(concernHandlingOf('qc_b', since)).toEqual(concernHandlingOf('qc_b', since));
	});
});
