/**
 * The cases' latest transfer proposals and whether each still stands (src/lib/domain/standing-concern.ts):
 * read once here for the dispatcher's list (transfer-proposals.ts), the dispatcher's confirmation
 * (transfers/case-transfer.ts), a new proposal (propose-fever-transfer.ts) and the officer's rounds,
 * so they never disagree. Any day: a proposal does not lapse at midnight, it is handled.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineCaseEvents, quarantineCases, transferTasks } from '../../db/schema/index';
import { proposalStands } from '../../../src/lib/domain/standing-concern';

/** History kinds that end a fever or a proposal: a handover, or an officer's dismissal with a reason. */
export const CONCERN_ENDS = ['transferred', 'concern_dismissed'] as const;

export interface LatestProposal {
	caseId: string;
	at: Date;
	reason: string | null;
	details: Record<string, unknown>;
	stands: boolean;
	/** A transfer of the case still open (the person is being collected), if any. */
	openTaskId: number | null;
}

/** The latest proposal of each case given (cases never proposed are left out). */
export async function latestProposals(db: Db, caseIds: readonly string[]): Promise<Map<string, LatestProposal>> {
	if (caseIds.length === 0) return new Map();
	const ids = [...new Set(caseIds)];
	const [rows, cases, tasks] = await Promise.all([
		db
			.select({ caseId: quarantineCaseEvents.caseId, kind: quarantineCaseEvents.kind, at: quarantineCaseEvents.at, reason: quarantineCaseEvents.reason, details: quarantineCaseEvents.details })
			.from(quarantineCaseEvents)
			.where(and(inArray(quarantineCaseEvents.caseId, ids), inArray(quarantineCaseEvents.kind, ['transfer_proposed', ...CONCERN_ENDS]))),
		db.select({ id: quarantineCases.id, status: quarantineCases.status }).from(quarantineCases).where(inArray(quarantineCases.id, ids)),
		db.select({ id: transferTasks.id, caseId: transferTasks.caseId, createdAt: transferTasks.createdAt, status: transferTasks.status }).from(transferTasks).where(inArray(transferTasks.caseId, ids))
	]);
	const active = new Set(cases.filter((found) => found.status === 'active').map((found) => found.id));
	const latest = new Map<string, LatestProposal>();
	for (const row of rows) {
		if (row.kind !== 'transfer_proposed') continue;
		const known = latest.get(row.caseId);
		if (known && known.at >= row.at) continue;
		latest.set(row.caseId, { caseId: row.caseId, at: row.at, reason: row.reason, details: row.details, stands: false, openTaskId: null });
	}
	for (const proposal of latest.values()) {
		const own = tasks.filter((task) => task.caseId === proposal.caseId);
		proposal.openTaskId = own.find((task) => task.status === 'open')?.id ?? null;
		proposal.stands = proposalStands({
			proposedAt: proposal.at.getTime(),
			caseActive: active.has(proposal.caseId),
			tasks: own.map((task) => ({ createdAt: task.createdAt.getTime(), status: task.status })),
			ends: rows.filter((row) => row.caseId === proposal.caseId && row.kind !== 'transfer_proposed').map((row) => ({ at: row.at.getTime() }))
		});
	}
	return latest;
}

/** The open transfer task of a case, if any (one person, one vehicle). */
export async function openTaskOfCase(db: Db, caseId: string): Promise<typeof transferTasks.$inferSelect | undefined> {
	const [task] = await db.select().from(transferTasks).where(and(eq(transferTasks.caseId, caseId), eq(transferTasks.status, 'open'))).limit(1);
	return task;
}
