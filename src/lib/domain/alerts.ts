/**
 * The wall's alert ticker, derived from what the wall already has (live sites and vehicles, the
 * overview), so every screen shows the same alerts for the same data. Pure; time is passed in.
 *
 * Severity: critical alerts zoom the wall's map to them for a moment. A site is critical when its
 * expected wait passes criticalWaitMinutes; a lab when its backlog takes more than a day; a
 * closed-loop transfer that halted on its way, always; a village with a quarantine case that
 * reported fever or symptoms today, always (the village, never the person); a village with a
 * positive quarantine test today, always; a village with quarantine tests overdue, a warning; a
 * lab with results past their 8 hours, always (by lab); a site whose sealed box waited over 2 h for a
 * pickup, a warning, critical once only the box's last hour is left.
 */
import { expectedWaitMinutes } from './site-load';
import { firstDueHour } from './follow-up';
import { serviceDay, serviceDayStart } from './service-day';
import { PICKUP_RULES } from './pickup-wait';
import { isAfter } from './iso-time';

export const ALERT_RULES = {
	/** Expected wait from which a site is crowded (the wall's top band). */
	crowdedWaitMinutes: 60,
	criticalWaitMinutes: 90,
	/** A vehicle with no fix for this long is silent: greyed on the map, alerted. */
	silentAfterSeconds: 60,
	/** A lab whose backlog takes longer than this is critical, not only over capacity. */
	criticalLabHours: 24
} as const;

export type AlertSeverity = 'critical' | 'warning';
export type AlertKind = 'site_crowded' | 'vehicle_silent' | 'lab_over_capacity' | 'check_ins_overdue' | 'transfer_stop' | 'fever' | 'test_overdue' | 'test_positive' | 'results_overdue' | 'pickup_overdue' | 'pool_positive';

export interface Alert {
	/** Stable while the condition lasts: kind and subject. */
	id: string;
	kind: AlertKind;
	severity: AlertSeverity;
	/** When the condition was last seen to hold (epoch ms). */
	at: number;
	/**
	 * When the condition began, as far as is known (epoch ms): kept while it lasts (carrySince), so
	 * the ticker shows its first time and how long it has stood, not a time re-stamped every minute;
	 * the server keeps it too (the overview's alertsSince), so a reload or a restart does not reset it.
	 */
	since: number;
	subject: string;
	/** Minutes of wait, seconds of silence, hours to clear, overdue follow-ups or cases with fever, by kind. */
	value: number;
	location: { lat: number; lon: number } | null;
}

export interface AlertInputs {
	sites: Iterable<{ id: string; name: string; status: string; queueLength: number; staffedDesks: number; queueAt: string | null; lat: number; lon: number }>;
	vehicles: Iterable<{ id: string; name: string; fixAt: string | null; lat: number | null; lon: number | null }>;
	labs: Iterable<{ id: string; name: string; overCapacity: boolean; hoursToClear: number | null; lat: number; lon: number }>;
	overdueCheckIns: number;
	/**
	 * The same per village: given, each village with follow-ups overdue is its own alert (the
	 * village named, its count), so the ticker says where; without it, one alert for the total.
	 */
	overdueByVillage?: Iterable<{ villageId: string; village: string; overdue: number }>;
	/** Per village: quarantine tests overdue and positive results today (counts and the village's centre, never a person). */
	tests?: Iterable<{ villageId: string; village: string; overdue: number; positive: number; lat: number | null; lon: number | null }>;
	/** Halts of closed-loop transfers on their way: critical, the loop is broken. */
	transferStops?: Iterable<{ taskId: number; vehicleName: string; at: string; minutes: number; lat: number; lon: number }>;
	/**
	 * Villages with quarantine cases whose latest follow-up today reported fever or symptoms: a count
	 * and the village's centre, never a person or a home (live KPI layer, or the overview).
	 */
	fevers?: Iterable<{ villageId: string; village: string; cases: number; since: string; lat: number | null; lon: number | null }>;
	/** Labs with results past their 8 hours (sealed → now): tubes overdue, by lab, never a person (critical). */
	resultsOverdue?: Iterable<{ labId: string; lab: string; tubes: number; oldestDueAt: string; lat: number; lon: number }>;
	/** Sites with a sealed box not collected for over 2 hours (001): the dispatcher's; critical in the box's last hour. */
	pickupsOverdue?: Iterable<{ siteId: string; site: string; oldestSealedAt: string; waitedMinutes: number; critical: boolean; lat: number; lon: number }>;
	/** Villages with a positive pool's playbook open (第一时间报告、复检、处置): critical until every re-test is in. */
	poolPositives?: Iterable<{ villageId: string; village: string; playbooks: number; since: string; lat: number | null; lon: number | null }>;
	overviewAt: number | null;
	now: number;
}

