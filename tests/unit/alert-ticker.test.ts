/** The wall ticker's order with records: unacknowledged critical first, escalated before open, acknowledged last. */
import { describe, expect, it } from 'vitest';
import { tickerOrder, type TickerRecord } from '../../src/lib/domain/alert-ticker';

const alert = (id: string, severity: 'critical' | 'warning', since: number) => ({ id, severity, since });
const record = (state: TickerRecord['state']): TickerRecord => ({ state, acknowledgedAt: state === 'acknowledged' ? '2026-11-30T01:12:00Z' : null, acknowledgedRole: state === 'acknowledged' ? 'shift_leader' : null });

describe('tickerOrder', () => {
	it('puts unacknowledged critical alerts first, escalated before open, then warnings, then the acknowledged; oldest first within each', () => {
		const alerts = [alert('warn-old', 'warning', 1), alert('crit-ack', 'critical', 2), alert('crit-new', 'critical', 9), alert('crit-esc', 'critical', 5), alert('crit-norecord', 'critical', 3), alert('warn-esc', 'warning', 8)];
		const records = { 'crit-ack': record('acknowledged'), 'crit-esc': record('escalated'), 'crit-new': record('open'), 'warn-esc': record('escalated'), 'warn-old': record('open') };
		const ordered = tickerOrder(alerts, records);
		expect(ordered.map((each) => [each.id, each.state])).toEqual([
			['crit-esc', 'escalated'],
			['crit-norecord', 'open'],
			['crit-new', 'open'],
			['warn-esc', 'escalated'],
			['warn-old', 'open'],
			['crit-ack', 'acknowledged']
		]);
		expect(ordered.at(-1)!.record).toMatchObject({ acknowledgedRole: 'shift_leader' });
	});

	it('without records keeps every alert, critical first, oldest first', () => {
		expect(tickerOrder([alert('w', 'warning', 1), alert('c2', 'critical', 5), alert('c1', 'critical', 2)], undefined).map((each) => each.id)).toEqual(['c1', 'c2', 'w']);
	});
});
