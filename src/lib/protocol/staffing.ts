/** GET /api/staffing/board and the moves of POST /api/staffing/moves. */
import { z } from 'zod';

const waitBeforeAfter = z.object({ before: z.number(), after: z.number() });

/** A suggested move as the recommender (src/lib/domain/staffing-plan.ts) makes it; the one definition. */
export const staffMoveSchema = z.object({
	samplerIds: z.array(z.string()),
	fromSiteId: z.string(),
	toSiteId: z.string(),
	travelMinutes: z.number(),
	/**
	 * Expected wait in minutes (site-load.ts, the model every screen shows): the donor's now and
	 * once the samplers leave; the receiver's when they would arrive, without and with them.
	 */
	from: waitBeforeAfter,
	to: waitBeforeAfter,
	/** Person-minutes of waiting the move saves (staffing-plan.ts, totalWaiting). */
	gain: z.number()
});
export type StaffMove = z.infer<typeof staffMoveSchema>;

export interface BoardSampler {
	/** Staff code (工号); the board shows a masked name only. */
	id: string;
	maskedName: string | null;
	hoursWorked: number;
	ppeLimitHours: number;
	ppe: 'over' | 'soon' | null;
}

export interface BoardSite {
	id: string;
	name: string;
	townshipId: string;
	lat: number;
	lon: number;
	status: 'open' | 'busy' | 'paused' | 'closed';
	desks: number;
	staffedDesks: number;
	samplers: BoardSampler[];
	queueLength: number;
	arrivalsPerMinute: number;
	peoplePerSamplerHour: number;
	/** Minutes; null when nobody serves a queue. */
	expectedWaitMin: number | null;
	/** When the site will have sampled all its residents at the current pace (ISO), null if never. */
	finishAt: string | null;
	coverage: { sampled: number; residents: number };
	/** Samplers on their way here, from moves applied. */
	incoming: { moveId: number; staffIds: string[]; fromSiteId: string; arrivesAt: string }[];
}

export interface BoardMove extends StaffMove {
	fromName: string;
	toName: string;
}

export interface StaffingBoard {
	generatedAt: string;
	/** The township the board is limited to; null for the whole county. */
	townshipId: string | null;
	sites: BoardSite[];
	recommendations: BoardMove[];
	recentMoves: { id: number; staffIds: string[]; fromSiteId: string; toSiteId: string; movedBy: string; reason: string; at: string; undone: boolean }[];
}

const staffId = z.string().min(1).max(64);

export const moveRequest = z.strictObject({
	staffIds: z.array(staffId, { error: 'staffIds must be a list of staff codes' }).min(1, 'staffIds must name at least one sampler').max(20),
	fromSiteId: z.string({ error: 'fromSiteId is required' }).min(1).max(64),
	toSiteId: z.string({ error: 'toSiteId is required' }).min(1).max(64),
	reason: z.string({ error: 'reason is required' }).trim().min(2, 'reason must say why, in a few words').max(200)
});
export type MoveRequest = z.infer<typeof moveRequest>;