const SEVERITY_ORDER: Record<AlertSeverity, number> = { critical: 0, warning: 1 };
/** Ids in code-unit order: a stable tie-break, and far cheaper than localeCompare over a megacity's thousands of alerts every second. */
export const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function deriveAlerts(inputs: AlertInputs, rules: { [K in keyof typeof ALERT_RULES]: number } = ALERT_RULES): Alert[] {
	const alerts: Alert[] = [];
	for (const site of inputs.sites) {
		if (site.status === 'closed' || site.status === 'paused') continue;
		const wait = expectedWaitMinutes(site.queueLength, site.staffedDesks);
		if (wait < rules.crowdedWaitMinutes) continue;
		const reportedAt = site.queueAt ? Date.parse(site.queueAt) : inputs.now;
		alerts.push({
			id: `site_crowded:${site.id}`, kind: 'site_crowded', severity: wait >= rules.criticalWaitMinutes ? 'critical' : 'warning',
			at: reportedAt, since: reportedAt, subject: site.name, value: Number.isFinite(wait) ? Math.round(wait) : 999, location: { lat: site.lat, lon: site.lon }
		});
	}
	for (const vehicle of inputs.vehicles) {
		if (!vehicle.fixAt) continue;
		// Most vehicles of a fleet are not silent: told by comparing strings, without parsing 10,000 times a second.
		if (isAfter(vehicle.fixAt, inputs.now - rules.silentAfterSeconds * 1000)) continue;
		const silentFor = (inputs.now - Date.parse(vehicle.fixAt)) / 1000;
		if (silentFor < rules.silentAfterSeconds) continue;
		alerts.push({
			id: `vehicle_silent:${vehicle.id}`, kind: 'vehicle_silent', severity: 'warning', at: Date.parse(vehicle.fixAt) + rules.silentAfterSeconds * 1000,
			since: Date.parse(vehicle.fixAt) + rules.silentAfterSeconds * 1000, subject: vehicle.name, value: Math.round(silentFor), location: vehicle.lat !== null && vehicle.lon !== null ? { lat: vehicle.lat, lon: vehicle.lon } : null
		});
	}
	for (const lab of inputs.labs) {
		if (!lab.overCapacity) continue;
		alerts.push({
			id: `lab_over_capacity:${lab.id}`, kind: 'lab_over_capacity', severity: (lab.hoursToClear ?? Infinity) > rules.criticalLabHours ? 'critical' : 'warning',
			at: inputs.overviewAt ?? inputs.now, since: inputs.overviewAt ?? inputs.now, subject: lab.name, value: lab.hoursToClear ?? 0, location: { lat: lab.lat, lon: lab.lon }
		});
	}
	for (const stop of inputs.transferStops ?? []) {
		alerts.push({ id: `transfer_stop:${stop.taskId}:${stop.at}`, kind: 'transfer_stop', severity: 'critical', at: Date.parse(stop.at), since: Date.parse(stop.at), subject: stop.vehicleName, value: stop.minutes, location: { lat: stop.lat, lon: stop.lon } });
	}
	for (const fever of inputs.fevers ?? []) {
		if (fever.cases <= 0) continue;
		alerts.push({ id: `fever:${fever.villageId}`, kind: 'fever', severity: 'critical', at: Date.parse(fever.since), since: Date.parse(fever.since), subject: fever.village, value: fever.cases, location: fever.lat !== null && fever.lon !== null ? { lat: fever.lat, lon: fever.lon } : null });
	}
	for (const test of inputs.tests ?? []) {
		const at = inputs.overviewAt ?? inputs.now;
		const location = test.lat !== null && test.lon !== null ? { lat: test.lat, lon: test.lon } : null;
		if (test.positive > 0) alerts.push({ id: `test_positive:${test.villageId}`, kind: 'test_positive', severity: 'critical', at, since: at, subject: test.village, value: test.positive, location });
		if (test.overdue > 0) alerts.push({ id: `test_overdue:${test.villageId}`, kind: 'test_overdue', severity: 'warning', at, since: at, subject: test.village, value: test.overdue, location });
	}
	for (const pool of inputs.poolPositives ?? []) {
		if (pool.playbooks <= 0) continue;
		alerts.push({ id: `pool_positive:${pool.villageId}`, kind: 'pool_positive', severity: 'critical', at: inputs.overviewAt ?? inputs.now, since: Date.parse(pool.since), subject: pool.village, value: pool.playbooks, location: pool.lat !== null && pool.lon !== null ? { lat: pool.lat, lon: pool.lon } : null });
	}
	for (const lab of inputs.resultsOverdue ?? []) {
		if (lab.tubes <= 0) continue;
		// Since the first of them fell due: the promise broke then, not when the overview was read.
		alerts.push({ id: `results_overdue:${lab.labId}`, kind: 'results_overdue', severity: 'critical', at: inputs.overviewAt ?? inputs.now, since: Date.parse(lab.oldestDueAt), subject: lab.lab, value: lab.tubes, location: { lat: lab.lat, lon: lab.lon } });
	}
	for (const site of inputs.pickupsOverdue ?? []) {
		const since = Date.parse(site.oldestSealedAt) + PICKUP_RULES.collectWithinHours * 3_600_000;
		alerts.push({ id: `pickup_overdue:${site.siteId}`, kind: 'pickup_overdue', severity: site.critical ? 'critical' : 'warning', at: inputs.overviewAt ?? inputs.now, since, subject: site.site, value: site.waitedMinutes, location: { lat: site.lat, lon: site.lon } });
	}
	if (inputs.overdueCheckIns > 0) {
		// Overdue since the first hour follow-ups were due today (China time), not since the last overview poll.
		const dueAt = serviceDayStart(serviceDay(inputs.now)) + firstDueHour() * 3_600_000;
		const since = Math.min(dueAt, inputs.now);
		const villages = inputs.overdueByVillage ? [...inputs.overdueByVillage].filter((village) => village.overdue > 0) : null;
		if (villages && villages.length > 0) {
			for (const village of villages) alerts.push({ id: `check_ins_overdue:${village.villageId}`, kind: 'check_ins_overdue', severity: 'warning', at: inputs.overviewAt ?? inputs.now, since, subject: village.village, value: village.overdue, location: null });
		} else {
			alerts.push({ id: 'check_ins_overdue', kind: 'check_ins_overdue', severity: 'warning', at: inputs.overviewAt ?? inputs.now, since, subject: '', value: inputs.overdueCheckIns, location: null });
		}
	}
	return sortAlerts(alerts);
}

