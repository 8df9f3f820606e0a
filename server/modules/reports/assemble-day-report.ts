/**
 * A day's report (日报) as the database stands: per site the people its desk sampled that day and
 * the tubes and boxes it sealed, per township the roster against who was sampled that day, per lab
 * its own counters and results, and the quarantine cases. Pure assembly is src/lib/domain/daily-report.ts; this file only reads.
 */
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { labCounters, quarantineCaseEvents, quarantineCases, rosterMembers, sampleBoxes, sampledMembers, sites } from '../../db/schema/index';
import { assembleDailyReport, siteRowsFromBoxes, type DailyReport, type LabDayRow, type QuarantineDay, type TownshipDayRow } from '../../../src/lib/domain/daily-report';
import { CASE_MEASURES } from '../../db/schema/quarantine-cases';
import { nextServiceDay, serviceDayStart } from '../../../src/lib/domain/service-day';
import { labTurnaroundForDay } from '../results/lab-day-turnaround';

const bounds = (day: string) => ({ from: new Date(serviceDayStart(day)), to: new Date(serviceDayStart(nextServiceDay(day))) });

async function siteRows(db: Db, day: string) {
	const { from, to } = bounds(day);
	const boxes = await db
		.select({ siteId: sampleBoxes.siteId, townshipId: sites.townshipId, sealedAt: sampleBoxes.sealedAt, tubes: sampleBoxes.tubes, people: sampleBoxes.people })
		.from(sampleBoxes)
		.innerJoin(sites, eq(sites.id, sampleBoxes.siteId))
		.where(and(gte(sampleBoxes.sealedAt, from), lt(sampleBoxes.sealedAt, to)));
	// People sampled at each site's desk that day (the registration desk's scans, each member once).
	const scanned = await db
		.select({ siteId: sampledMembers.siteId, townshipId: sites.townshipId, people: sql<number>`count(*)::int` })
		.from(sampledMembers)
		.innerJoin(sites, eq(sites.id, sampledMembers.siteId))
		.where(eq(sampledMembers.day, day))
		.groupBy(sampledMembers.siteId, sites.townshipId);
	return siteRowsFromBoxes(
		boxes.map((box) => ({ ...box, sealedAt: box.sealedAt.getTime() })),
		day,
		scanned.map((row) => ({ siteId: row.siteId!, townshipId: row.townshipId, people: Number(row.people) }))
	);
}

async function townshipRows(db: Db, day: string): Promise<TownshipDayRow[]> {
	const registered = await db.select({ townshipId: rosterMembers.townshipId, count: sql<number>`count(*)::int` }).from(rosterMembers).groupBy(rosterMembers.townshipId);
	const sampled = await db
		.select({ townshipId: rosterMembers.townshipId, count: sql<number>`count(*)::int` })
		.from(sampledMembers)
		.innerJoin(rosterMembers, eq(rosterMembers.code, sampledMembers.memberCode))
		.where(eq(sampledMembers.day, day))
		.groupBy(rosterMembers.townshipId);
	const sampledOf = new Map(sampled.map((row) => [row.townshipId, Number(row.count)]));
	return registered.map(({ townshipId, count }) => {
		const done = Math.min(sampledOf.get(townshipId) ?? 0, Number(count));
		return { townshipId, registered: Number(count), sampled: done, coverage: coverageOf(done, Number(count)), gapsLeft: Number(count) - done };
	});
}

/** Coverage as a share 0–1, rounded to 0.1 %. */
function coverageOf(sampled: number, registered: number): number {
	if (registered === 0) return 0;
	return Math.round((sampled / registered) * 1000) / 1000;
}

/**
 * Per lab: received, tested, positives and the median sealing → result are the figures /results
 * shows (server/modules/results/lab-day-turnaround.ts), so the two never disagree. Pending is what
 * the lab itself reported received and not yet tested by the day's end (its counters of every day
 * so far): the figure 001 asks each lab to report, whether or not its boxes were scanned in.
 */
