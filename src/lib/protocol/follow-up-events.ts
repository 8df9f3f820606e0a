/**
 * Events of the quarantine follow-up (the write side, DESIGN.md §2): a follow-up recorded by an
 * officer's phone or a device, the closed-loop transfer it proposes when it finds fever or
 * symptoms, and a supply delivery made. Past tense, each with its actor, appended to the same log
 * as device events after their rows commit (server/modules/command-events.ts).
 *
 * No personal data travels here: a case by its opaque id, its village (a public place: the wall
 * draws the fever alert at the village's centre), whether it was a fever or critical; never the
 * temperature, the symptoms, a name, a phone or a home, which stay in their rows.
 */
import { z } from 'zod';
import { commandEnvelope } from './command-envelope';

const code = z.string().min(1).max(64);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const FOLLOW_UP_SLOTS = ['morning', 'evening'] as const;
export const FOLLOW_UP_SOURCES = ['officer', 'device'] as const;

/** The village as the wall places it (its centre, or null when the register has none). */
export const villagePlace = z.strictObject({ name: z.string().min(1).max(64), lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });

export const caseFollowedUp = z.strictObject({
	...commandEnvelope,
	type: z.literal('case.follow_up'),
	caseId: code,
	villageId: code,
	village: villagePlace.nullable(),
	/** China date and slot the follow-up fills. */
	day,
	slot: z.enum(FOLLOW_UP_SLOTS),
	source: z.enum(FOLLOW_UP_SOURCES),
	/** The phone's or device's own id of the report: a resend with it is the same follow-up. */
	reportId: code,
	/** When it was taken (the phone's clock; `at` is when it was recorded). */
	takenAt: z.iso.datetime({ offset: true }),
	fever: z.boolean(),
	/** Fever or a symptom: the wall shows a critical alert for the village. */
	critical: z.boolean()
});

/** A fever, a symptom or a positive test found: a closed-loop transfer is proposed, for the dispatcher to confirm. */
export const caseTransferProposed = z.strictObject({
	...commandEnvelope,
	type: z.literal('case.transfer_proposed'),
	caseId: code,
	villageId: code,
	destination: z.strictObject({ kind: z.enum(['fever_clinic', 'hotel']), id: code }),
	reason: z.enum(['fever', 'symptoms', 'positive'])
});

export const supplyDelivered = z.strictObject({
	...commandEnvelope,
	type: z.literal('supply.delivered'),
	deliveryId: z.number().int().positive(),
	caseId: code.nullable(),
	householdId: code.nullable(),
	villageId: code,
	dueDate: day
});

export const followUpEvent = z.discriminatedUnion('type', [caseFollowedUp, caseTransferProposed, supplyDelivered]);
export type FollowUpEvent = z.infer<typeof followUpEvent>;
export type CaseFollowedUp = z.infer<typeof caseFollowedUp>;