/** Newest first by when each began; at the same moment, critical before warning. */
function sortAlerts(alerts: Alert[]): Alert[] {
	return alerts.sort((a, b) => b.since - a.since || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || byId(a.id, b.id));
}

/**
 * Alerts derived again (every second on the wall) keep the time they were first raised while their
 * condition lasts: `since` is the earliest seen for the same id. An alert that clears and comes back
 * starts anew, since `previous` holds only the alerts of the last derivation. Pure.
 */
export function carrySince(alerts: Alert[], previous: ReadonlyMap<string, number>): { alerts: Alert[]; since: Map<string, number> } {
	const since = new Map<string, number>();
	const carried = alerts.map((alert) => {
		const first = Math.min(previous.get(alert.id) ?? alert.since, alert.since);
		since.set(alert.id, first);
		return first === alert.since ? alert : { ...alert, since: first };
	});
	return { alerts: sortAlerts(carried), since };
}

/**
 * The first times a page starts its carrySince from: those it has kept while open and those the
 * server keeps across reloads and restarts (the overview's alertsSince), the earlier of the two for
 * each alert. A reloaded page so shows an alert standing since it began, not since the reload. Pure.
 */
export function withServerSince(kept: ReadonlyMap<string, number>, server: Readonly<Record<string, number>> | undefined): Map<string, number> {
	const since = new Map(kept);
	for (const [id, first] of Object.entries(server ?? {})) {
		if (Number.isFinite(first)) since.set(id, Math.min(since.get(id) ?? first, first));
	}
	return since;
}

/** Whether two first-seen maps hold the same alerts with the same times (nothing new to keep). Pure. */
export function sameFirstSeen(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
	if (a.size !== b.size) return false;
	for (const [id, first] of a) if (b.get(id) !== first) return false;
	return true;
}

/** Critical alerts the wall has not zoomed to yet, oldest first, so each gets its turn once. */
export function newCriticalAlerts(alerts: Alert[], alreadyShown: ReadonlySet<string>): Alert[] {
	return alerts.filter((alert) => alert.severity === 'critical' && alert.location && !alreadyShown.has(alert.id)).sort((a, b) => a.since - b.since);
}
