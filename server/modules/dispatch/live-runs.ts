/**
 * The open runs as the projector takes them in at start (server/pipeline/dispatch-live.ts), each
 * with the boxes its courier picked up on it that no lab has received yet; from then on the runs'
 * events and the boxes' custody keep the live layer current.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { boxHandovers, sampleBoxes } from '../../db/schema/index';
import type { RestoredRun } from '../../pipeline/dispatch-live';
import { openRuns } from './pickup-runs';

export async function loadLiveRuns(db: Db): Promise<RestoredRun[]> {
	const runs = await openRuns(db);
	if (runs.length === 0) return [];
	const out = await db
		.select({ boxId: sampleBoxes.id, courierId: sampleBoxes.courierVehicleId, pickedAt: boxHandovers.at })
		.from(sampleBoxes)
		.innerJoin(boxHandovers, and(eq(boxHandovers.boxId, sampleBoxes.id), eq(boxHandovers.kind, 'pickup')))
		.where(and(inArray(sampleBoxes.courierVehicleId, runs.map((run) => run.courierId)), isNull(sampleBoxes.receivedAt)));
	return runs.map((run) => ({
		runId: run.id, courierId: run.courierId, siteIds: run.siteIds, labId: run.labId, acceptedBy: run.acceptedBy, acceptedAt: run.acceptedAt.toISOString(),
		boxesOut: out.filter((box) => box.courierId === run.courierId && box.pickedAt > run.acceptedAt).map((box) => box.boxId)
	}));
}
