/** The 24:00 daily report (日报, seed 001): China-time day, assembly, locking, amendments never silent. */
import { describe, expect, it } from 'vitest';
import { amendReport, assembleDailyReport, currentReport, inDay, isLocked, labRowsFromTubes, lockReport, reportChanges, reportLocksAt, siteRowsFromBoxes, type LockedReport } from '../../src/lib/domain/daily-report';

const china = (hhmm: string, day = '2026-11-30') => Date.parse(`${day}T${hhmm}:00+08:00`);
const day = '2026-11-30';

describe('the China-time day', () => {
	it('runs 00:00–24:00 UTC+8: 23:59 is the day’s, 00:00 the next’s, whatever UTC says', () => {
		expect(reportLocksAt(day)).toBe(Date.parse('2026-11-30T16:00:00Z'));
		expect(inDay(china('23:59'), day)).toBe(true);
		expect(inDay(china('00:00', '2026-12-01'), day)).toBe(false);
		// 07:59 China time is still the previous UTC day: it belongs to the 30th here.
		expect(inDay(Date.parse('2026-11-29T23:59:00Z'), day)).toBe(true);
		expect(inDay(null, day)).toBe(false);
		expect(isLocked(day, china('23:59'))).toBe(false);
		expect(isLocked(day, china('00:00', '2026-12-01'))).toBe(true);
	});
});

describe('rows from the day’s records', () => {
	it('sites: people, tubes, boxes and pooling of the boxes sealed that day (10:1 as 10 people a tube)', () => {
		const boxes = [
			{ siteId: 'baifan', townshipId: 'chengmen', sealedAt: china('09:00'), tubes: 50, people: 500 },
			{ siteId: 'baifan', townshipId: 'chengmen', sealedAt: china('23:59'), tubes: 30, people: 300 },
			{ siteId: 'baifan', townshipId: 'chengmen', sealedAt: china('00:00', '2026-12-01'), tubes: 40, people: 400 },
			{ siteId: 'yuanyuan', townshipId: 'chengmen', sealedAt: china('10:00'), tubes: 20, people: 20 }
		];
		expect(siteRowsFromBoxes(boxes, day)).toEqual([
			{ siteId: 'baifan', townshipId: 'chengmen', people: 800, tubes: 80, boxes: 2, pooling: 10 },
			{ siteId: 'yuanyuan', townshipId: 'chengmen', people: 20, tubes: 20, boxes: 1, pooling: 1 }
		]);
		expect(siteRowsFromBoxes([], day)).toEqual([]);
	});

	it('sites: once the desks scan the roster, people are those scanned at each site, and a site with people scanned and no box yet has its row', () => {
		// Review: 采样点 counted only sealed boxes (合计 14 人) while the township table said 935 sampled.
		const boxes = [{ siteId: 'baifan', townshipId: 'chengmen', sealedAt: china('09:00'), tubes: 2, people: 14 }];
		const scanned = [
			{ siteId: 'baifan', townshipId: 'chengmen', people: 600 },
			{ siteId: 'yuanyuan', townshipId: 'chengmen', people: 335 }
		];
		expect(siteRowsFromBoxes(boxes, day, scanned)).toEqual([
			{ siteId: 'baifan', townshipId: 'chengmen', people: 600, tubes: 2, boxes: 1, pooling: 7 },
			{ siteId: 'yuanyuan', townshipId: 'chengmen', people: 335, tubes: 0, boxes: 0, pooling: null }
		]);
		// Boxes at a site whose desk scanned nobody, in a county that scans: its tubes, no people counted twice elsewhere.
		const other = [...boxes, { siteId: 'kuzhu', townshipId: 'chengmen', sealedAt: china('10:00'), tubes: 1, people: 10 }];
		expect(siteRowsFromBoxes(other, day, scanned).find((row) => row.siteId === 'kuzhu')).toEqual({ siteId: 'kuzhu', townshipId: 'chengmen', people: 0, tubes: 1, boxes: 1, pooling: 10 });
		expect(assembleDailyReport({ day, sites: siteRowsFromBoxes(boxes, day, scanned), townships: [], labs: [] }).totals).toMatchObject({ people: 935, tubes: 2, boxes: 1 });
	});

	it('labs: received, tested, positives within the day, pending at 24:00, median of the day’s results', () => {
		const tube = (id: string, sealed: string, received: string | null, tested: string | null, result: string | null, positive = false, resultDay = day) => ({
			id, labId: 'cdc', sealedAt: china(sealed), receivedAt: received ? china(received) : null, testedAt: tested ? china(tested) : null, resultAt: result ? china(result, resultDay) : null, positive
		});
		const tubes = [
			tube('T1', '09:00', '11:00', '14:00', '15:00'),
			tube('T2', '10:00', '12:00', '16:00', '17:00', true),
			tube('T3', '20:00', '22:00', null, null),
			tube('T4', '21:00', '23:00', '23:30', '01:00', false, '2026-12-01'),
			{ ...tube('T5', '23:00', null, null, null), labId: null }
		];
		expect(labRowsFromTubes(tubes, day)).toEqual([{ labId: 'cdc', received: 4, tested: 3, positives: 1, pending: 2, medianTurnaroundMinutes: 390 }]);
		// A tube never resulted stays pending on later days; a day before any tube has no row.
		expect(labRowsFromTubes(tubes, '2026-12-02')).toEqual([{ labId: 'cdc', received: 0, tested: 0, positives: 0, pending: 1, medianTurnaroundMinutes: null }]);
		expect(labRowsFromTubes(tubes, '2026-11-29')).toEqual([]);
	});
});

