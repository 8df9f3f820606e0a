/** The one-day finish forecast (确保1天内完成, seed 001): per village, township and county, with its reason. */
import { describe, expect, it } from 'vitest';
import { BOUND_TEXT, forecastFinish, forecastTarget, marginText, siteFinishes, type SiteForecastInput } from '../../src/lib/domain/finish-forecast';

const china = (hhmm: string, day = '2026-11-30') => Date.parse(`${day}T${hhmm}:00+08:00`);
const now = china('14:00');
// Group B's two desks (③④, seed 001) at 200 people a desk-hour: 400 an hour, 6⅔ a minute.
const site = (over: Partial<SiteForecastInput>): SiteForecastInput => ({ siteId: 'baifan-site', queueLength: 0, staffedDesks: 2, peoplePerDeskHour: 200, arrivalsPerMinute: null, villages: [], ...over });
const village = (villageId: string, remaining: number, extra: object = {}) => ({ villageId, townshipId: 'chengmen', remaining, ...extra });

describe('siteFinishes', () => {
	it('arrival-bound: people come slower than the desks serve, so the last one comes and is served at once', () => {
		// 900 left, 100 of them queuing; 800 more at 5 a minute take 160 minutes: 16:40. The desks alone would be done at 16:15.
		const [finish] = siteFinishes(site({ queueLength: 100, arrivalsPerMinute: 5, villages: [village('baifan', 900)] }), now);
		expect(finish.finishAt).toBe(china('16:40'));
		expect(finish.bound).toBe('arrivals');
	});

	it('desk-bound: people come faster than the desks serve, so the desks set the finish', () => {
		// 900 at 400 an hour: 135 minutes, 16:15, although all have come by 15:20.
		const [finish] = siteFinishes(site({ queueLength: 100, arrivalsPerMinute: 10, villages: [village('baifan', 900)] }), now);
		expect(finish.finishAt).toBe(china('16:15'));
		expect(finish.bound).toBe('desks');
	});

	it('without a measured arrival rate, the desks set the pace; the default pace is 200 a desk-hour', () => {
		const [finish] = siteFinishes(site({ peoplePerDeskHour: null, villages: [village('baifan', 800)] }), now);
		expect(finish).toMatchObject({ finishAt: china('16:00'), bound: 'desks' });
	});

	it('villages called at once (no slot ahead) come mixed: the queue is theirs by their remaining, and they share one window', () => {
		// 白畈 300 left, 白合 600, 100 queuing: 800 to come at 5 a minute, mixed, all in by 16:40; the desks keep up.
		const [baifan, baihe] = siteFinishes(site({ queueLength: 100, arrivalsPerMinute: 5, villages: [village('baifan', 300), village('baihe', 600)] }), now);
		expect(baifan).toMatchObject({ villageId: 'baifan', finishAt: china('16:40'), bound: 'arrivals' });
		expect(baihe).toMatchObject({ villageId: 'baihe', finishAt: china('16:40'), bound: 'arrivals' });
	});

	it('with the timetable, villages follow each other: the queue is of the first in line, the walk-ins before the next slot', () => {
		const slot = { from: china('17:00'), to: china('18:00') };
		const [baifan, baihe] = siteFinishes(site({ queueLength: 100, arrivalsPerMinute: 5, villages: [village('baifan', 300), village('baihe', 300, { slot })] }), now);
		// 白畈's 200 still to come are in by 14:40; with the 100 queuing, 300 of desk work since 14:00: 14:45.
		expect(baifan).toMatchObject({ villageId: 'baifan', finishAt: china('14:45'), bound: 'desks' });
		expect(baihe).toMatchObject({ villageId: 'baihe', finishAt: china('18:00'), bound: 'timetable' });
	});

	it('a village whose slot is ahead comes over its slot: timetable-bound, or desk-bound when the slot brings more than the desks take', () => {
		const slot = { from: china('15:00'), to: china('17:00') };
		expect(siteFinishes(site({ villages: [village('baihe', 400, { slot })] }), now)[0]).toMatchObject({ finishAt: china('17:00'), bound: 'timetable' });
		// 1,200 in two hours against 400 an hour: the desks start at 15:00 and need three hours.
		expect(siteFinishes(site({ villages: [village('baihe', 1200, { slot })] }), now)[0]).toMatchObject({ finishAt: china('18:00'), bound: 'desks' });
		// With the roster's size, its stragglers trickle in over the 4 h after the slot: still the timetable's doing.
		expect(siteFinishes(site({ villages: [village('baihe', 400, { slot, registered: 400 })] }), now)[0]).toMatchObject({ finishAt: china('21:00'), bound: 'timetable' });
		// A slot already over: its stragglers come at the measured rate.
		const past = { from: china('08:00'), to: china('10:00') };
		expect(siteFinishes(site({ arrivalsPerMinute: 2, villages: [village('baihe', 60, { slot: past })] }), now)[0]).toMatchObject({ finishAt: china('14:30'), bound: 'arrivals' });
	});

	it('edge cases: a village all sampled is done now; no staff or nobody coming cannot finish', () => {
		expect(siteFinishes(site({ villages: [village('baifan', 0)] }), now)[0]).toMatchObject({ finishAt: now, bound: 'done' });
		expect(siteFinishes(site({ staffedDesks: 0, queueLength: 10, villages: [village('baifan', 50)] }), now)[0]).toMatchObject({ finishAt: Infinity, bound: 'no_staff' });
		expect(siteFinishes(site({ arrivalsPerMinute: 0, queueLength: 10, villages: [village('baifan', 50)] }), now)[0]).toMatchObject({ finishAt: Infinity, bound: 'nobody_coming' });
		// Only the queue left, none to come: served in 10 × 60 / 400 = 1.5 minutes.
		expect(siteFinishes(site({ arrivalsPerMinute: 0, queueLength: 10, villages: [village('baifan', 10)] }), now)[0]).toMatchObject({ finishAt: now + 90_000, bound: 'desks' });
		expect(siteFinishes(site({ villages: [] }), now)).toEqual([]);
	});
});

