/**
 * The one server-side watcher that keeps alert_records in step with the alerts derived now
 * (reconcile-alert-records.ts): every EVERY_MS, and within NUDGE_MS of a KPI delta (a fever, a
 * case or zone event moved the overview). Started on projector nodes in the composition root
 * (server/app.ts), where the live store is full; several nodes are safe (each transition is
 * conditional in the database, so it happens and is logged once).
 *
 * Sources: the wall's alerts (deriveWallAlerts over the live store and the county overview), plus
 * any other source given (another area's kinds: results overdue, pickups waiting, coverage, a
 * playbook's step), each a function answering the alerts standing now. A source that fails skips
 * the whole check (rather than closing its alerts as if they had cleared).
 */
import type { Db } from '../../db/client';
import type { EventLog } from '../../pipeline/event-log/event-log';
import type { DeltaBus, LiveStore } from '../../live/live-store';
import type { WallOverviews } from '../wall/wall-overview';
import { deriveWallAlerts } from '../wall/wall-alerts';
import { reconcileAlertRecords, type DerivedAlert, type ReconcileResult } from './reconcile-alert-records';

export const ALERT_CHECK_EVERY_MS = 15_000;
const NUDGE_MS = 2_000;

export type AlertSource = (now: number) => Promise<DerivedAlert[]>;

/** The wall's alerts for the whole county, as a source. */
export function wallAlertSource(overviews: WallOverviews, store: LiveStore | null): AlertSource {
	return async (now) => deriveWallAlerts(store, await overviews.get(null, now), null, now);
}

export async function checkAlerts({ db, log, sources, now = Date.now() }: { db: Db; log: EventLog; sources: AlertSource[]; now?: number }): Promise<ReconcileResult> {
	const derived = (await Promise.all(sources.map((source) => source(now)))).flat();
	return reconcileAlertRecords({ ctx: { db, log, actor: 'system:alerts', now }, input: { derived, now } });
}

export function startAlertWatcher({ db, log, sources, bus, logger, everyMs = ALERT_CHECK_EVERY_MS }: { db: Db; log: EventLog; sources: AlertSource[]; bus?: DeltaBus; logger?: Pick<Console, 'warn'>; everyMs?: number }): { stop(): void; check(): Promise<void> } {
	let running: Promise<void> | null = null;
	let nudge: ReturnType<typeof setTimeout> | null = null;
	// One check at a time: a tick that comes while one runs is the same check.
	const check = (): Promise<void> =>
		(running ??= checkAlerts({ db, log, sources })
			.then(() => undefined)
			.catch((error: Error) => logger?.warn(`alerts: ${error.message}`))
			.finally(() => (running = null)));
	const timer = setInterval(() => void check(), everyMs);
	const first = setTimeout(() => void check(), Math.min(everyMs, 5_000));
	const unsubscribe = bus?.subscribe((delta) => {
		if (delta.layer !== 'kpis' || nudge) return;
		nudge = setTimeout(() => {
			nudge = null;
			void check();
		}, NUDGE_MS);
	});
	return {
		check,
		stop: () => {
			clearInterval(timer);
			clearTimeout(first);
			if (nudge) clearTimeout(nudge);
			unsubscribe?.();
		}
	};
}
