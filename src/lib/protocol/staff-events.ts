/**
 * The staffing commands' events (the write side, DESIGN.md §2): past tense, each with its actor,
 * appended to the same event log as device events and applied by the projector like them.
 * A move departs at `at` and lands at `arrivesAt`, or earlier when the site's tablet confirms
 * (`staff.arrived`); until then the samplers are on the way and count at neither site.
 */
import { z } from 'zod';
import { commandEnvelope } from './command-envelope';

const siteId = z.string().min(1).max(64);
const staffIds = z.array(z.string().min(1).max(64)).min(1).max(20);

export const staffMoveStarted = z.strictObject({
	...commandEnvelope,
	type: z.literal('staff.move_started'),
	moveId: z.number().int().positive(),
	staffIds,
	fromSiteId: siteId,
	toSiteId: siteId,
	/** When they are due at toSiteId (departure + travel); the move lands then if nobody confirms earlier. */
	arrivesAt: z.iso.datetime({ offset: true })
});

/** The receiving site's tablet (or a leader) confirmed the samplers are there. */
export const staffArrived = z.strictObject({
	...commandEnvelope,
	type: z.literal('staff.arrived'),
	moveId: z.number().int().positive(),
	staffIds,
	toSiteId: siteId
});

/** A move taken back: the samplers are at fromSiteId again (a mistake is undone before anyone has gone far). */
export const staffMoveUndone = z.strictObject({
	...commandEnvelope,
	type: z.literal('staff.move_undone'),
	moveId: z.number().int().positive(),
	staffIds,
	fromSiteId: siteId,
	toSiteId: siteId
});

export const staffEvent = z.discriminatedUnion('type', [staffMoveStarted, staffArrived, staffMoveUndone]);
export type StaffEvent = z.infer<typeof staffEvent>;
export type StaffMoveStarted = z.infer<typeof staffMoveStarted>;
