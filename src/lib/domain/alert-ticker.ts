/**
 * The wall ticker's order once alerts have records (alert-lifecycle.ts wallOrder's rule, with the
 * state the server recorded rather than recomputed, so the order and the marks agree): the
 * unacknowledged critical first (escalated before open), then unacknowledged warnings, then the
 * acknowledged; the longest standing first within each. An alert with no record yet is open. Pure.
 */
import { byId, type AlertSeverity } from './alerts';

export type TickerState = 'open' | 'escalated' | 'acknowledged';

export interface TickerRecord {
	state: 'open' | 'escalated' | 'acknowledged' | 'closed';
	acknowledgedAt: string | null;
	acknowledgedRole: string | null;
}

const RANK: Record<TickerState, number> = { escalated: 0, open: 1, acknowledged: 2 };

export function tickerOrder<A extends { id: string; severity: AlertSeverity; since: number }>(alerts: readonly A[], records: Readonly<Record<string, TickerRecord>> | undefined): (A & { state: TickerState; record: TickerRecord | null })[] {
	const withState = alerts.map((alert) => {
		const record = records?.[alert.id] ?? null;
		const state: TickerState = record?.state === 'acknowledged' || record?.state === 'escalated' ? record.state : 'open';
		return { ...alert, state, record };
	});
	const acknowledged = (state: TickerState) => Number(state === 'acknowledged');
	return withState.sort(
		(a, b) =>
			acknowledged(a.state) - acknowledged(b.state) ||
			Number(a.severity !== 'critical') - Number(b.severity !== 'critical') ||
			RANK[a.state] - RANK[b.state] ||
			a.since - b.since ||
			byId(a.id, b.id)
	);
}
