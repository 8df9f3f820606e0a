/** liftRiskZone: a zone is lifted (解封) with a reason, kept on the audit log (risk-zone-rules.ts). */
import { eq } from 'drizzle-orm';
import { riskZones } from '../../db/schema/index';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { commitCommand, type Emitted, type Tx } from '../command-events';
import type { CommandEvent } from '../../../src/lib/protocol/command-events';
import type { QuarantineContext } from './case-refusals';
import { recordAudit } from '../identity/record-audit';
import { liftZoneRequest, refuseFollowUp } from './follow-up-refusals';
import { standingZone, type ZoneChanged } from './risk-zone-rules';

export async function liftRiskZone({ ctx, input }: { ctx: QuarantineContext; input: { zoneId: string } & z.input<typeof liftZoneRequest> }): Promise<ZoneChanged> {
	const { reason } = liftZoneRequest.parse({ reason: input.reason });
	if (ctx.scope.kind !== 'county') throw refuseFollowUp('zones_not_allowed');
	const now = ctx.now ?? Date.now();
	const { events } = await commitCommand({ ...ctx, now }, (tx, emit) => liftZoneInTransaction(tx, emit, { actor: ctx.actor, now }, input.zoneId, reason));
	return { zoneId: input.zoneId, eventId: events[0].id };
}

/** The write itself, in the caller's transaction: the command above, and a row of a ledger import with its 解除时间 (ledgers/stores/zones-store.ts). */
export async function liftZoneInTransaction(tx: Tx, emit: (event: Emitted) => CommandEvent, { actor, now }: { actor: string; now: number }, zoneId: string, reason: string): Promise<void> {
	const zone = await standingZone(tx, zoneId, now);
	await tx.update(riskZones).set({ endsAt: new Date(now), liftedAt: new Date(now), liftedBy: actor, liftReason: reason }).where(eq(riskZones.id, zone.id));
	// The reason is free text: it stays on the audit log, not the event.
	await recordAudit({ db: tx as unknown as Db, entry: { actor, action: 'zone.lift', subject: `zone:${zone.id}`, reason, details: { level: zone.level } } });
	emit({ type: 'zone.lifted', zoneId: zone.id, level: zone.level });
}
