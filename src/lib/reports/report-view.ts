/** What GET /api/reports and /api/reports/<day> answer (server/modules/reports/read-reports.ts), for the page and the server alike. */
import type { Amendment, DailyReport } from '../domain/daily-report';

export interface DayReportView {
	day: string;
	/** locked: as locked at 24:00 (with amendments); live: still being counted (today, or a past day not yet locked). */
	state: 'locked' | 'live';
	lockedAt: number | null;
	lockedBy: string | null;
	/** The version in force: the last amendment's, else the original (or the live figures). */
	report: DailyReport;
	original: DailyReport | null;
	amendments: Amendment[];
	/** Names of the ids in the report (sites, townships, labs), for people to read. */
	names: Record<string, string>;
	generatedAt: number;
}

export interface ReportListEntry {
	day: string;
	state: 'locked' | 'live';
	lockedAt: number | null;
	amendments: number;
	people: number;
	tubes: number;
}