describe('forecastFinish', () => {
	const roundStart = china('08:00');
	const target = forecastTarget(roundStart);
	const sites = [
		site({ siteId: 'baifan-site', queueLength: 100, arrivalsPerMinute: 5, villages: [village('baifan', 900)] }),
		site({ siteId: 'mine-site', villages: [village('mine', 2000, { townshipId: 'kuangqu' })] })
	];

	it('the target is 24 hours from the round’s start, or the commander’s deadline', () => {
		expect(target).toBe(china('08:00', '2026-12-01'));
		expect(forecastTarget(roundStart, china('22:00'))).toBe(china('22:00'));
	});

	it('townships and the county finish with their last village, with the margin against the target', () => {
		const forecast = forecastFinish({ sites, now, target: china('20:00') });
		expect(forecast.townships.map((township) => [township.townshipId, township.finishAt])).toEqual([['chengmen', china('16:40')], ['kuangqu', china('19:00')]]);
		// 2,000 at the mine's 400 an hour: 5 hours, 19:00; the target 20:00 leaves an hour.
		expect(forecast.county).toMatchObject({ finishAt: china('19:00'), marginMinutes: 60, misses: false });
		expect(forecast.county.last).toMatchObject({ villageId: 'mine', siteId: 'mine-site', bound: 'desks' });
	});

	it('misses when the last village finishes after the target', () => {
		const forecast = forecastFinish({ sites, now, target: china('18:00') });
		expect(forecast.county).toMatchObject({ misses: true, marginMinutes: -60 });
		expect(forecast.villages.find((each) => each.villageId === 'baifan')).toMatchObject({ misses: false, marginMinutes: 80 });
		const stuck = forecastFinish({ sites: [site({ staffedDesks: 0, villages: [village('baifan', 5)] })], now, target });
		expect(stuck.county).toMatchObject({ finishAt: Infinity, misses: true, marginMinutes: -Infinity });
	});

	it('home visits run beside the site: a village ends at the later of its site finish and its visits', () => {
		// 白畈's site is done at 16:00 (800 at 400 an hour); its 4 visits by one team (no routes yet: one per 12) take an hour from now: 15:00.
		const beside = forecastFinish({ sites: [site({ villages: [village('baifan', 800, { homeVisits: 4 })] })], now, target });
		expect(beside.county).toMatchObject({ finishAt: china('16:00'), last: { bound: 'desks' } });
		// 40 visits and only 2 routes out: 40 × 15 min / 2 = 5 h, 19:00, after the site: the visits bind.
		const visits = forecastFinish({ sites: [site({ villages: [village('baifan', 800, { homeVisits: 40 })] })], now, target, doorTeams: { chengmen: 2 } });
		expect(visits.county).toMatchObject({ finishAt: china('19:00'), last: { bound: 'home_visits' } });
		// Only home visits left: they start now (one team for 2: 30 min).
		expect(forecastFinish({ sites: [site({ villages: [village('baifan', 0, { homeVisits: 2 })] })], now, target }).villages[0]).toMatchObject({ finishAt: china('14:30'), bound: 'home_visits' });
	});

	it('with nothing left the county is done now', () => {
		expect(forecastFinish({ sites: [], now, target }).county).toEqual({ finishAt: now, marginMinutes: (target - now) / 60_000, misses: false, last: null });
	});
});

