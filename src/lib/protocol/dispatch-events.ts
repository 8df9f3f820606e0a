/**
 * The dispatcher's commands' events (the write side, DESIGN.md §2): pickup runs accepted, edited
 * and cancelled, closed-loop transfers assigned, handed over and cancelled. Past tense, each with
 * its actor, appended to the same event log as device events after their rows commit
 * (server/modules/command-events.ts).
 *
 * No personal data travels here: a transfer names its household or returnee by code and its
 * passengers by count, never the pickup point (a home) nor anyone's name; a cancellation's free-text
 * reason stays on the audit log.
 */
import { z } from 'zod';
import { commandEnvelope } from './command-envelope';

const code = z.string().min(1).max(64);
const runId = z.number().int().positive();
const taskId = z.number().int().positive();
const siteIds = z.array(code).min(1).max(20);

/** A suggested run taken as it was, or as the dispatcher changed it before accepting. */
export const runAccepted = z.strictObject({
	...commandEnvelope,
	type: z.literal('run.accepted'),
	runId,
	courierId: code,
	siteIds,
	labId: code
});

/** An open run's sites or lab changed (a site added on the way, another lab with room). */
export const runEdited = z.strictObject({
	...commandEnvelope,
	type: z.literal('run.edited'),
	runId,
	courierId: code,
	siteIds,
	labId: code,
	/** What it was before, so a reader of the log need not replay every edit. */
	previous: z.strictObject({ siteIds, labId: code })
});

export const runCancelled = z.strictObject({
	...commandEnvelope,
	type: z.literal('run.cancelled'),
	runId,
	courierId: code
});

/**
 * Where a transfer goes: a hotel (quarantineSiteId), or, for a fever follow-up's proposal, a
 * 24-hour fever clinic (destinationSiteId, then quarantineSiteId is null); caseId names the case
 * whose proposal it confirms. Events logged before fever-clinic transfers carry the hotel only.
 */
const destination = {
	quarantineSiteId: code.nullable(),
	destinationSiteId: code.nullable().optional(),
	caseId: code.nullable().optional()
};

export const transferAssigned = z.strictObject({
	...commandEnvelope,
	type: z.literal('transfer.assigned'),
	taskId,
	vehicleId: code,
	...destination,
	householdId: code.nullable(),
	returneeId: code.nullable(),
	passengers: z.number().int().min(1).max(500)
});

/** The hotel took them over: they are on its register and its beds are filled. */
export const transferHandedOver = z.strictObject({
	...commandEnvelope,
	type: z.literal('transfer.handed_over'),
	taskId,
	vehicleId: code,
	...destination,
	passengers: z.number().int().min(1).max(500),
	/** The quarantine's first day (China date, YYYY-MM-DD). */
	startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
});

export const transferCancelled = z.strictObject({
	...commandEnvelope,
	type: z.literal('transfer.cancelled'),
	taskId,
	vehicleId: code,
	...destination
});

export const dispatchEvent = z.discriminatedUnion('type', [runAccepted, runEdited, runCancelled, transferAssigned, transferHandedOver, transferCancelled]);
export type DispatchEvent = z.infer<typeof dispatchEvent>;
export type RunEvent = Extract<DispatchEvent, { type: `run.${string}` }>;
export type TransferEvent = Extract<DispatchEvent, { type: `transfer.${string}` }>;
