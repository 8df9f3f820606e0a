/**
 * The daily report's lab lines (日报: per lab received, tested, positives, pending, median
 * turnaround) for one service day, as things stood at the day's end (or now, for today).
 */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { labCounters, poolResults } from '../../db/schema/index';
import type { LabDayTurnaround } from '../../../src/lib/protocol/results';
import { nextServiceDay, serviceDay, serviceDayStart } from '../../../src/lib/domain/service-day';
import { loadBoxTurnarounds, testingLabs } from './box-turnarounds';
import { roundedMedian } from './results-on-time';

/**
 * Received and tested are the lab's own report for the day (lab_counters, what 001 asks each lab
 * to report by 24:00); positives are tubes with a positive pool result on the day; pending are the
 * tubes of boxes received by the day's end with no result then (a box received the day before and
 * still pending counts too); the median is per tube, sealing → result, of the boxes resulted on the day.
 */
export async function labTurnaroundForDay(db: Db, day: string, now = Date.now()): Promise<LabDayTurnaround[]> {
	const start = serviceDayStart(day);
	const end = Math.min(serviceDayStart(nextServiceDay(day)) - 1, now);
	// Boxes from the day before too: those still in a lab's queue at midnight are the day's work.
	const since = serviceDayStart(serviceDay(start - 1));
	const [boxes, labs, counters, positives] = await Promise.all([
		loadBoxTurnarounds(db, { since, now: end }),
		testingLabs(db),
		db.select().from(labCounters).where(eq(labCounters.day, day)),
		db
			.select({ labId: poolResults.labId, tubes: sql<number>`count(*)::int` })
			.from(poolResults)
			.where(and(eq(poolResults.result, 'positive'), gte(poolResults.at, new Date(start)), lt(poolResults.at, new Date(end + 1))))
			.groupBy(poolResults.labId)
	]);
	const counted = new Map(counters.map((row) => [row.labId, row]));
	return [...labs.values()].map((lab) => {
		const own = boxes.filter((box) => box.labId === lab.id);
		const resulted = own.filter((box) => box.resultAt !== null && box.resultAt >= start);
		return {
			labId: lab.id, lab: lab.name,
			receivedTubes: counted.get(lab.id)?.receivedTubes ?? 0,
			testedTubes: counted.get(lab.id)?.testedTubes ?? 0,
			positiveTubes: Number(positives.find((row) => row.labId === lab.id)?.tubes ?? 0),
			pendingTubes: own.filter((box) => box.resultAt === null).reduce((sum, box) => sum + box.tubes, 0),
			medianTurnaroundMinutes: roundedMedian(resulted),
			lateTubes: resulted.filter((box) => box.turnaround.state === 'late').reduce((sum, box) => sum + box.tubes, 0)
		};
	});
}
