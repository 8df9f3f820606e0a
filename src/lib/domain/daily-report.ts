/**
 * The 24:00 daily report (日报): "每日24时前统计和反馈当日收样量、检测量，并上报" (seed 001). Its
 * shape, its pure assembly from the day's figures (per site, township, lab, quarantine), the
 * China-time day it covers (service-day.ts: 00:00–24:00 UTC+8, whatever the server's zone), and
 * the rule after it is locked at 24:00: a correction is a recorded amendment (who, when, why,
 * what changed, the version it makes), never a silent change; the locked original is kept.
 */
import type { CaseMeasure } from './quarantine-case';
import { nextServiceDay, serviceDay, serviceDayStart } from './service-day';
import { median, turnaround, TURNAROUND_RULES, type TurnaroundItem, type TurnaroundRules } from './turnaround';

export interface SiteDayRow {
	siteId: string;
	townshipId: string;
	/** People sampled (a tube is not a person: both are kept, domain.md). */
	people: number;
	tubes: number;
	boxes: number;
	/** People per tube (10 for 10:1); null without tubes. */
	pooling: number | null;
}

export interface TownshipDayRow {
	townshipId: string;
	registered: number;
	sampled: number;
	coverage: number;
	/** Registered and not sampled at the day's end. */
	gapsLeft: number;
}

export interface LabDayRow {
	labId: string;
	/** Tubes received, tested and found positive within the day; pending at its end. */
	received: number;
	tested: number;
	positives: number;
	pending: number;
	/** Median minutes sampling → result of the results given that day; null with none. */
	medianTurnaroundMinutes: number | null;
}

export interface QuarantineDay {
	/** Active cases by measure at the day's end (people). */
	byMeasure: Record<CaseMeasure, number>;
	new: number;
	released: number;
	/** Cases whose follow-up reported fever or symptoms that day. */
	fevers: number;
}

export interface DailyReport {
	/** YYYY-MM-DD, China time. */
	day: string;
	/** The instants it covers: [from, to), epoch ms. */
	from: number;
	to: number;
	sites: SiteDayRow[];
	townships: TownshipDayRow[];
	labs: LabDayRow[];
	quarantine: QuarantineDay;
	totals: { people: number; tubes: number; boxes: number; received: number; tested: number; positives: number; pending: number };
}

/** When a day's report locks: 24:00 China time, the next day's start. */
export function reportLocksAt(day: string): number {
	return serviceDayStart(nextServiceDay(day));
}

export function isLocked(day: string, now: number): boolean {
	return now >= reportLocksAt(day);
}

/** Whether an instant falls in a China-time day. */
export function inDay(epochMs: number | null, day: string): boolean {
	return epochMs !== null && serviceDay(epochMs) === day;
}

/** People sampled at a site's registration desk that day (sampled_members), counted per site. */
export interface ScannedAtSite {
	siteId: string;
	townshipId: string;
	people: number;
}

/**
 * Per site, in the order sites first appear: tubes and boxes from the boxes sealed that day (China
 * time). People, by the rule the wall's 今日采样 and the coverage follow: once anyone was scanned
 * against the roster that day, the people sampled at each site's desk (a site with people scanned
 * and no box sealed yet has its row, with 0 tubes); in a county that does not scan, the boxes'
 * people. Pooling (people per tube) is always the boxes' own, so people not yet boxed do not skew it.
 */
