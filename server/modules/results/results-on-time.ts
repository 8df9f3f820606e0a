/**
 * Results overdue by lab (the wall's alert and a lab's list) and the lab page's board. Boxes sealed
 * in the last RESULTS_WATCH_MS are watched; one still without a result after that is the daily
 * report's pending, no longer a live alert (the wall is for what someone can still act on).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { labCounters } from '../../db/schema/index';
import type { LabResultsOverdue, ResultsBoard, ResultsBox } from '../../../src/lib/protocol/results';
import { TURNAROUND_RULES } from '../../../src/lib/domain/turnaround';
import { weightedMedian } from '../../../src/lib/domain/lab-fifo';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { loadBoxTurnarounds, overdueByLab, testingLabs, type BoxTurnaround } from './box-turnarounds';

export const RESULTS_WATCH_MS = 24 * 3_600_000;

/** Overdue results change by the minute: every wall (the county and each township) within the overview's own TTL shares one reading. */
const OVERDUE_TTL_MS = 10_000;
const overdueCache = new WeakMap<Db, { at: number; value: Promise<LabResultsOverdue[]> }>();

/** Each lab with results overdue now, the most tubes first: what the wall's results_overdue alert is made of. */
export function labResultsOverdue(db: Db, now: number): Promise<LabResultsOverdue[]> {
	const cached = overdueCache.get(db);
	if (cached && now >= cached.at && now - cached.at < OVERDUE_TTL_MS) return cached.value;
	const value = computeLabResultsOverdue(db, now);
	overdueCache.set(db, { at: now, value });
	value.catch(() => overdueCache.delete(db));
	return value;
}

async function computeLabResultsOverdue(db: Db, now: number): Promise<LabResultsOverdue[]> {
	const [watched, labs] = await Promise.all([loadBoxTurnarounds(db, { since: now - RESULTS_WATCH_MS, now }), testingLabs(db)]);
	return [...overdueByLab(watched)]
		.flatMap(([labId, entry]) => {
			const lab = labs.get(labId);
			return lab ? [{ labId, lab: lab.name, lat: lab.lat, lon: lab.lon, boxes: entry.boxes.length, tubes: entry.tubes, oldestDueAt: new Date(entry.oldestDueAt).toISOString() }] : [];
		})
		.sort((a, b) => b.tubes - a.tubes || a.labId.localeCompare(b.labId));
}

const MINUTE = 60_000;

function boxLine(box: BoxTurnaround, now: number): ResultsBox {
	const { dueAt, state } = box.turnaround;
	return {
		boxId: box.id, site: box.siteName, tubes: box.tubes, sealedAt: new Date(box.sealedAt).toISOString(), receivedAt: box.receivedAt === null ? null : new Date(box.receivedAt).toISOString(), dueAt: new Date(dueAt).toISOString(),
		state: state as ResultsBox['state'], minutesLate: state === 'overdue' ? Math.floor((now - dueAt) / MINUTE) : 0, minutesLeft: state === 'overdue' ? 0 : Math.max(0, Math.ceil((dueAt - now) / MINUTE))
	};
}

/**
 * GET /api/results: per lab (optionally one), today's tubes received and tested as the lab reported
 * them (lab_counters: the same figures as the wall's lab panel and the 日报, so the three agree in
 * the same minute), the pending boxes with overdue first (most late first), then the soonest due,
 * and the median turnaround of the boxes resulted today.
 */
export async function loadResultsBoard(db: Db, now: number, onlyLab: string | null = null): Promise<ResultsBoard> {
	const today = serviceDay(now);
	const [boxes, labs, counterRows] = await Promise.all([
		loadBoxTurnarounds(db, { since: now - RESULTS_WATCH_MS, now }),
		testingLabs(db),
		db.select({ labId: labCounters.labId, receivedTubes: labCounters.receivedTubes, testedTubes: labCounters.testedTubes }).from(labCounters).where(eq(labCounters.day, today))
	]);
	const counters = new Map(counterRows.map((row) => [row.labId, row]));
	const rows = [...labs.values()]
		.filter((lab) => onlyLab === null || lab.id === onlyLab)
		.map((lab) => {
			const own = boxes.filter((box) => box.labId === lab.id);
			const pending = own.filter((box) => box.turnaround.stage !== 'resulted');
			const resultedToday = own.filter((box) => box.resultAt !== null && serviceDay(box.resultAt) === today);
			return {
				labId: lab.id, lab: lab.name,
				receivedTubes: counters.get(lab.id)?.receivedTubes ?? 0,
				testedTubes: counters.get(lab.id)?.testedTubes ?? 0,
				pendingTubes: pending.reduce((sum, box) => sum + box.tubes, 0),
				overdueTubes: pending.filter((box) => box.turnaround.state === 'overdue').reduce((sum, box) => sum + box.tubes, 0),
				medianMinutes: roundedMedian(resultedToday),
				boxes: pending.map((box) => boxLine(box, now)).sort((a, b) => b.minutesLate - a.minutesLate || a.minutesLeft - b.minutesLeft || a.boxId.localeCompare(b.boxId))
			};
		});
	return { generatedAt: new Date(now).toISOString(), dueHours: TURNAROUND_RULES.resultsDueHours, labs: rows, notReceivedOverdue: boxes.filter((box) => box.labId === null && box.turnaround.state === 'overdue').length };
}

/** Median minutes sealed → result, per tube (a box's minutes once per tube), whole minutes. */
export function roundedMedian(boxes: readonly BoxTurnaround[]): number | null {
	const median = weightedMedian(boxes.filter((box) => box.resultAt !== null).map((box) => ({ value: box.turnaround.elapsedMinutes, weight: box.tubes })));
	return median === null ? null : Math.round(median);
}
