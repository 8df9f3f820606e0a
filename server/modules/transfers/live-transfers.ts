/**
 * The transfer tasks the projector takes in at start (server/pipeline/dispatch-live.ts): open ones,
 * and those closed in the last day (the transfer board's span). Codes and counts only, never the
 * pickup point; the tasks' events keep the live layer current from then on.
 */
import { eq, gte, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { transferTasks } from '../../db/schema/index';
import type { TransferEntity } from '../../../src/lib/protocol/index';

export async function loadLiveTransfers(db: Db, now = Date.now()): Promise<TransferEntity[]> {
	const rows = await db
		.select({ id: transferTasks.id, status: transferTasks.status, vehicleId: transferTasks.vehicleId, quarantineSiteId: transferTasks.quarantineSiteId, destinationSiteId: transferTasks.destinationSiteId, caseId: transferTasks.caseId, householdId: transferTasks.householdId, returneeId: transferTasks.returneeId, passengers: transferTasks.passengers, createdAt: transferTasks.createdAt, closedAt: transferTasks.closedAt })
		.from(transferTasks)
		.where(or(eq(transferTasks.status, 'open'), gte(transferTasks.closedAt, new Date(now - 24 * 3_600_000))));
	return rows.map(({ id, closedAt, createdAt, ...task }) => ({ ...task, id: String(id), taskId: id, createdAt: createdAt.toISOString(), updatedAt: (closedAt ?? createdAt).toISOString() }));
}
