import { describe, expect, it } from 'vitest';
import { ALERT_RULES, deriveAlerts, newCriticalAlerts, type AlertInputs } from '../../src/lib/domain/alerts';
import { chinaHour } from '../../src/lib/domain/follow-up';
import { hoursToClear, labBacklog, labOverCapacity, testingRatePerHour } from '../../src/lib/domain/lab-load';
import { coveragePercent, plannedPerHour } from '../../src/lib/domain/sampling-plan';
import { siteState } from '../../src/lib/domain/site-load';
import { newestTime, quietSources } from '../../src/lib/domain/data-freshness';

const NOW = Date.parse('2026-11-23T02:00:00Z'); // 10:00 China time
const site = (overrides: Partial<ReturnType<typeof baseSite>> = {}) => ({ ...baseSite(), ...overrides });
const baseSite = () => ({ id: 'site-a', name: '白畈村', status: 'open', queueLength: 0, staffedDesks: 2, queueAt: new Date(NOW - 5000).toISOString(), lat: 29.6, lon: 115.8 });
const inputs = (overrides: Partial<AlertInputs> = {}): AlertInputs => ({ sites: [], vehicles: [], labs: [], overdueCheckIns: 0, overviewAt: NOW, now: NOW, ...overrides });

describe('siteState', () => {
	it('greys a closed or paused site whatever its queue, and bands the others by expected wait', () => {
		expect(siteState({ status: 'closed', queueLength: 500, desks: 2 })).toBe('closed');
		expect(siteState({ status: 'paused', queueLength: 0, desks: 2 })).toBe('closed');
		// 2 desks serve 400 people an hour: 40 people wait 6 min, 120 wait 18, 300 wait 45, 400 wait 60.
		expect(siteState({ status: 'open', queueLength: 40, desks: 2 })).toBe('idle');
		expect(siteState({ status: 'open', queueLength: 120, desks: 2 })).toBe('normal');
		expect(siteState({ status: 'busy', queueLength: 300, desks: 2 })).toBe('busy');
		expect(siteState({ status: 'open', queueLength: 400, desks: 2 })).toBe('crowded');
	});
	it('takes configured bands', () => {
		expect(siteState({ status: 'open', queueLength: 40, desks: 2 }, { idle: 5, normal: 10, busy: 20 })).toBe('normal');
	});
});

