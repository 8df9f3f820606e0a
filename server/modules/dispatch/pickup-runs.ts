/** Accepting a pickup run (a suggestion, or edited), cancelling it, and what a courier's page shows of it. */
import { and, eq, gte, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { boxHandovers, labs, pickupRuns, sampleBoxes, sites, vehicles } from '../../db/schema/index';
import { serviceErrors } from '../service-error';
import { recordAudit } from '../identity/record-audit';
import { sampleDeadline } from '../../../src/lib/domain/sample-deadline';

export const runRequest = z.strictObject({
	courierId: z.string({ error: 'courierId is required' }).min(1).max(64),
	siteIds: z.array(z.string().min(1).max(64), { error: 'siteIds must be a list of site codes' }).min(1, 'siteIds must name at least one site').max(20),
	labId: z.string({ error: 'labId is required' }).min(1).max(64)
});

/** How accepting or cancelling a run says no. */
export const refuseRun = serviceErrors({
	no_such_courier: { kind: 'not_found', text: ({ id }: { id: string }) => ({ zh: `没有编号为“${id}”的送样车`, en: `courierId: no courier vehicle "${id}"` }) },
	no_such_site: { kind: 'not_found', text: ({ ids }: { ids: string[] }) => ({ zh: `没有这些采样点：${ids.join('、')}`, en: `siteIds: no site ${ids.map((id) => `"${id}"`).join(', ')}` }) },
	no_such_lab: { kind: 'not_found', text: ({ id }: { id: string }) => ({ zh: `没有编号为“${id}”的实验室`, en: `labId: no lab "${id}"` }) },
	courier_busy: { kind: 'conflict', text: ({ courier, runId }: { courier: string; runId: number }) => ({ zh: `${courier} 已有进行中的派单 #${runId}，请先取消该派单，未作任何更改`, en: `${courier} already has run ${runId} open; cancel it first` }) },
	no_open_run: { kind: 'not_found', text: ({ runId }: { runId: number }) => ({ zh: `派单 #${runId} 不存在或已结束，未作任何更改`, en: `no open run ${runId}` }) },
	bad_run_id: { kind: 'invalid', text: () => ({ zh: '派单编号须为正整数', en: 'the run id must be a positive whole number' }) }
});

export async function acceptRun(db: Db, request: z.infer<typeof runRequest>, actor: string): Promise<{ runId: number }> {
	const [courier] = await db.select().from(vehicles).where(eq(vehicles.id, request.courierId));
	if (!courier || courier.kind !== 'courier') throw refuseRun('no_such_courier', { id: request.courierId });
	const known = await db.select({ id: sites.id }).from(sites).where(inArray(sites.id, request.siteIds));
	const unknown = request.siteIds.filter((id) => !known.some((site) => site.id === id));
	if (unknown.length > 0) throw refuseRun('no_such_site', { ids: unknown });
	const [lab] = await db.select().from(labs).where(eq(labs.id, request.labId));
	if (!lab) throw refuseRun('no_such_lab', { id: request.labId });
	return db.transaction(async (tx) => {
		const [open] = await tx.select({ id: pickupRuns.id }).from(pickupRuns).where(and(eq(pickupRuns.courierId, courier.id), eq(pickupRuns.status, 'open'))).for('update');
		if (open) throw refuseRun('courier_busy', { courier: courier.name, runId: open.id });
		const [run] = await tx.insert(pickupRuns).values({ courierId: courier.id, siteIds: request.siteIds, labId: lab.id, acceptedBy: actor, acceptedAt: new Date() }).returning({ id: pickupRuns.id });
		await recordAudit({ db: tx as unknown as Db, entry: { actor, action: 'pickup.accept', subject: `run:${run.id}`, details: request } });
		return { runId: run.id };
	});
}

export async function cancelRun(db: Db, runId: number, actor: string): Promise<void> {
	const cancelled = await db.update(pickupRuns).set({ status: 'cancelled', closedAt: new Date() }).where(and(eq(pickupRuns.id, runId), eq(pickupRuns.status, 'open'))).returning({ id: pickupRuns.id });
	if (cancelled.length === 0) throw refuseRun('no_open_run', { runId });
	await recordAudit({ db, entry: { actor, action: 'pickup.cancel', subject: `run:${runId}` } });
}

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
