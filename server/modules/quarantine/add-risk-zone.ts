/** addRiskZone: a commander draws a new risk zone (risk-zone-rules.ts). */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { regions, riskZones } from '../../db/schema/index';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { commitCommand } from '../command-events';
import type { QuarantineContext } from './case-refusals';
import { recordAudit } from '../identity/record-audit';
import { addZoneRequest, refuseFollowUp } from './follow-up-refusals';
import { checkedPolygon, type ZoneChanged } from './risk-zone-rules';

export async function addRiskZone({ ctx, input }: { ctx: QuarantineContext; input: z.input<typeof addZoneRequest> }): Promise<ZoneChanged> {
	const { name, level, regionId, polygon } = addZoneRequest.parse(input);
	checkedPolygon(polygon);
	if (ctx.scope.kind !== 'county') throw refuseFollowUp('zones_not_allowed');
	const now = ctx.now ?? Date.now();
	const zoneId = `rz_${randomBytes(6).toString('hex')}`;
	const { events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		if (regionId) {
			const [region] = await tx.select({ id: regions.id }).from(regions).where(eq(regions.id, regionId)).limit(1);
			if (!region) throw refuseFollowUp('region_unknown', { id: regionId });
		}
		await tx.insert(riskZones).values({ id: zoneId, name, level, regionId, polygon, startsAt: new Date(now), createdBy: ctx.actor });
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'zone.add', subject: `zone:${zoneId}`, details: { name, level, regionId } } });
		emit({ type: 'zone.added', zoneId, name, level, regionId, polygon });
	});
	return { zoneId, eventId: events[0].id };
}
