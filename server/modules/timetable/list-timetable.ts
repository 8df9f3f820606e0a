/** The timetable as the page and the export show it: by village, then start time; optionally only some villages (an officer's). */
import { asc, eq, inArray } from 'drizzle-orm';
import type { TimetableSlot } from '../../../src/lib/protocol/timetable-events';
import type { Db } from '../../db/client';
import { regions, sites, siteVillages, villageTimetable } from '../../db/schema/index';
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

/** What an editor may pick when adding a row: the villages and sites of a township (or the county), each site with the villages it serves. */
export async function timetableChoices(db: Db, townshipId: string | null) {
	const villageRows = await db.select({ id: regions.id, townshipId: regions.parentId }).from(regions).where(eq(regions.level, 'village')).orderBy(asc(regions.id));
	const siteRows = await db.select({ id: sites.id, name: sites.name, townshipId: sites.townshipId }).from(sites).orderBy(asc(sites.id));
	const served = await db.select().from(siteVillages);
	const inScope = (township: string | null) => townshipId === null || township === townshipId;
	return {
		villages: villageRows.filter((village) => inScope(village.townshipId)).map((village) => ({ id: village.id, name: nameOfRegionId(village.id) })),
		sites: siteRows.filter((site) => inScope(site.townshipId)).map((site) => ({ id: site.id, name: site.name, villageIds: served.filter((row) => row.siteId === site.id).map((row) => row.villageId) }))
	};
}

/** 各村时间安排表.xlsx with Chinese headers, as a township hands it round. */
export async function exportTimetable(db: Db): Promise<Buffer> {
	const slots = await listTimetable(db);
	const table = { headers: ['村', '采样点', '开始时间', '结束时间', '备注'], rows: slots.map((slot) => [slot.village, slot.site, slot.startsAt, slot.endsAt, slot.note ?? ''].map((cell) => escapeCell(cell, 'text'))) };
	return writeLedgerFile(table, 'xlsx', '各村时间安排表');
}
