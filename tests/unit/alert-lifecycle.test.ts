/** Alerts that people handle: acknowledge, escalate when nobody does, close when the condition clears. */
import { describe, expect, it } from 'vitest';
import { acknowledge, alertStatus, escalationMinutes, filterHistory, reconcileAlerts, wallOrder, type AlertRecord } from '../../src/lib/domain/alert-lifecycle';

const china = (hhmm: string, day = '2026-11-30') => Date.parse(`${day}T${hhmm}:00+08:00`);
const record = (alertId: string, over: Partial<AlertRecord> = {}): AlertRecord => ({
	alertId, kind: alertId.split(':')[0], severity: 'critical', subject: alertId.split(':')[1] ?? '', townshipId: 'chengmen', raisedAt: china('10:00'), acknowledgement: null, closedAt: null, ...over
});

describe('alertStatus', () => {
	const crowded = record('site_crowded:白畈村');

	it('is open until its kind’s time passes unacknowledged, then escalated to the command centre', () => {
		expect(escalationMinutes('site_crowded', 'critical')).toBe(15);
		expect(alertStatus(crowded, china('10:14'))).toEqual({ state: 'open', escalatesAt: china('10:15'), escalated: false });
		expect(alertStatus(crowded, china('10:15'))).toEqual({ state: 'escalated', escalatesAt: china('10:15'), escalated: true });
	});

	it('acknowledged in time does not escalate; acknowledged late stays on record as escalated', () => {
		const inTime = { ...crowded, acknowledgement: { by: 'leader-b', at: china('10:05'), note: '已调派两名采样人员' } };
		expect(alertStatus(inTime, china('11:00'))).toEqual({ state: 'acknowledged', escalatesAt: null, escalated: false });
		const late = { ...crowded, acknowledgement: { by: 'leader-b', at: china('10:20'), note: '' } };
		expect(alertStatus(late, china('11:00'))).toMatchObject({ state: 'acknowledged', escalated: true });
	});

	it('closes when its condition clears, whether acknowledged or not; a kind not listed uses its severity’s time', () => {
		expect(alertStatus({ ...crowded, closedAt: china('10:08') }, china('11:00'))).toEqual({ state: 'closed', escalatesAt: null, escalated: false });
		expect(escalationMinutes('pickup_waiting', 'warning')).toBe(30);
		expect(alertStatus(record('pickup_waiting:金兰村', { severity: 'warning' }), china('10:29')).state).toBe('open');
	});
});

describe('acknowledge', () => {
	it('records who, when and a note; refuses a closed alert, a second acknowledgement and nobody', () => {
		const result = acknowledge(record('fever:联盟村'), { by: 'officer-7', at: china('10:03'), note: '  已电话核实  ' });
		expect(result).toEqual({ record: expect.objectContaining({ acknowledgement: { by: 'officer-7', at: china('10:03'), note: '已电话核实' } }) });
		const acknowledged = 'record' in result ? result.record : record('x');
		expect(acknowledge(acknowledged, { by: 'other', at: china('10:04'), note: '' })).toEqual({ refusal: 'already_acknowledged' });
		expect(acknowledge(record('fever:联盟村', { closedAt: china('10:02') }), { by: 'a', at: china('10:03'), note: '' })).toEqual({ refusal: 'closed' });
		expect(acknowledge(record('fever:联盟村'), { by: ' ', at: china('10:03'), note: '' })).toEqual({ refusal: 'empty_by' });
	});
});

describe('reconcileAlerts', () => {
	const derived = (id: string, severity: 'critical' | 'warning' = 'critical') => ({ id, kind: id.split(':')[0] as 'site_crowded', severity, subject: id.split(':')[1] });

	it('raises new alerts, keeps those still derived (with their severity now), closes those that cleared', () => {
		const records = [record('site_crowded:白畈村', { severity: 'warning' }), record('vehicle_silent:车1')];
		const now = china('11:00');
		const result = reconcileAlerts(records, [derived('site_crowded:白畈村'), derived('fever:联盟村')], now, () => 'chengmen');
		expect(result.raised).toEqual([record('fever:联盟村', { raisedAt: now })]);
		expect(result.closed).toEqual([{ ...records[1], closedAt: now }]);
		expect(result.records.map((each) => [each.alertId, each.severity, each.closedAt])).toEqual([
			['site_crowded:白畈村', 'critical', null],
			['vehicle_silent:车1', 'critical', now],
			['fever:联盟村', 'critical', null]
		]);
	});

	it('a condition back after closing is a new record; nothing derived closes all', () => {
		const closed = record('site_crowded:白畈村', { closedAt: china('10:30') });
		const again = reconcileAlerts([closed], [derived('site_crowded:白畈村')], china('11:00'));
		expect(again.records).toHaveLength(2);
		expect(again.raised[0]).toMatchObject({ raisedAt: china('11:00'), acknowledgement: null, townshipId: null });
		expect(reconcileAlerts([record('a:b')], [], china('11:00')).closed).toHaveLength(1);
		expect(reconcileAlerts([], [], china('11:00'))).toEqual({ records: [], raised: [], closed: [] });
	});
});

describe('wallOrder', () => {
	it('unacknowledged critical first (escalated before open), then warnings, then acknowledged; oldest first; closed not shown', () => {
		const ack = { by: 'u', at: china('10:01'), note: '' };
		const records = [
			record('warn:old', { severity: 'warning', raisedAt: china('09:00') }),
			record('crit:acknowledged', { acknowledgement: ack }),
			record('crit:new', { raisedAt: china('10:50') }),
			record('crit:escalated', { raisedAt: china('10:20') }),
			record('crit:closed', { closedAt: china('10:30') }),
			record('warn:acknowledged', { severity: 'warning', acknowledgement: ack })
		];
		expect(wallOrder(records, china('11:00')).map((each) => each.alertId)).toEqual(['crit:escalated', 'crit:new', 'warn:old', 'crit:acknowledged', 'warn:acknowledged']);
		expect(wallOrder([], china('11:00'))).toEqual([]);
	});
});

describe('filterHistory', () => {
	it('filters by kind, township and China-time day (a 23:30 alert is that day’s, not the next)', () => {
		const records = [record('fever:a', { raisedAt: china('23:30') }), record('fever:b', { raisedAt: china('00:10', '2026-12-01'), townshipId: 'kuangqu' }), record('site_crowded:c')];
		expect(filterHistory(records, { day: '2026-11-30' }).map((each) => each.alertId)).toEqual(['fever:a', 'site_crowded:c']);
		expect(filterHistory(records, { kind: 'fever', townshipId: 'kuangqu' }).map((each) => each.alertId)).toEqual(['fever:b']);
		expect(filterHistory(records, {})).toHaveLength(3);
	});
});
