/**
 * Reading daily reports: a locked day as locked with its amendments (and the version in force),
 * today's (or a past unlocked day's) live, and the list of days for /reports.
 */
import { asc, desc } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { dailyReports, labs, regions, reportAmendments, sites } from '../../db/schema/index';
import { currentReport, isLocked, type DailyReport } from '../../../src/lib/domain/daily-report';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { assembleDayReport, dayHasActivity } from './assemble-day-report';
import { loadLockedReport } from './amend-day-report';
import { DAY, refuseReport } from './report-refusals';
import type { DayReportView, ReportListEntry } from '../../../src/lib/reports/report-view';

export type { DayReportView, ReportListEntry };


/** Ids → names for the rows a report shows (no person ever: places and labs). */
export async function reportNames(db: Db): Promise<Record<string, string>> {
	const [siteRows, regionRows, labRows] = await Promise.all([db.select({ id: sites.id, name: sites.name }).from(sites), db.select({ id: regions.id, name: regions.name }).from(regions), db.select({ id: labs.id, name: labs.name }).from(labs)]);
	return Object.fromEntries([...regionRows, ...siteRows, ...labRows].map((row) => [row.id, row.name]));
}

/** A day's report: locked if locked; else live (refused for a past day with no data at all). */
export async function readDayReport(db: Db, day: string, now = Date.now()): Promise<DayReportView> {
	if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw refuseReport('bad_day', { day });
	const names = await reportNames(db);
	const locked = await loadLockedReport(db, day);
	if (locked) return { day, state: 'locked', lockedAt: locked.lockedAt, lockedBy: locked.lockedBy, report: currentReport(locked), original: locked.original, amendments: locked.amendments, names, generatedAt: now };
	if (day > serviceDay(now)) throw refuseReport('no_report', { day });
	if (isLocked(day, now) && !(await dayHasActivity(db, day))) throw refuseReport('no_report', { day });
	return { day, state: 'live', lockedAt: null, lockedBy: null, report: await assembleDayReport(db, day), original: null, amendments: [], names, generatedAt: now };
}


/** Today (live) first, then the locked days, newest first. */
export async function listReports(db: Db, now = Date.now()): Promise<ReportListEntry[]> {
	const today = serviceDay(now);
	const [locked, amendments, live] = await Promise.all([
		db.select().from(dailyReports).orderBy(desc(dailyReports.day)).limit(400),
		db.select({ day: reportAmendments.day, report: reportAmendments.report }).from(reportAmendments).orderBy(asc(reportAmendments.id)),
		assembleDayReport(db, today)
	]);
	const amended = new Map<string, { count: number; report: DailyReport }>();
	for (const row of amendments) amended.set(row.day, { count: (amended.get(row.day)?.count ?? 0) + 1, report: row.report });
	const entries: ReportListEntry[] = locked.map((row) => {
		const inForce = amended.get(row.day)?.report ?? row.report;
		return { day: row.day, state: 'locked', lockedAt: row.lockedAt.getTime(), amendments: amended.get(row.day)?.count ?? 0, people: inForce.totals.people, tubes: inForce.totals.tubes };
	});
	if (!locked.some((row) => row.day === today)) entries.unshift({ day: today, state: 'live', lockedAt: null, amendments: 0, people: live.totals.people, tubes: live.totals.tubes });
	return entries;
}
