/** redrawRiskZone: a standing zone's outline or level changes (risk-zone-rules.ts); the event carries what it was. */
import { eq } from 'drizzle-orm';
import { riskZones } from '../../db/schema/index';
import type { ZonePolygon } from '../../../src/lib/domain/risk-zones';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { commitCommand, type Emitted, type Tx } from '../command-events';
import type { CommandEvent } from '../../../src/lib/protocol/command-events';
import type { QuarantineContext } from './case-refusals';
import { recordAudit } from '../identity/record-audit';
import { redrawZoneRequest, refuseFollowUp } from './follow-up-refusals';
import { checkedPolygon, standingZone, type ZoneChanged } from './risk-zone-rules';

export async function redrawRiskZone({ ctx, input }: { ctx: QuarantineContext; input: { zoneId: string } & z.input<typeof redrawZoneRequest> }): Promise<ZoneChanged> {
	const change = redrawZoneRequest.parse({ level: input.level, polygon: input.polygon });
	if (change.polygon) checkedPolygon(change.polygon);
	if (ctx.scope.kind !== 'county') throw refuseFollowUp('zones_not_allowed');
	const now = ctx.now ?? Date.now();
	const { events } = await commitCommand({ ...ctx, now }, (tx, emit) => redrawZoneInTransaction(tx, emit, { actor: ctx.actor, now }, input.zoneId, change));
	return { zoneId: input.zoneId, eventId: events[0].id };
}

/** The write itself, in the caller's transaction: the command above, and a changed row of a ledger import (ledgers/stores/zones-store.ts). */
export async function redrawZoneInTransaction(tx: Tx, emit: (event: Emitted) => CommandEvent, { actor, now }: { actor: string; now: number }, zoneId: string, change: z.output<typeof redrawZoneRequest>): Promise<void> {
	if (change.polygon) checkedPolygon(change.polygon);
	const zone = await standingZone(tx, zoneId, now);
	const previous = { level: zone.level, polygon: zone.polygon as ZonePolygon };
	const next = { level: change.level ?? previous.level, polygon: change.polygon ?? previous.polygon };
	if (next.level === previous.level && JSON.stringify(next.polygon) === JSON.stringify(previous.polygon)) throw refuseFollowUp('zone_unchanged');
	await tx.update(riskZones).set({ level: next.level, polygon: next.polygon, updatedAt: new Date(now), updatedBy: actor }).where(eq(riskZones.id, zone.id));
	await recordAudit({ db: tx as unknown as Db, entry: { actor, action: 'zone.redraw', subject: `zone:${zone.id}`, details: { level: next.level, previousLevel: previous.level, outlineChanged: change.polygon !== undefined } } });
	emit({ type: 'zone.redrawn', zoneId: zone.id, level: next.level, polygon: next.polygon, previous });
}
