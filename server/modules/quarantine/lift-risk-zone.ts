/** liftRiskZone: a zone is lifted (解封) with a reason, kept on the audit log (risk-zone-rules.ts). */
import { eq } from 'drizzle-orm';
import { riskZones } from '../../db/schema/index';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { commitCommand } from '../command-events';
import type { QuarantineContext } from './case-refusals';
import { recordAudit } from '../identity/record-audit';
import { liftZoneRequest, refuseFollowUp } from './follow-up-refusals';
import { standingZone, type ZoneChanged } from './risk-zone-rules';

export async function liftRiskZone({ ctx, input }: { ctx: QuarantineContext; input: { zoneId: string } & z.input<typeof liftZoneRequest> }): Promise<ZoneChanged> {
	const { reason } = liftZoneRequest.parse({ reason: input.reason });
	if (ctx.scope.kind !== 'county') throw refuseFollowUp('zones_not_allowed');
	const now = ctx.now ?? Date.now();
	const { events } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const zone = await standingZone(tx, input.zoneId, now);
		await tx.update(riskZones).set({ endsAt: new Date(now), liftedAt: new Date(now), liftedBy: ctx.actor, liftReason: reason }).where(eq(riskZones.id, zone.id));
		// The reason is free text: it stays on the audit log, not the event.
		await recordAudit({ db: tx as unknown as Db, entry: { actor: ctx.actor, action: 'zone.lift', subject: `zone:${zone.id}`, reason, details: { level: zone.level } } });
		emit({ type: 'zone.lifted', zoneId: zone.id, level: zone.level });
	});
	return { zoneId: input.zoneId, eventId: events[0].id };
}
