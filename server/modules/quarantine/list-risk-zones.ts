/**
 * The commanders' list of risk zones (/zones): every zone, standing first, then lifted, newest
 * first, with who drew, redrew and lifted it and when, and for a standing zone the households and
 * people inside (wall/zone-counts.ts: each household once, in the strictest zone). Counts only:
 * no home leaves. A zone is public (the wall draws it), so its outline is sent for redrawing.
 */
import { desc } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { riskZones } from '../../db/schema/index';
import type { ZonePolygon } from '../../../src/lib/domain/risk-zones';
import type { ListedZone } from '../../../src/lib/components/zones/listed-zone';
import { countZones } from '../wall/zone-counts';


const iso = (value: Date | null) => value?.toISOString() ?? null;

export async function listRiskZones(db: Db, now = Date.now()): Promise<{ zones: ListedZone[] }> {
	const rows = await db.select().from(riskZones).orderBy(desc(riskZones.startsAt), desc(riskZones.id));
	const isStanding = (row: (typeof rows)[number]) => !row.liftedAt && (!row.endsAt || row.endsAt.getTime() > now) && row.startsAt.getTime() <= now;
	const standing = rows.filter(isStanding);
	const counts = await countZones(db, 'v:', standing.map((row) => ({ id: row.id, level: row.level, polygon: row.polygon as ZonePolygon })));
	const zones = rows.map((row): ListedZone => {
		const count = isStanding(row) ? (counts.get(row.id) ?? { households: 0, people: 0 }) : null;
		return {
			id: row.id, name: row.name, level: row.level, polygon: row.polygon as ZonePolygon, standing: isStanding(row),
			startsAt: row.startsAt.toISOString(), createdBy: row.createdBy, updatedAt: iso(row.updatedAt), updatedBy: row.updatedBy,
			liftedAt: iso(row.liftedAt ?? (isStanding(row) ? null : row.endsAt)), liftedBy: row.liftedBy, liftReason: row.liftReason,
			households: count?.households ?? null, people: count?.people ?? null
		};
	});
	return { zones: [...zones.filter((zone) => zone.standing), ...zones.filter((zone) => !zone.standing)] };
}
