/**
 * setTimetableSlot / removeTimetableSlot: a row of 各村时间安排表 set (added or changed) or removed,
 * `mode: 'add'` refusing a village+site that already has a row (no mode: set, added or changed),
 * with `timetable.slot_set` / `timetable.slot_removed` on the log and the audit log, in one
 * transaction. Everything is checked before anything is written: a refusal changes nothing.
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { clockTime } from '../../../src/lib/ledgers/fields';
import type { removeTimetableSlotRequest, setTimetableSlotRequest } from '../../../src/lib/protocol/timetable-events';
import type { Db } from '../../db/client';
import { regions, sites, villageTimetable } from '../../db/schema/index';
import { commitCommand, type Tx } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { checkTimetableEditor, refuseTimetable, type TimetableContext } from './timetable-refusals';

type SetSlot = z.infer<typeof setTimetableSlotRequest>;

function clockOrRefuse(field: 'startsAt' | 'endsAt', value: string): string {
	const parsed = clockTime(value.trim());
	if (!parsed.ok) throw refuseTimetable('timetable_bad_time', { field, value });
	return parsed.value;
}

/** The village's township, or a refusal naming the unknown village. */
async function villageTownship(db: Db | Tx, villageId: string): Promise<string> {
	const [village] = await db.select({ parentId: regions.parentId }).from(regions).where(and(eq(regions.id, villageId), eq(regions.level, 'village')));
	if (!village) throw refuseTimetable('timetable_village_unknown', { id: villageId });
	return village.parentId ?? '';
}

export async function setTimetableSlot({ ctx, input }: { ctx: TimetableContext; input: SetSlot }) {
	const startsAt = clockOrRefuse('startsAt', input.startsAt);
	const endsAt = clockOrRefuse('endsAt', input.endsAt);
	// Rounds run 24 h: an end at or before the start is the next day (22:00–02:00), as slotInRound
	// places it; only an empty slot (equal times) is refused.
	if (endsAt === startsAt) throw refuseTimetable('timetable_empty_slot', { startsAt, endsAt });
	// No note sent keeps the row's note (a shift leader moving the times); '' or null clears it.
	const note = input.note === undefined ? undefined : input.note?.trim() || null;
	const now = ctx.now ?? Date.now();
	const { result } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		checkTimetableEditor(ctx, await villageTownship(tx, input.villageId));
		const [site] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, input.siteId));
		if (!site) throw refuseTimetable('timetable_site_unknown', { id: input.siteId });
		// 增加一行 never replaces a row silently: the existing one is changed where it stands.
		if (input.mode === 'add') {
			const [existing] = await tx.select({ siteId: villageTimetable.siteId }).from(villageTimetable).where(and(eq(villageTimetable.villageId, input.villageId), eq(villageTimetable.siteId, input.siteId)));
			if (existing) throw refuseTimetable('timetable_slot_exists');
		}
		const changes = { startsAt, endsAt, ...(note === undefined ? {} : { note }), updatedBy: ctx.actor, updatedAt: new Date(now) };
		const [row] = await tx
			.insert(villageTimetable)
			.values({ villageId: input.villageId, siteId: input.siteId, note: note ?? null, ...changes })
			.onConflictDoUpdate({ target: [villageTimetable.villageId, villageTimetable.siteId], set: changes })
			.returning({ note: villageTimetable.note });
		await recordAudit({ db: tx, entry: { actor: ctx.actor, action: 'timetable.slot_set', subject: `timetable:${input.villageId}@${input.siteId}`, details: { startsAt, endsAt } } });
		emit({ type: 'timetable.slot_set', villageId: input.villageId, siteId: input.siteId, startsAt, endsAt });
		return { villageId: input.villageId, siteId: input.siteId, startsAt, endsAt, note: row.note };
	});
	return result;
}

export async function removeTimetableSlot({ ctx, input }: { ctx: TimetableContext; input: z.infer<typeof removeTimetableSlotRequest> }) {
	const { result } = await commitCommand(ctx, async (tx, emit) => {
		checkTimetableEditor(ctx, await villageTownship(tx, input.villageId));
		const removed = await tx.delete(villageTimetable).where(and(eq(villageTimetable.villageId, input.villageId), eq(villageTimetable.siteId, input.siteId))).returning({ siteId: villageTimetable.siteId });
		if (removed.length === 0) throw refuseTimetable('timetable_slot_unknown');
		await recordAudit({ db: tx, entry: { actor: ctx.actor, action: 'timetable.slot_removed', subject: `timetable:${input.villageId}@${input.siteId}` } });
		emit({ type: 'timetable.slot_removed', villageId: input.villageId, siteId: input.siteId });
		return { removed: true };
	});
	return result;
}
