/** What a courier's page shows of its run, and which runs are still open. Commands on runs: accept-run.ts, edit-run.ts, cancel-run.ts. */
import { and, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { boxHandovers, labs, pickupRuns, sampleBoxes, sites, vehicles } from '../../db/schema/index';
import { sampleDeadline } from '../../../src/lib/domain/sample-deadline';

export { refuseRun, runRequest, runEditRequest } from './run-refusals';

/**
 * The open runs, after closing those that are finished: the courier picked boxes up after
 * accepting the run, a lab has received them all, and it carries nothing more. Its courier is
 * then free for the next suggestion.
 */
export async function openRuns(db: Db) {
	const open = await db.select().from(pickupRuns).where(eq(pickupRuns.status, 'open'));
	if (open.length === 0) return open;
	const carried = await db
		.select({ courierId: sampleBoxes.courierVehicleId, receivedAt: sampleBoxes.receivedAt, pickedAt: boxHandovers.at })
		.from(sampleBoxes)
		.innerJoin(boxHandovers, and(eq(boxHandovers.boxId, sampleBoxes.id), eq(boxHandovers.kind, 'pickup')))
		.where(inArray(sampleBoxes.courierVehicleId, open.map((run) => run.courierId)));
	const finished = open.flatMap((run) => {
		const onThisRun = carried.filter((box) => box.courierId === run.courierId && box.pickedAt > run.acceptedAt);
		const stillCarried = carried.some((box) => box.courierId === run.courierId && box.receivedAt === null);
		if (onThisRun.length === 0 || stillCarried || onThisRun.some((box) => box.receivedAt === null)) return [];
		return [{ id: run.id, closedAt: new Date(Math.max(...onThisRun.map((box) => box.receivedAt!.getTime()))) }];
	});
	for (const run of finished) await db.update(pickupRuns).set({ status: 'done', closedAt: run.closedAt }).where(and(eq(pickupRuns.id, run.id), eq(pickupRuns.status, 'open')));
	return open.filter((run) => !finished.some((each) => each.id === run.id));
}

/** What a courier's phone shows: its open run with the boxes waiting at each site, and the boxes it carries. */
export async function courierView(db: Db, vehicleId: string, now = Date.now()) {
	const [vehicle] = await db.select({ id: vehicles.id, name: vehicles.name }).from(vehicles).where(eq(vehicles.id, vehicleId));
	const run = (await openRuns(db)).find((each) => each.courierId === vehicleId);
	const since = new Date(now - 8 * 3_600_000);
	const boxFields = { id: sampleBoxes.id, siteId: sampleBoxes.siteId, sealedAt: sampleBoxes.sealedAt, tubes: sampleBoxes.tubes };
	const [waiting, carried, siteRows, labRows] = await Promise.all([
		run ? db.select(boxFields).from(sampleBoxes).where(and(inArray(sampleBoxes.siteId, run.siteIds), isNull(sampleBoxes.courierVehicleId), isNull(sampleBoxes.receivedAt), gte(sampleBoxes.sealedAt, since))) : Promise.resolve([]),
		db.select(boxFields).from(sampleBoxes).where(and(eq(sampleBoxes.courierVehicleId, vehicleId), isNull(sampleBoxes.receivedAt))),
		db.select({ id: sites.id, name: sites.name }).from(sites),
		db.select({ id: labs.id, name: labs.name, kind: labs.kind }).from(labs)
	]);
	const siteName = new Map(siteRows.map((site) => [site.id, site.name]));
	const box = (row: (typeof waiting)[number]) => ({ id: row.id, siteId: row.siteId, tubes: row.tubes, minutesLeft: Math.round((sampleDeadline(row.sealedAt.getTime()) - now) / 60_000) });
	return {
		vehicle,
		run: run ? { id: run.id, stops: run.siteIds.map((id) => ({ siteId: id, name: siteName.get(id) ?? id, boxes: waiting.filter((row) => row.siteId === id).map(box) })), lab: { id: run.labId, name: labRows.find((lab) => lab.id === run.labId)?.name ?? run.labId } } : null,
		carried: carried.map(box),
		/** Where the courier may hand boxes over: the run's lab first, then every lab and station. */
		labs: [...labRows].sort((a, b) => Number(b.id === run?.labId) - Number(a.id === run?.labId))
	};
}
