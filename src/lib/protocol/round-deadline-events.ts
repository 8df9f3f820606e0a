/**
 * The commander's deadline for the day's round (完成时限, issue 15 "the one-day target"), set or
 * cleared: the service day (China time) and the instant, or null when cleared (back to start + 24 h).
 * An instant only, no personal data.
 */
import { z } from 'zod';
import { commandEnvelope } from './command-envelope';

const serviceDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const roundDeadlineSet = z.strictObject({ ...commandEnvelope, type: z.literal('round.deadline_set'), day: serviceDay, deadline: z.iso.datetime({ offset: true }).nullable() });
export const roundDeadlineEvent = z.discriminatedUnion('type', [roundDeadlineSet]);
export type RoundDeadlineEvent = z.infer<typeof roundDeadlineEvent>;

/** What /sites sends: "HH:MM" China time on today's service day, or null to clear. */
export const setRoundDeadlineRequest = z.strictObject({ deadline: z.string().max(10).nullable() });
