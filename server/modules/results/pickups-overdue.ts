/**
 * Sites with a sealed box nobody has collected for over 2 hours (src/lib/domain/pickup-wait.ts),
 * for the dispatcher's board and the wall's pickup_overdue alert. A box counts as collected at its
 * first handover of any kind (a courier's pickup, a station's or a lab's receipt): a box held at a
 * transfer station is the station's wait, no longer the site's.
 */
import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { boxHandovers, sampleBoxes, sites } from '../../db/schema/index';
import type { SitePickupOverdue } from '../../../src/lib/protocol/results';
import { pickupsOverdue } from '../../../src/lib/domain/pickup-wait';

/** As the dispatch board: a box older than this is history, not pickup work. */
const LOOKBACK_MS = 8 * 3_600_000;

export async function loadPickupsOverdue(db: Db, now: number, townshipId: string | null = null): Promise<SitePickupOverdue[]> {
	const rows = await db
		.select({ id: sampleBoxes.id, siteId: sampleBoxes.siteId, sealedAt: sampleBoxes.sealedAt, tubes: sampleBoxes.tubes, site: sites.name, townshipId: sites.townshipId, lat: sites.lat, lon: sites.lon, handed: sql<boolean>`exists (select 1 from ${boxHandovers} where ${boxHandovers.boxId} = ${sampleBoxes.id})` })
		.from(sampleBoxes)
		.innerJoin(sites, eq(sites.id, sampleBoxes.siteId))
		.where(and(isNull(sampleBoxes.receivedAt), isNull(sampleBoxes.courierVehicleId), gte(sampleBoxes.sealedAt, new Date(now - LOOKBACK_MS)), townshipId ? eq(sites.townshipId, townshipId) : sql`true`));
	const siteOf = new Map(rows.map((row) => [row.siteId, row]));
	return pickupsOverdue(
		rows.map((row) => ({ id: row.id, siteId: row.siteId, sealedAt: row.sealedAt.getTime(), tubes: row.tubes, collected: Boolean(row.handed) })),
		now
	).map((waiting) => {
		const site = siteOf.get(waiting.siteId)!;
		return { siteId: waiting.siteId, site: site.site, townshipId: site.townshipId, lat: site.lat, lon: site.lon, boxes: waiting.boxes, tubes: waiting.tubes, oldestSealedAt: new Date(waiting.oldestSealedAt).toISOString(), waitedMinutes: waiting.waitedMinutes, critical: waiting.critical };
	});
}