const report = assembleDailyReport({
	day,
	sites: [{ siteId: 'mine', townshipId: 'kuangqu', people: 2000, tubes: 200, boxes: 4, pooling: 10 }, { siteId: 'baifan', townshipId: 'chengmen', people: 800, tubes: 80, boxes: 2, pooling: 10 }],
	townships: [{ townshipId: 'chengmen', registered: 1000, sampled: 980, coverage: 0.98, gapsLeft: 20 }],
	labs: [{ labId: 'cdc', received: 280, tested: 250, positives: 1, pending: 30, medianTurnaroundMinutes: 390 }],
	quarantine: { byMeasure: { home_quarantine: 12, home_monitoring: 0, health_monitoring: 30, centralised: 5 }, new: 3, released: 2, fevers: 1 }
});

describe('assembleDailyReport', () => {
	it('covers the China-time day, sorts rows by id and adds the totals', () => {
		expect(report).toMatchObject({ day, from: china('00:00'), to: reportLocksAt(day) });
		expect(report.sites.map((row) => row.siteId)).toEqual(['baifan', 'mine']);
		expect(report.totals).toEqual({ people: 2800, tubes: 280, boxes: 6, received: 280, tested: 250, positives: 1, pending: 30 });
	});

	it('an empty day is all zeros, with every measure present', () => {
		const empty = assembleDailyReport({ day, sites: [], townships: [], labs: [] });
		expect(empty.totals).toEqual({ people: 0, tubes: 0, boxes: 0, received: 0, tested: 0, positives: 0, pending: 0 });
		expect(empty.quarantine).toEqual({ byMeasure: { home_quarantine: 0, home_monitoring: 0, health_monitoring: 0, centralised: 0 }, new: 0, released: 0, fevers: 0 });
	});
});

describe('locking and amendments', () => {
	const locked = lockReport(report, china('00:00', '2026-12-01')) as LockedReport;

	it('locks only once the day is over', () => {
		expect(lockReport(report, china('23:59'))).toEqual({ refusal: 'day_not_over' });
		expect(locked).toEqual({ lockedAt: china('00:00', '2026-12-01'), original: report, amendments: [] });
	});

	it('a late correction is an amendment with who, when, why and what changed; the original is kept', () => {
		const corrected = { ...report, labs: [{ ...report.labs[0], tested: 270, pending: 10 }] };
		const result = amendReport(locked, corrected, { by: 'lab-cdc', at: china('08:00', '2026-12-01'), reason: ' 夜班漏报 20 管 ' });
		if (!('locked' in result)) throw new Error('refused');
		expect(result.amendment).toMatchObject({ by: 'lab-cdc', reason: '夜班漏报 20 管', changes: [
			{ section: 'labs', key: 'cdc', field: 'tested', from: 250, to: 270 },
			{ section: 'labs', key: 'cdc', field: 'pending', from: 30, to: 10 }
		] });
		expect(result.locked.original).toBe(report);
		expect(currentReport(result.locked)).toBe(corrected);
		expect(currentReport(locked)).toBe(report);
	});

	it('refuses a correction without a reason or a person, one that changes nothing, and one of another day', () => {
		const corrected = { ...report, quarantine: { ...report.quarantine, fevers: 2 } };
		expect(amendReport(locked, corrected, { by: 'u', at: 0, reason: '  ' })).toEqual({ refusal: 'no_reason' });
		expect(amendReport(locked, corrected, { by: '', at: 0, reason: 'x' })).toEqual({ refusal: 'empty_by' });
		expect(amendReport(locked, report, { by: 'u', at: 0, reason: 'x' })).toEqual({ refusal: 'no_change' });
		expect(amendReport(locked, { ...corrected, day: '2026-12-01' }, { by: 'u', at: 0, reason: 'x' })).toEqual({ refusal: 'other_day' });
	});

	it('lists rows added and removed, and quarantine fields, as changes', () => {
		const after = { ...report, sites: [report.sites[0], { siteId: 'jinlan', townshipId: 'chengmen', people: 10, tubes: 1, boxes: 1, pooling: 10 }], quarantine: { ...report.quarantine, byMeasure: { ...report.quarantine.byMeasure, centralised: 6 } } };
		expect(reportChanges(report, after)).toEqual([
			{ section: 'sites', key: 'mine', field: '*', from: 'row', to: null },
			{ section: 'sites', key: 'jinlan', field: '*', from: null, to: 'row' },
			{ section: 'quarantine', key: null, field: 'byMeasure.centralised', from: 5, to: 6 }
		]);
	});
});
