/** The wall's alerts for results on time: overdue results by lab, sites waiting for a pickup; no person in either. */
import { describe, expect, it } from 'vitest';
import { deriveAlerts } from '../../src/lib/domain/alerts';
import { escalationMinutes } from '../../src/lib/domain/alert-lifecycle';
import { alertArea, mayHandleAlert } from '../../src/lib/domain/alert-scope';

const now = Date.parse('2026-11-30T18:00:00+08:00');
const base = { sites: [], vehicles: [], labs: [], overdueCheckIns: 0, overviewAt: now, now };

describe('results_overdue', () => {
	it('is one critical alert per lab, valued in tubes overdue, standing since the first fell due', () => {
		const alerts = deriveAlerts({ ...base, resultsOverdue: [{ labId: 'cdc', lab: '柴桑区疾控中心实验室', tubes: 42, oldestDueAt: '2026-11-30T17:10:00+08:00', lat: 29.6, lon: 115.9 }, { labId: 'none', lab: '空', tubes: 0, oldestDueAt: '2026-11-30T17:10:00+08:00', lat: 29.6, lon: 115.9 }] });
		expect(alerts).toEqual([{ id: 'results_overdue:cdc', kind: 'results_overdue', severity: 'critical', at: now, since: Date.parse('2026-11-30T17:10:00+08:00'), subject: '柴桑区疾控中心实验室', value: 42, location: { lat: 29.6, lon: 115.9 } }]);
		expect(escalationMinutes('results_overdue', 'critical')).toBe(15);
	});
});

describe('pickup_overdue', () => {
	it('warns for a site waiting over 2 h from the moment the 2 h passed, critical in the box’s last hour', () => {
		const site = (siteId: string, waitedMinutes: number, critical: boolean) => ({ siteId, site: `${siteId}采样点`, oldestSealedAt: new Date(now - waitedMinutes * 60_000).toISOString(), waitedMinutes, critical, lat: 29.6, lon: 115.8 });
		const alerts = deriveAlerts({ ...base, pickupsOverdue: [site('金兰村', 130, false), site('白畈村', 190, true)] });
		expect(alerts.map((alert) => [alert.id, alert.severity, alert.value, (now - alert.since) / 60_000])).toEqual([
			['pickup_overdue:金兰村', 'warning', 130, 10],
			['pickup_overdue:白畈村', 'critical', 190, 70]
		]);
	});
});

describe('who handles them', () => {
	const lab = { role: 'lab_operator', townshipId: null, villageIds: [] };
	it('lab staff acknowledge their results overdue; the dispatcher both kinds; a shift leader neither county-wide one', () => {
		expect(mayHandleAlert(lab, { kind: 'results_overdue', alertId: 'results_overdue:cdc', townshipId: null })).toBe(true);
		expect(mayHandleAlert(lab, { kind: 'pickup_overdue', alertId: 'pickup_overdue:site-jinlan', townshipId: 't:城门街道' })).toBe(false);
		expect([alertArea('results_overdue'), alertArea('pickup_overdue')]).toEqual(['dispatch', 'dispatch']);
		expect(mayHandleAlert({ role: 'dispatcher', townshipId: null, villageIds: [] }, { kind: 'pickup_overdue', alertId: 'pickup_overdue:site-jinlan', townshipId: 't:城门街道' })).toBe(true);
		expect(mayHandleAlert({ role: 'shift_leader', townshipId: 't:城门街道', villageIds: [] }, { kind: 'results_overdue', alertId: 'results_overdue:cdc', townshipId: null })).toBe(false);
	});
});
