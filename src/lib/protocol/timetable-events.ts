/**
 * 各村时间安排表 changed by a commander or a township's shift leader: which village is sampled at
 * which site, from when to when (China time HH:MM). Ids and times only; a note stays in the table.
 */
import { z } from 'zod';
import { commandEnvelope } from './command-envelope';

const slotKey = { villageId: z.string().min(1).max(120), siteId: z.string().min(1).max(64) };
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);

export const timetableSlotSet = z.strictObject({ ...commandEnvelope, type: z.literal('timetable.slot_set'), ...slotKey, startsAt: clock, endsAt: clock });
export const timetableSlotRemoved = z.strictObject({ ...commandEnvelope, type: z.literal('timetable.slot_removed'), ...slotKey });

export const timetableEvent = z.discriminatedUnion('type', [timetableSlotSet, timetableSlotRemoved]);
export type TimetableEvent = z.infer<typeof timetableEvent>;

/** One row of the timetable as the page shows it. */
export interface TimetableSlot {
	villageId: string;
	/** The village's name (Chinese, as the ledger has it). */
	village: string;
	townshipId: string;
	siteId: string;
	site: string;
	startsAt: string;
	endsAt: string;
	note: string | null;
}

/** What the page sends to set a slot (new or changed); an end at or before the start is the next day. */
export const setTimetableSlotRequest = z.strictObject({
	villageId: z.string().min(1).max(120),
	siteId: z.string().min(1).max(64),
	startsAt: z.string().max(10),
	endsAt: z.string().max(10),
	note: z.string().max(200).nullable().optional(),
	/** 'add' (增加一行) refuses a village+site that already has a row; 'edit' or none sets it. */
	mode: z.enum(['add', 'edit']).optional()
});
export const removeTimetableSlotRequest = z.strictObject({ villageId: z.string().min(1).max(120), siteId: z.string().min(1).max(64) });

/** GET /api/timetable: the rows in the asker's scope; for an editor, what they may pick when adding one. */
export interface TimetableView {
	slots: TimetableSlot[];
	editable: boolean;
	choices: { villages: { id: string; name: string }[]; sites: { id: string; name: string; villageIds: string[] }[] } | null;
}
