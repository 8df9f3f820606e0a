/**
 * The dispatcher's live layers: pickup runs in progress and closed-loop transfer tasks, as the
 * projector applies their commands' events (run.*, transfer.*; dispatch-events.ts). Only sockets
 * whose role may dispatch receive them (the hub's dispatch room); a wall never does.
 *
 * Codes and counts only, like the events they come from: never a pickup point, a name or a reason.
 */
import { z } from 'zod';

/** An accepted run still open; id is the run's number as text (every layer is keyed by a string id). */
export const runEntity = z.object({
	id: z.string(),
	runId: z.number().int(),
	courierId: z.string(),
	siteIds: z.array(z.string()),
	labId: z.string(),
	/** Who accepted it (`user:<id>`), and when (ISO). */
	acceptedBy: z.string(),
	acceptedAt: z.string(),
	/** Time of the newest event applied to it (ISO): an older one changes nothing. */
	updatedAt: z.string()
});
export type RunEntity = z.infer<typeof runEntity>;

/** A transfer task, open or closed within the last day; id is the task's number as text. */
export const transferEntity = z.object({
	id: z.string(),
	taskId: z.number().int(),
	status: z.enum(['open', 'handed_over', 'cancelled']),
	vehicleId: z.string(),
	/** The hotel; null when the destination is a fever clinic (destinationSiteId). */
	quarantineSiteId: z.string().nullable(),
	destinationSiteId: z.string().nullable().optional(),
	/** The quarantine case whose fever proposal the task confirms. */
	caseId: z.string().nullable().optional(),
	householdId: z.string().nullable(),
	returneeId: z.string().nullable(),
	passengers: z.number().int(),
	/** When it was assigned, and when its latest status was set (ISO). */
	createdAt: z.string(),
	updatedAt: z.string()
});
export type TransferEntity = z.infer<typeof transferEntity>;
