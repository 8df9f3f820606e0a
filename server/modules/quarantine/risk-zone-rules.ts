/**
 * What the risk-zone commands (add-risk-zone.ts, redraw-risk-zone.ts, lift-risk-zone.ts) share: a
 * commander draws a sealed (封控区), controlled (管控区) or precaution (防范区) zone, changes its
 * outline or level, or lifts it (解封). Each writes its row and an audit entry and appends its event
 * (zone.added / zone.redrawn / zone.lifted) in one transaction; a zone is never deleted (lifted:
 * ends_at set), so its history stays. The wall counts households and people inside each standing
 * zone (wall/zone-counts.ts).
 */
import { eq } from 'drizzle-orm';
import { riskZones } from '../../db/schema/index';
import { validZonePolygon, type ZonePolygon } from '../../../src/lib/domain/risk-zones';
import type { Tx } from '../command-events';
import { refuseFollowUp } from './follow-up-refusals';

export interface ZoneChanged {
	zoneId: string;
	eventId: string;
}

export function checkedPolygon(polygon: ZonePolygon): ZonePolygon {
	if (!validZonePolygon(polygon)) throw refuseFollowUp('zone_polygon_invalid');
	return polygon;
}

export async function standingZone(tx: Tx, zoneId: string, now: number) {
	const [zone] = await tx.select().from(riskZones).where(eq(riskZones.id, zoneId)).for('update');
	if (!zone) throw refuseFollowUp('zone_not_found');
	if (zone.liftedAt || (zone.endsAt && zone.endsAt.getTime() <= now)) throw refuseFollowUp('zone_lifted');
	return zone;
}
