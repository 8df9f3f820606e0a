/**
 * Events of door-to-door sampling (上门采样) and of the positive-pool playbook (第一时间报告、复检、
 * 处置). Past tense, each with its actor, appended after their rows commit
 * (server/modules/command-events.ts). Members by roster code (`CM010001-2`, never an ID number),
 * places by village; never a name, a home or a household's position. A playbook opened by a lab's
 * positive carries the actor `system`.
 */
import { z } from 'zod';
import { commandEnvelope } from './command-envelope';

const code = z.string().min(1).max(64);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const villageIds = z.array(code).max(200);

/** The day's visits for who cannot come were made (idempotent: `created` may be 0) and routed. */
export const doorVisitsGenerated = z.strictObject({
	...commandEnvelope,
	type: z.literal('door_visits.generated'),
	day,
	villageIds,
	created: z.number().int().nonnegative(),
	routes: z.number().int().nonnegative()
});

/** A mobile team took the tube(s) at a household: for a re-test this is the playbook's re-sample. */
export const doorVisitSampled = z.strictObject({
	...commandEnvelope,
	type: z.literal('door_visit.sampled'),
	day,
	villageId: code,
	reason: z.enum(['cannot_come', 'retest']),
	memberCodes: z.array(code).min(1).max(50),
	tube: code,
	playbookId: code.nullable()
});

/** A positive pool opened its playbook: counts only, by village. */
export const playbookOpened = z.strictObject({
	...commandEnvelope,
	type: z.literal('playbook.opened'),
	playbookId: code,
	boxId: code,
	tube: code,
	villageIds,
	households: z.number().int().nonnegative(),
	members: z.number().int().nonnegative()
});

/** An officer of the village acknowledged the positive on the phone. */
export const playbookNotified = z.strictObject({
	...commandEnvelope,
	type: z.literal('playbook.notified'),
	playbookId: code,
	villageId: code
});

/** A single-tube re-test's result, per member. */
export const playbookRetestResult = z.strictObject({
	...commandEnvelope,
	type: z.literal('playbook.retest_result'),
	playbookId: code,
	villageId: code,
	memberCode: code,
	result: z.enum(['positive', 'negative'])
});

/** A re-test positive was proposed a closed-loop transfer (the case's own case.transfer_proposed travels beside it). */
export const playbookTransferProposed = z.strictObject({
	...commandEnvelope,
	type: z.literal('playbook.transfer_proposed'),
	playbookId: code,
	villageId: code,
	memberCode: code,
	caseId: code
});

/** Every re-test is in and every positive proposed (or all were negative). */
export const playbookClosed = z.strictObject({
	...commandEnvelope,
	type: z.literal('playbook.closed'),
	playbookId: code
});

export const doorVisitEvent = z.discriminatedUnion('type', [doorVisitsGenerated, doorVisitSampled, playbookOpened, playbookNotified, playbookRetestResult, playbookTransferProposed, playbookClosed]);
export type DoorVisitEvent = z.infer<typeof doorVisitEvent>;
