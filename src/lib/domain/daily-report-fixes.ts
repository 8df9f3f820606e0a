/**
 * A commander's correction of a locked daily report, as figures: "site X had 1,240 people, not
 * 1,204". Applied to the report in force, it gives the corrected report that amendReport records;
 * figures that follow from others (a township's coverage and gaps, a site's pooling, the totals)
 * are worked out again, so a correction never leaves the report disagreeing with itself.
 */
import { assembleDailyReport, type DailyReport, type QuarantineDay } from './daily-report';

export interface ReportFix {
	section: 'sites' | 'townships' | 'labs' | 'quarantine';
	/** The row's id (siteId, townshipId, labId); none for quarantine. */
	key?: string | null;
	field: string;
	to: number | null;
}

/** The figures a person may correct, per section (derived ones are recomputed instead). */
export const FIXABLE_FIELDS = {
	sites: ['people', 'tubes', 'boxes'],
	townships: ['registered', 'sampled'],
	labs: ['received', 'tested', 'positives', 'pending', 'medianTurnaroundMinutes'],
	quarantine: ['byMeasure.home_quarantine', 'byMeasure.home_monitoring', 'byMeasure.health_monitoring', 'byMeasure.centralised', 'new', 'released', 'fevers']
} as const;

export type FixRefusal = { refusal: 'bad_field'; field: string } | { refusal: 'no_such_row'; section: string; key: string };

const whole = (value: number | null) => (value === null ? null : Math.round(value));

export function applyReportFixes(report: DailyReport, fixes: readonly ReportFix[]): DailyReport | FixRefusal {
	const sites = report.sites.map((row) => ({ ...row }));
	const townships = report.townships.map((row) => ({ ...row }));
	const labs = report.labs.map((row) => ({ ...row }));
	const quarantine: QuarantineDay = { ...report.quarantine, byMeasure: { ...report.quarantine.byMeasure } };
	for (const fix of fixes) {
		if (!(FIXABLE_FIELDS[fix.section] as readonly string[]).includes(fix.field)) return { refusal: 'bad_field', field: fix.field };
		// Only the median may be "none"; every other figure is a count.
		const value = fix.field === 'medianTurnaroundMinutes' ? whole(fix.to) : whole(fix.to ?? 0)!;
		if (fix.section === 'quarantine') {
			if (fix.field.startsWith('byMeasure.')) quarantine.byMeasure[fix.field.slice(10) as keyof QuarantineDay['byMeasure']] = value ?? 0;
			else (quarantine as unknown as Record<string, number>)[fix.field] = value ?? 0;
			continue;
		}
		const rows: Record<string, unknown>[] = fix.section === 'sites' ? sites : fix.section === 'townships' ? townships : labs;
		const idField = fix.section === 'sites' ? 'siteId' : fix.section === 'townships' ? 'townshipId' : 'labId';
		const row = rows.find((each) => each[idField] === fix.key);
		if (!row) return { refusal: 'no_such_row', section: fix.section, key: fix.key ?? '' };
		row[fix.field] = value;
	}
	for (const site of sites) site.pooling = site.tubes > 0 ? Math.round((site.people / site.tubes) * 10) / 10 : null;
	for (const township of townships) {
		township.sampled = Math.min(township.sampled, township.registered);
		township.gapsLeft = township.registered - township.sampled;
		township.coverage = township.registered === 0 ? 0 : Math.round((township.sampled / township.registered) * 1000) / 1000;
	}
	return assembleDailyReport({ day: report.day, sites, townships, labs, quarantine });
}