async function labRows(db: Db, day: string): Promise<LabDayRow[]> {
	const [labs, backlog] = await Promise.all([
		labTurnaroundForDay(db, day),
		db
			.select({ labId: labCounters.labId, received: sql<number>`sum(${labCounters.receivedTubes})::int`, tested: sql<number>`sum(${labCounters.testedTubes})::int` })
			.from(labCounters)
			.where(sql`${labCounters.day} <= ${day}`)
			.groupBy(labCounters.labId)
	]);
	const pendingOf = new Map(backlog.map((row) => [row.labId, Math.max(0, Number(row.received) - Number(row.tested))]));
	return labs.map((lab) => ({
		labId: lab.labId, received: lab.receivedTubes, tested: lab.testedTubes, positives: lab.positiveTubes, pending: pendingOf.get(lab.labId) ?? 0, medianTurnaroundMinutes: lab.medianTurnaroundMinutes
	}));
}

/** Cases by measure at the day's end, opened and released that day, and those with a fever or symptom reported that day. */
async function quarantineDay(db: Db, day: string): Promise<QuarantineDay> {
	const { from, to } = bounds(day);
	const cases = await db
		.select({ measure: quarantineCases.measure, status: quarantineCases.status, createdAt: quarantineCases.createdAt, releasedAt: quarantineCases.releasedAt, updatedAt: quarantineCases.updatedAt })
		.from(quarantineCases)
		.where(and(lt(quarantineCases.createdAt, to), inArray(quarantineCases.status, ['awaiting_transfer', 'active', 'released', 'transferred'])));
	const byMeasure = Object.fromEntries(CASE_MEASURES.map((measure) => [measure, 0])) as QuarantineDay['byMeasure'];
	let opened = 0;
	let released = 0;
	for (const one of cases) {
		// A case ended (released, or transferred to a fever clinic) is counted until the instant it ended.
		const endedAt = one.status === 'released' ? one.releasedAt : one.status === 'transferred' ? (one.releasedAt ?? one.updatedAt) : null;
		if (endedAt === null || endedAt >= to) byMeasure[one.measure]++;
		if (one.createdAt >= from) opened++;
		if (one.status === 'released' && one.releasedAt && one.releasedAt >= from && one.releasedAt < to) released++;
	}
	const [fevers] = await db
		.select({ count: sql<number>`count(distinct ${quarantineCaseEvents.caseId})::int` })
		.from(quarantineCaseEvents)
		.where(and(eq(quarantineCaseEvents.kind, 'follow_up'), gte(quarantineCaseEvents.at, from), lt(quarantineCaseEvents.at, to), sql`(${quarantineCaseEvents.details}->>'critical' = 'true' or ${quarantineCaseEvents.details}->>'fever' = 'true')`));
	return { byMeasure, new: opened, released, fevers: Number(fevers?.count ?? 0) };
}

/** The day's report from the database as it stands now. */
export async function assembleDayReport(db: Db, day: string): Promise<DailyReport> {
	const [siteList, townships, labs, quarantine] = await Promise.all([siteRows(db, day), townshipRows(db, day), labRows(db, day), quarantineDay(db, day)]);
	return assembleDailyReport({ day, sites: siteList, townships, labs, quarantine });
}

/** Whether anything happened that day (a box sealed, a member sampled, a lab counter, a case opened): a day without is not reported. */
export async function dayHasActivity(db: Db, day: string): Promise<boolean> {
	return reportHasActivity(await assembleDayReport(db, day));
}

/** The same test on a report already assembled. */
export function reportHasActivity(report: DailyReport): boolean {
	return report.sites.length > 0 || report.labs.some((lab) => lab.received + lab.tested + lab.positives > 0) || report.townships.some((row) => row.sampled > 0) || report.quarantine.new > 0 || report.quarantine.released > 0;
}
