/**
 * Risk zones (封控区 / 管控区 / 防范区) added, redrawn and lifted by a commander: past-tense command
 * events on the log (server/modules/command-events.ts). A zone is public (the wall draws it), so
 * its polygon travels; who lives inside never does.
 */
import { z } from 'zod';
import { commandEnvelope } from './command-envelope';

const position = z
	.array(z.number())
	.min(2)
	.max(3)
	.refine((p) => Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90, 'a position is [lon, lat] in degrees, lon within ±180, lat within ±90');
const ring = z.array(position).min(4).max(2000);

/** GeoJSON (RFC 7946) in WGS-84: a Polygon or MultiPolygon of [lon, lat] rings. */
export const zonePolygon = z.discriminatedUnion('type', [
	z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(50) }),
	z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1).max(50)).min(1).max(50) })
]);
export const RISK_ZONE_LEVELS = ['sealed', 'controlled', 'precaution'] as const;
export const riskZoneLevel = z.enum(RISK_ZONE_LEVELS);

const zoneId = z.string().min(1).max(64);

export const zoneAdded = z.strictObject({
	...commandEnvelope,
	type: z.literal('zone.added'),
	zoneId,
	name: z.string().min(1).max(100),
	level: riskZoneLevel,
	regionId: z.string().max(64).nullable(),
	polygon: zonePolygon
});

export const zoneRedrawn = z.strictObject({
	...commandEnvelope,
	type: z.literal('zone.redrawn'),
	zoneId,
	level: riskZoneLevel,
	polygon: zonePolygon,
	/** What it was before, so a reader of the log need not replay every change. */
	previous: z.strictObject({ level: riskZoneLevel, polygon: zonePolygon })
});

export const zoneLifted = z.strictObject({
	...commandEnvelope,
	type: z.literal('zone.lifted'),
	zoneId,
	level: riskZoneLevel
});

export const riskZoneEvent = z.discriminatedUnion('type', [zoneAdded, zoneRedrawn, zoneLifted]);
export type RiskZoneEvent = z.infer<typeof riskZoneEvent>;