export function siteRowsFromBoxes(boxes: readonly { siteId: string; townshipId: string; sealedAt: number; tubes: number; people: number }[], day: string, scanned: readonly ScannedAtSite[] = []): SiteDayRow[] {
	const rows = new Map<string, SiteDayRow & { boxedPeople: number }>();
	const rowOf = (siteId: string, townshipId: string) => rows.get(siteId) ?? { siteId, townshipId, people: 0, tubes: 0, boxes: 0, pooling: null, boxedPeople: 0 };
	for (const box of boxes) {
		if (!inDay(box.sealedAt, day)) continue;
		const row = rowOf(box.siteId, box.townshipId);
		row.boxedPeople += box.people;
		row.tubes += box.tubes;
		row.boxes += 1;
		rows.set(box.siteId, row);
	}
	const scanning = scanned.some((site) => site.people > 0);
	for (const site of scanned) if (site.people > 0) rows.set(site.siteId, rowOf(site.siteId, site.townshipId));
	const scannedOf = new Map(scanned.map((site) => [site.siteId, site.people]));
	return [...rows.values()].map(({ boxedPeople, ...row }) => ({
		...row,
		people: scanning ? (scannedOf.get(row.siteId) ?? 0) : boxedPeople,
		pooling: row.tubes > 0 ? Math.round((boxedPeople / row.tubes) * 10) / 10 : null
	}));
}

/**
 * Per lab from its tubes (turnaround items, one per tube): received, tested and positive within
 * the day, pending at its end (received by then, no result by then), median of that day's results.
 */
export function labRowsFromTubes(tubes: readonly (TurnaroundItem & { positive?: boolean })[], day: string, rules: TurnaroundRules = TURNAROUND_RULES): LabDayRow[] {
	const end = reportLocksAt(day);
	const rows = new Map<string, { row: LabDayRow; minutes: number[] }>();
	for (const tube of tubes) {
		if (tube.labId === null) continue;
		const entry = rows.get(tube.labId) ?? { row: { labId: tube.labId, received: 0, tested: 0, positives: 0, pending: 0, medianTurnaroundMinutes: null }, minutes: [] };
		rows.set(tube.labId, entry);
		if (inDay(tube.receivedAt, day)) entry.row.received++;
		if (inDay(tube.testedAt, day)) entry.row.tested++;
		if (inDay(tube.resultAt, day)) {
			if (tube.positive) entry.row.positives++;
			entry.minutes.push(turnaround(tube, end, rules).elapsedMinutes);
		}
		if (tube.receivedAt !== null && tube.receivedAt < end && (tube.resultAt === null || tube.resultAt >= end)) entry.row.pending++;
	}
	return [...rows.values()].filter(({ row, minutes }) => row.received + row.tested + row.pending + minutes.length > 0).map(({ row, minutes }) => ({ ...row, medianTurnaroundMinutes: median(minutes) }));
}

const EMPTY_MEASURES: Record<CaseMeasure, number> = { home_quarantine: 0, home_monitoring: 0, health_monitoring: 0, centralised: 0 };

/** The report from the day's rows: rows sorted by id so two assemblies of the same figures are equal. */
export function assembleDailyReport({ day, sites, townships, labs, quarantine }: { day: string; sites: readonly SiteDayRow[]; townships: readonly TownshipDayRow[]; labs: readonly LabDayRow[]; quarantine?: Partial<QuarantineDay> }): DailyReport {
	const by = <T>(key: (row: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));
	const sum = <T>(rows: readonly T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);
	return {
		day,
		from: serviceDayStart(day),
		to: reportLocksAt(day),
		sites: [...sites].sort(by((row) => row.siteId)),
		townships: [...townships].sort(by((row) => row.townshipId)),
		labs: [...labs].sort(by((row) => row.labId)),
		quarantine: { byMeasure: { ...EMPTY_MEASURES, ...quarantine?.byMeasure }, new: quarantine?.new ?? 0, released: quarantine?.released ?? 0, fevers: quarantine?.fevers ?? 0 },
		totals: {
			people: sum(sites, (row) => row.people), tubes: sum(sites, (row) => row.tubes), boxes: sum(sites, (row) => row.boxes),
			received: sum(labs, (row) => row.received), tested: sum(labs, (row) => row.tested), positives: sum(labs, (row) => row.positives), pending: sum(labs, (row) => row.pending)
		}
	};
}

