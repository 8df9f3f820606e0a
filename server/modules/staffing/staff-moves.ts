/**
 * What the staffing operations share (move-staff.ts, undo-move.ts, confirm-arrival.ts): their
 * context, and the samplers present at one site now, read and locked in the operation's
 * transaction (a move checks the two sites it touches, never the whole county's board).
 */
import { and, eq, gte, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sites, staff, staffAssignments, staffMoves } from '../../db/schema/index';
import type { SamplerOnShift } from '../../../src/lib/domain/staffing';
import { serviceDay, serviceDayStart } from '../../../src/lib/domain/service-day';
import type { CommandContext } from '../command-events';
import { hoursOnShift } from '../../../src/lib/domain/shift-start';
import { firstSamplesOn } from './first-sample';

export interface StaffCommandContext extends CommandContext {
	/** A shift leader's township; null for a commander or admin, who may act across townships. */
	townshipId: string | null;
	/** A site tablet's own site: it confirms only the staff coming to it. */
	siteId?: string;
}

export type SiteRow = typeof sites.$inferSelect;

/**
 * The samplers at a site at `now` (arrived, not on the way), with the hours they have worked this
 * shift, their assignment rows locked until the transaction ends: two moves out of one site
 * queue here, so the second sees what the first left.
 */
export async function samplersPresent(tx: Db, site: SiteRow, now: number): Promise<(SamplerOnShift & { assignmentId: number })[]> {
	const at = new Date(now);
	const rows = await tx
		.select({ assignmentId: staffAssignments.id, staffId: staffAssignments.staffId, startsAt: staffAssignments.startsAt, ppeLimitHours: staff.ppeLimitHours })
		.from(staffAssignments)
		.innerJoin(staff, eq(staff.id, staffAssignments.staffId))
		.where(and(eq(staffAssignments.siteId, site.id), isNull(staffAssignments.endsAt), lte(staffAssignments.startsAt, at), eq(staff.role, 'sampler'), eq(staff.active, true)))
		.for('update', { of: staffAssignments });
	const day = serviceDay(now);
	const opensAt = serviceDayStart(day) + (Number(site.opensAt.slice(0, 2)) * 60 + Number(site.opensAt.slice(3, 5))) * 60_000;
	const moves = await tx.select().from(staffMoves).where(and(gte(staffMoves.at, new Date(serviceDayStart(day))), isNull(staffMoves.undoneAt)));
	const firstSampleAt = (await firstSamplesOn(tx, day, [site.id])).get(site.id) ?? null;
	return rows.map((row) => {
		const lastMove = moves.filter((move) => move.staffIds.includes(row.staffId)).sort((a, b) => b.at.getTime() - a.at.getTime())[0];
		// A shift starts at opening (or the site's first sample, if earlier: a round runs all night) or when the sampler came on.
		const hoursWorked = hoursOnShift({ opensAt, firstSampleAt, assignedAt: row.startsAt.getTime(), movedAt: lastMove?.at.getTime() }, now);
		// Rest since the last move counts from the arrival (its place here started then), as on the board.
		const minutesSinceMoved = lastMove ? (now - row.startsAt.getTime()) / 60_000 : undefined;
		return { id: row.staffId, assignmentId: row.assignmentId, ppeLimitHours: row.ppeLimitHours, hoursWorked, minutesSinceMoved };
	});
}