describe('wording', () => {
	it('says the margin as the wall does, both ways, and every bound in zh and en', () => {
		expect(marginText(140)).toEqual({ zh: '余量 2 小时 20 分', en: '2 h 20 min to spare' });
		expect(marginText(-25)).toEqual({ zh: '超时 25 分', en: 'late by 25 min' });
		expect(marginText(-Infinity).zh).toBe('无法完成');
		for (const text of Object.values(BOUND_TEXT)) expect(text.zh && text.en).toBeTruthy();
	});
});

describe('siteFinishes with the roster: no-shows, a falling rate and late-comers', () => {
	// 1,000 registered at 白畈; 2 % never come, 8 % trickle in over 4 h after the crowd (FORECAST_RULES).
	const registered = 1000;

	it('at 14:00 the morning’s rate falls as the roster empties, and the stragglers come over the 4 hours after', () => {
		// 325 not yet sampled, none queuing: 20 no-shows, 80 stragglers, 225 of the crowd of 900 (a quarter) at 4.05 a minute.
		const [finish] = siteFinishes(site({ arrivalsPerMinute: 4.05, villages: [village('baifan', 325, { registered })] }), now);
		// Held constant the crowd would be in by 14:55; thinning (× 1 + 0.7 · √¼ = 1.35) it takes 75 minutes: 15:15, then 4 h of stragglers.
		expect(finish).toMatchObject({ finishAt: china('19:15'), bound: 'arrivals' });
		// Without the roster's size the old rule holds: all 325 at the measured rate, 80¼ minutes, and no tail.
		expect(siteFinishes(site({ arrivalsPerMinute: 4.05, villages: [village('baifan', 325)] }), now)[0]).toMatchObject({ finishAt: now + (325 / 4.05) * 60_000, bound: 'arrivals' });
	});

	it('once only stragglers are left they come over what is left of their hours', () => {
		// 60 not yet sampled: 20 no-shows, 40 stragglers of 80: half their 4 hours are left.
		expect(siteFinishes(site({ arrivalsPerMinute: 0.5, villages: [village('baifan', 60, { registered })] }), now)[0]).toMatchObject({ finishAt: china('16:00'), bound: 'arrivals' });
	});

	it('those left who are no more than the no-shows are the gap: the village is done once its queue is', () => {
		expect(siteFinishes(site({ arrivalsPerMinute: 0.5, villages: [village('baifan', 15, { registered })] }), now)[0].finishAt).toBe(now);
		// Only stragglers left and nobody came for an hour: they are the gap too, not an endless wait.
		expect(siteFinishes(site({ arrivalsPerMinute: 0, villages: [village('baifan', 60, { registered })] }), now)[0].finishAt).toBe(now);
	});
});

describe('siteFinishes before any rate is measured', () => {
	it('takes the crowd at the desks’ pace, unthinned, then the stragglers', () => {
		// 1,000 registered, none sampled: 900 of the crowd at 400 an hour is 2 h 15 min, 16:15, then 4 h of stragglers.
		expect(siteFinishes(site({ villages: [village('baifan', 1000, { registered: 1000 })] }), now)[0].finishAt).toBe(china('20:15'));
	});
});
