/** The timetable as the page and the export show it: by village, then start time; optionally only some villages (an officer's). */
import { asc, eq, inArray } from 'drizzle-orm';
import type { TimetableSlot } from '../../../src/lib/protocol/timetable-events';
import type { Db } from '../../db/client';
import { regions, sites, villageTimetable } from '../../db/schema/index';
import { nameOfRegionId } from '../ledgers/region-ids';
import { writeLedgerFile } from '../ledgers/ledger-files';
import { escapeCell } from '../../../src/lib/ledgers/cell-escaping';

export async function listTimetable(db: Db, villageIds?: string[]): Promise<TimetableSlot[]> {
	if (villageIds && villageIds.length === 0) return [];
	const query = db
		.select({ slot: villageTimetable, site: sites.name, townshipId: regions.parentId })
		.from(villageTimetable)
		.leftJoin(sites, eq(sites.id, villageTimetable.siteId))
		.leftJoin(regions, eq(regions.id, villageTimetable.villageId));
	const rows = await (villageIds ? query.where(inArray(villageTimetable.villageId, villageIds)) : query).orderBy(asc(villageTimetable.villageId), asc(villageTimetable.startsAt));
	return rows.map(({ slot, site, townshipId }) => ({
		villageId: slot.villageId, village: nameOfRegionId(slot.villageId), townshipId: townshipId ?? '', siteId: slot.siteId, site: site ?? slot.siteId, startsAt: slot.startsAt, endsAt: slot.endsAt, note: slot.note
	}));
}

/** 各村时间安排表.xlsx with Chinese headers, as a township hands it round. */
export async function exportTimetable(db: Db): Promise<Buffer> {
	const slots = await listTimetable(db);
	const table = { headers: ['村', '采样点', '开始时间', '结束时间', '备注'], rows: slots.map((slot) => [slot.village, slot.site, slot.startsAt, slot.endsAt, slot.note ?? ''].map((cell) => escapeCell(cell, 'text'))) };
	return writeLedgerFile(table, 'xlsx', '各村时间安排表');
}
