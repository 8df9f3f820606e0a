import { asc, eq, inArray } from 'drizzle-orm';
import { regions, sites, siteVillages } from '../../../db/schema/index';
import { toWgs84 } from '../../../../src/lib/domain/coordinates';
import type { SiteRecord } from '../../../../src/lib/ledgers/definitions';
import { nameOfRegionId, townshipId, villageId } from '../region-ids';
import { upsertCounting } from '../upsert-counting';
import { ensureRegions } from './regions-writer';
import type { LedgerStore } from './ledger-store';
import { newRegionsOf } from './new-regions';

export const sitesStore: LedgerStore<SiteRecord> = {
	newRegions: (db, records) => newRegionsOf(db, records.flatMap(({ record }) => record.villages.map((village) => ({ township: record.township, village })))),

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
