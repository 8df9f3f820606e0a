/**
 * The 24:00 daily report (日报): locked by the system at 24:00 China time, amended afterwards by a
 * commander with a reason. Only the day and counts travel: the reason and the figures stay in the
 * database (daily_reports, report_amendments) and on the audit log.
 */
import { z } from 'zod';
import { commandEnvelope } from './command-envelope';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const reportLocked = z.strictObject({
	...commandEnvelope,
	type: z.literal('report.locked'),
	day
});

export const reportAmended = z.strictObject({
	...commandEnvelope,
	type: z.literal('report.amended'),
	day,
	/** The amendment's number (1 for the first), and how many fields it changed. */
	amendment: z.number().int().min(1),
	changes: z.number().int().min(1)
});

export const reportEvent = z.discriminatedUnion('type', [reportLocked, reportAmended]);
export type ReportEvent = z.infer<typeof reportEvent>;