export interface ReportChange {
	section: 'sites' | 'townships' | 'labs' | 'quarantine';
	/** The row's id; null for the quarantine section. */
	key: string | null;
	/** The field changed; '*' when a whole row was added or removed. */
	field: string;
	from: number | string | null;
	to: number | string | null;
}

export interface Amendment {
	at: number;
	/** The user's id. */
	by: string;
	reason: string;
	changes: ReportChange[];
	/** The report as this amendment makes it. */
	report: DailyReport;
}

export interface LockedReport {
	lockedAt: number;
	/** As locked at 24:00: kept whatever follows. */
	original: DailyReport;
	amendments: Amendment[];
}

type Row = Record<string, unknown>;

function rowChanges(section: ReportChange['section'], before: readonly Row[], after: readonly Row[], keyOf: (row: Row) => string): ReportChange[] {
	const changes: ReportChange[] = [];
	const old = new Map(before.map((row) => [keyOf(row), row]));
	const now = new Map(after.map((row) => [keyOf(row), row]));
	for (const [key, row] of old) {
		const next = now.get(key);
		if (!next) {
			changes.push({ section, key, field: '*', from: 'row', to: null });
			continue;
		}
		for (const field of Object.keys(row)) {
			if (row[field] !== next[field]) changes.push({ section, key, field, from: row[field] as number | string | null, to: (next[field] ?? null) as number | string | null });
		}
	}
	for (const key of now.keys()) if (!old.has(key)) changes.push({ section, key, field: '*', from: null, to: 'row' });
	return changes;
}

/** What differs between two versions of a day's report, field by field (totals follow from the rows). */
export function reportChanges(before: DailyReport, after: DailyReport): ReportChange[] {
	const quarantineFields = (q: QuarantineDay): Row => ({ ...Object.fromEntries(Object.entries(q.byMeasure).map(([measure, count]) => [`byMeasure.${measure}`, count])), new: q.new, released: q.released, fevers: q.fevers });
	return [
		...rowChanges('sites', before.sites as unknown as Row[], after.sites as unknown as Row[], (row) => String(row.siteId)),
		...rowChanges('townships', before.townships as unknown as Row[], after.townships as unknown as Row[], (row) => String(row.townshipId)),
		...rowChanges('labs', before.labs as unknown as Row[], after.labs as unknown as Row[], (row) => String(row.labId)),
		...rowChanges('quarantine', [quarantineFields(before.quarantine)], [quarantineFields(after.quarantine)], () => '').map((change) => ({ ...change, key: null }))
	];
}

/** Locks a day's report as it stands at 24:00. */
export function lockReport(report: DailyReport, now: number): LockedReport | { refusal: 'day_not_over' } {
	if (!isLocked(report.day, now)) return { refusal: 'day_not_over' };
	return { lockedAt: now, original: report, amendments: [] };
}

/** The version in force: the last amendment's, else the original. */
export function currentReport(locked: LockedReport): DailyReport {
	return locked.amendments.at(-1)?.report ?? locked.original;
}

export type AmendRefusal = 'no_reason' | 'no_change' | 'other_day' | 'empty_by';

/**
 * A correction after locking: recorded with who, when, why and what changed, on top of the
 * version in force. A correction that changes nothing, has no reason, or is of another day is refused.
 */
export function amendReport(locked: LockedReport, corrected: DailyReport, { by, at, reason }: { by: string; at: number; reason: string }): { locked: LockedReport; amendment: Amendment } | { refusal: AmendRefusal } {
	if (corrected.day !== locked.original.day) return { refusal: 'other_day' };
	if (by.trim() === '') return { refusal: 'empty_by' };
	if (reason.trim() === '') return { refusal: 'no_reason' };
	const changes = reportChanges(currentReport(locked), corrected);
	if (changes.length === 0) return { refusal: 'no_change' };
	const amendment: Amendment = { at, by, reason: reason.trim(), changes, report: corrected };
	return { locked: { ...locked, amendments: [...locked.amendments, amendment] }, amendment };
}
