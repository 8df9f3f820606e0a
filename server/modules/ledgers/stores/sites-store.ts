import { asc, eq, inArray } from 'drizzle-orm';
import { regions, sites, siteVillages } from '../../../db/schema/index';
import { toWgs84 } from '../../../../src/lib/domain/coordinates';
import type { SiteRecord } from '../../../../src/lib/ledgers/definitions';
import { nameOfRegionId, townshipId, villageId } from '../region-ids';
import { upsertCounting } from '../upsert-counting';
import { ensureRegions } from './regions-writer';
import type { LedgerStore } from './ledger-store';
import type { LedgerIssue } from '../../../../src/lib/ledgers/validate-ledger';
import type { Db } from '../../../db/client';

/**
 * A site's township and villages served are taken as new regions only where the county has none
 * yet (a first import, or a township new to it): once the register lists a township's villages, a
 * name not among them is a typo far more often than a new village (红旗村 for 红星村 would make a
 * village of nobody that no coverage figure ever reaches), so its row is refused.
 */
async function unknownRegions(db: Db, records: { row: number; record: SiteRecord }[]): Promise<LedgerIssue[]> {
	const known = await db.select({ id: regions.id, level: regions.level, parentId: regions.parentId }).from(regions).where(inArray(regions.level, ['township', 'village']));
	const townships = new Set(known.filter((region) => region.level === 'township').map((region) => region.id));
	const villages = new Set(known.filter((region) => region.level === 'village').map((region) => region.id));
	const townshipsWithVillages = new Set(known.filter((region) => region.level === 'village').map((region) => region.parentId));
	const issues: LedgerIssue[] = [];
	for (const { row, record } of records) {
		const township = townshipId(record.township);
		if (townships.size > 0 && !townships.has(township)) {
			issues.push({ row, column: '街道', value: record.township, message: 'is not a known township (check the name; a new township comes with the households register)' });
			continue;
		}
		if (!townshipsWithVillages.has(township)) continue;
		for (const village of record.villages) {
			if (!villages.has(villageId(record.township, village))) issues.push({ row, column: '服务村', value: village, message: `is not a known village of ${record.township} (check the name; a new village comes with the households register)` });
		}
	}
	return issues;
}

export const sitesStore: LedgerStore<SiteRecord> = {
	references: unknownRegions,

	async write(tx, records, options) {
		await ensureRegions(tx, records.flatMap((site) => site.villages.map((village) => ({ township: site.township, village }))));
		const counts = await upsertCounting(
			tx,
			sites,
			records.map((site) => {
				const { lat, lon } = toWgs84({ lat: site.latitude, lon: site.longitude }, site.crs ?? options.crs);
				return {
					id: site.code, name: site.name, kind: site.kind, townshipId: townshipId(site.township), lat, lon, desks: site.desks, pooling: site.pooling,
					status: site.status ?? 'open', opensAt: site.opensAt ?? '08:00', closesAt: site.closesAt ?? '12:00'
				};
			}),
			sites.id
		);
		// The villages served are replaced as the ledger lists them.
		const links = records.flatMap((site) => [...new Set(site.villages)].map((village) => ({ siteId: site.code, villageId: villageId(site.township, village) })));
		for (let start = 0; start < records.length; start += 1000) {
			await tx.delete(siteVillages).where(inArray(siteVillages.siteId, records.slice(start, start + 1000).map((site) => site.code)));
		}
		for (let start = 0; start < links.length; start += 1000) await tx.insert(siteVillages).values(links.slice(start, start + 1000));
		return counts;
	},

	async read(db) {
		const rows = await db.select().from(sites).orderBy(asc(sites.id));
		const served = await db.select({ siteId: siteVillages.siteId, villageId: siteVillages.villageId }).from(siteVillages).innerJoin(regions, eq(regions.id, siteVillages.villageId)).orderBy(asc(regions.name));
		const villagesOf = new Map<string, string[]>();
		for (const link of served) villagesOf.set(link.siteId, [...(villagesOf.get(link.siteId) ?? []), nameOfRegionId(link.villageId)]);
		return rows.map((site) => ({
			code: site.id, name: site.name, kind: site.kind, township: nameOfRegionId(site.townshipId), villages: villagesOf.get(site.id) ?? [],
			longitude: site.lon, latitude: site.lat, crs: 'wgs84' as const, desks: site.desks, pooling: site.pooling, opensAt: site.opensAt, closesAt: site.closesAt, status: site.status
		}));
	}
};
