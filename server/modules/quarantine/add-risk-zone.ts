/** addRiskZone: a commander draws a new risk zone (risk-zone-rules.ts). */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { regions, riskZones } from '../../db/schema/index';
import type { z } from 'zod';
import type { Db } from '../../db/client';
import { commitCommand, type Emitted, type Tx } from '../command-events';
import type { CommandEvent } from '../../../src/lib/protocol/command-events';
import type { QuarantineContext } from './case-refusals';
import { recordAudit } from '../identity/record-audit';
import { addZoneRequest, refuseFollowUp } from './follow-up-refusals';
import { checkedPolygon, type ZoneChanged } from './risk-zone-rules';

export async function addRiskZone({ ctx, input }: { ctx: QuarantineContext; input: z.input<typeof addZoneRequest> }): Promise<ZoneChanged> {
	const { name, level, regionId, polygon } = addZoneRequest.parse(input);
	checkedPolygon(polygon);
	if (ctx.scope.kind !== 'county') throw refuseFollowUp('zones_not_allowed');
	const now = ctx.now ?? Date.now();
	const { result: zoneId, events } = await commitCommand({ ...ctx, now }, (tx, emit) => addZoneInTransaction(tx, emit, { actor: ctx.actor, now }, { name, level, regionId, polygon }));
	return { zoneId, eventId: events[0].id };
}

/** The write itself, in the caller's transaction: the command above, and each new zone of a ledger import (ledgers/stores/zones-store.ts). */
export async function addZoneInTransaction(tx: Tx, emit: (event: Emitted) => CommandEvent, { actor, now }: { actor: string; now: number }, zone: z.output<typeof addZoneRequest>): Promise<string> {
	const { name, level, regionId, polygon } = zone;
	checkedPolygon(polygon);
	const zoneId = `rz_${randomBytes(6).toString('hex')}`;
	if (regionId) {
		const [region] = await tx.select({ id: regions.id }).from(regions).where(eq(regions.id, regionId)).limit(1);
		if (!region) throw refuseFollowUp('region_unknown', { id: regionId });
	}
	await tx.insert(riskZones).values({ id: zoneId, name, level, regionId, polygon, startsAt: new Date(now), createdBy: actor });
	await recordAudit({ db: tx as unknown as Db, entry: { actor, action: 'zone.add', subject: `zone:${zoneId}`, details: { name, level, regionId } } });
	emit({ type: 'zone.added', zoneId, name, level, regionId, polygon });
	return zoneId;
}