describe('plannedPerHour and coveragePercent', () => {
	it('spreads 27,400 residents over 06:00–22:00: 1,713 an hour inside, none outside', () => {
		const plan = plannedPerHour(27_400);
		expect(plan).toHaveLength(24);
		expect(plan[5]).toBe(0);
		expect(plan[6]).toBe(1713);
		expect(plan[21]).toBe(1713);
		expect(plan[22]).toBe(0);
		expect(plan.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(27_400);
	});
	it('plans nothing for an empty register or an empty day', () => {
		expect(plannedPerHour(0).every((n) => n === 0)).toBe(true);
		expect(plannedPerHour(100, { startHour: 8, endHour: 8 }).every((n) => n === 0)).toBe(true);
	});
	it('gives coverage to one decimal and never above 100', () => {
		expect(coveragePercent(13_700, 27_400)).toBe(50);
		expect(coveragePercent(1, 3)).toBe(33.3);
		expect(coveragePercent(30_000, 27_400)).toBe(100);
		expect(coveragePercent(5, 0)).toBe(0);
	});
});

describe('lab load', () => {
	it('counts the backlog and the hours a 3,000-tube lab needs to clear it', () => {
		expect(labBacklog(2000, 500)).toBe(1500);
		expect(labBacklog(100, 120)).toBe(0);
		expect(hoursToClear(1500, 3000)).toBe(12);
		expect(hoursToClear(10, 0)).toBeNull();
	});
	it('clears the backlog at the rate the lab is testing today once that is known, else at its capacity', () => {
		const at = Date.parse('2026-11-23T02:00:00Z');
		const rate = testingRatePerHour({ testedTubes: 400, firstTestedAt: at - 2 * 3_600_000, reportedAt: at });
		expect(rate).toBe(200);
		expect(hoursToClear(1500, 3000, rate)).toBe(7.5);
		expect(testingRatePerHour({ testedTubes: 40, firstTestedAt: at - 10 * 60_000, reportedAt: at })).toBeNull();
		expect(testingRatePerHour({ testedTubes: 0, firstTestedAt: null, reportedAt: at })).toBeNull();
		expect(hoursToClear(1500, 3000, null)).toBe(12);
	});
	it('is over capacity when the backlog takes longer than the 8 hours results are due in', () => {
		expect(labOverCapacity(1000, 3000)).toBe(false); // 8 h exactly
		expect(labOverCapacity(1001, 3000)).toBe(true);
		expect(labOverCapacity(1, 0)).toBe(true);
	});
});

describe('chinaHour', () => {
	it('reads the hour in China time', () => {
		expect(chinaHour(NOW)).toBe(10);
		expect(chinaHour(Date.parse('2026-11-23T16:30:00Z'))).toBe(0);
	});
});

describe('deriveAlerts', () => {
	it('raises nothing for a quiet county', () => {
		expect(deriveAlerts(inputs({ sites: [site({ queueLength: 100 })], vehicles: [{ id: 'v', name: '送样车1', fixAt: new Date(NOW - 10_000).toISOString(), lat: 29.6, lon: 115.8 }] }))).toEqual([]);
	});
	it('warns of a crowded site at 60 min of wait and makes it critical at 90', () => {
		const [warning] = deriveAlerts(inputs({ sites: [site({ queueLength: 400 })] }));
		expect(warning).toMatchObject({ id: 'site_crowded:site-a', kind: 'site_crowded', severity: 'warning', value: 60, subject: '白畈村' });
		const [critical] = deriveAlerts(inputs({ sites: [site({ queueLength: 600 })] }));
		expect(critical).toMatchObject({ severity: 'critical', value: 90, location: { lat: 29.6, lon: 115.8 } });
	});
	it('makes a closed-loop transfer that halted on its way critical, at the place it stopped', () => {
		const at = new Date(NOW - 5 * 60_000).toISOString();
		const [alert] = deriveAlerts(inputs({ transferStops: [{ taskId: 7, vehicleName: '转运车1', at, minutes: 4, lat: 29.63, lon: 115.87 }] }));
		expect(alert).toEqual({ id: `transfer_stop:7:${at}`, kind: 'transfer_stop', severity: 'critical', at: Date.parse(at), since: Date.parse(at), subject: '转运车1', value: 4, location: { lat: 29.63, lon: 115.87 } });
	});
	it('ignores the queue of a closed site', () => {
		expect(deriveAlerts(inputs({ sites: [site({ queueLength: 900, status: 'closed' })] }))).toEqual([]);
	});
	it('warns of a vehicle silent for more than 60 s, but not of one never heard from', () => {
		const alerts = deriveAlerts(
			inputs({
				vehicles: [
					{ id: 'v1', name: '送样车1', fixAt: new Date(NOW - 61_000).toISOString(), lat: 29.6, lon: 115.8 },
					{ id: 'v2', name: '送样车2', fixAt: null, lat: null, lon: null }
				]
			})
		);
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({ kind: 'vehicle_silent', value: 61, at: NOW - 1000 });
	});
	it('raises an overloaded lab, critical past a day of backlog, and overdue check-ins as one alert', () => {
		const alerts = deriveAlerts(
			inputs({
				labs: [
					{ id: 'l1', name: '疾控', overCapacity: true, hoursToClear: 12, lat: 29.6, lon: 115.9 },
					{ id: 'l2', name: '第三方', overCapacity: true, hoursToClear: 30, lat: 29.6, lon: 115.9 },
					{ id: 'l3', name: '医院', overCapacity: false, hoursToClear: 2, lat: 29.6, lon: 115.9 }
				],
				overdueCheckIns: 7
			})
		);
		expect(alerts.map((alert) => [alert.id, alert.severity])).toEqual([
			['lab_over_capacity:l2', 'critical'],
			['check_ins_overdue', 'warning'],
			['lab_over_capacity:l1', 'warning']
		]);
	});
	it('names each village with follow-ups overdue in its own alert, when the counts per village are given', () => {
		const alerts = deriveAlerts(inputs({ overdueCheckIns: 5, overdueByVillage: [{ villageId: 'v:城门街道/白畈村', village: '白畈村', overdue: 3 }, { villageId: 'v:城门街道/城门村', village: '城门村', overdue: 2 }] }));
		expect(alerts.map((alert) => [alert.id, alert.subject, alert.value, alert.severity])).toEqual([
			['check_ins_overdue:v:城门街道/城门村', '城门村', 2, 'warning'],
			['check_ins_overdue:v:城门街道/白畈村', '白畈村', 3, 'warning']
		]);
		expect(alerts.every((alert) => alert.location === null)).toBe(true);
	});
	it('raises a positive quarantine test as critical and overdue tests as a warning, per village at its centre', () => {
		const alerts = deriveAlerts(
			inputs({
				tests: [
					{ villageId: 'v:城门街道/白畈村', village: '白畈村', overdue: 2, positive: 1, lat: 29.6, lon: 115.8 },
					{ villageId: 'v:城门街道/城门村', village: '城门村', overdue: 0, positive: 0, lat: null, lon: null }
				]
			})
		);
		expect(alerts.map((alert) => [alert.id, alert.kind, alert.severity, alert.subject, alert.value])).toEqual([
			['test_positive:v:城门街道/白畈村', 'test_positive', 'critical', '白畈村', 1],
			['test_overdue:v:城门街道/白畈村', 'test_overdue', 'warning', '白畈村', 2]
		]);
		expect(alerts[0].location).toEqual({ lat: 29.6, lon: 115.8 });
		expect(newCriticalAlerts(alerts, new Set()).map((alert) => alert.id)).toEqual(['test_positive:v:城门街道/白畈村']);
	});
	it('lists the newest first', () => {
		const alerts = deriveAlerts(inputs({ sites: [site({ id: 'old', queueLength: 500, queueAt: new Date(NOW - 60_000).toISOString() }), site({ id: 'new', queueLength: 500 })] }));
		expect(alerts.map((alert) => alert.id)).toEqual(['site_crowded:new', 'site_crowded:old']);
	});
	it('hands each critical alert with a place to the zoom once, oldest first', () => {
		const alerts = deriveAlerts(inputs({ sites: [site({ id: 'a', queueLength: 700, queueAt: new Date(NOW - 60_000).toISOString() }), site({ id: 'b', queueLength: 700 }), site({ id: 'c', queueLength: 400 })] }));
		expect(newCriticalAlerts(alerts, new Set()).map((alert) => alert.id)).toEqual(['site_crowded:a', 'site_crowded:b']);
		expect(newCriticalAlerts(alerts, new Set(['site_crowded:a'])).map((alert) => alert.id)).toEqual(['site_crowded:b']);
	});
	it('keeps its rules configurable', () => {
		expect(deriveAlerts(inputs({ sites: [site({ queueLength: 100 })] }), { ...ALERT_RULES, crowdedWaitMinutes: 10 })).toHaveLength(1);
	});
});

describe('data freshness', () => {
	it('finds the newest time, ignoring missing ones', () => {
		expect(newestTime(['2026-11-23T01:00:00Z', null, '2026-11-23T02:00:00Z'])).toBe(Date.parse('2026-11-23T02:00:00Z'));
		expect(newestTime([null])).toBeNull();
	});
	it('calls a source quiet past its own limit, and never one it has not heard from', () => {
		expect(quietSources({ sites: NOW - 61_000, couriers: NOW - 5_000, overview: NOW - 60_000 }, NOW)).toEqual(['sites']);
		expect(quietSources({ sites: null, couriers: NOW - 120_000, overview: NOW - 91_000 }, NOW)).toEqual(['couriers', 'overview']);
	});
});
