/**
 * Ingest: checks each device event, appends the good ones to the event log, and answers per
 * event. An event is "accepted" only once the log holds it durably. A bad event changes nothing.
 */
import { checkDeviceEvent, type DeviceEvent, type IngestResponse, type IngestResult } from '../../src/lib/protocol/index';
import type { Principal } from '../auth/principal';
import type { Metrics } from '../metrics';
import type { EventLog } from '../pipeline/event-log/event-log';
import { normalizeEvent, type NormalizedEvent } from '../pipeline/normalized-event';
import { refusalField } from './refusal-field';

export interface IngestContext {
	log: EventLog;
	metrics: Metrics;
	/** Ids of the sites and vehicles that exist; events about others are refused. */
	known: { sites: ReadonlySet<string>; vehicles: ReadonlySet<string>; labs: ReadonlySet<string> };
	now: () => number;
}

export type DevicePrincipal = Extract<Principal, { kind: 'device' }>;

/** What a device's credential lets it report: its own events, about its own site or vehicle. */
function scopeProblem(event: DeviceEvent, device: DevicePrincipal): string | null {
	// A platform gateway forwards the events of the devices behind it; the registry check still applies.
	if (device.deviceKind === 'platform_gateway') return device.scopeId === '*' ? null : 'deviceId: this gateway has no scope';
	if (event.deviceId !== device.deviceId) return `deviceId: this credential belongs to device ${device.deviceId}`;
	if (event.type === 'courier.position') {
		if (device.deviceKind !== 'courier_phone') return `type: a ${device.deviceKind} may not post courier.position`;
		if (event.vehicleId !== device.scopeId) return `vehicleId: this device reports for vehicle ${device.scopeId} only`;
		return null;
	}
	if (event.type === 'box.picked_up') {
		if (device.deviceKind !== 'courier_phone') return `type: a ${device.deviceKind} may not post box.picked_up`;
		if (event.vehicleId !== device.scopeId) return `vehicleId: this device reports for vehicle ${device.scopeId} only`;
		return null;
	}
	// A courier hands a box over at a lab or station with the receiver counting on the courier's phone (交接签收).
	if (event.type === 'box.received' && device.deviceKind === 'courier_phone') return null;
	if (event.type === 'lab.counts' || event.type === 'box.received' || event.type === 'lab.pool_result') {
		if (device.deviceKind !== 'lab_system') return `type: a ${device.deviceKind} may not post ${event.type}`;
		if (event.labId !== device.scopeId) return `labId: this device reports for lab ${device.scopeId} only`;
		return null;
	}
	if (device.deviceKind !== 'site_tablet') return `type: a ${device.deviceKind} may not post ${event.type}`;
	if (event.siteId !== device.scopeId) return `siteId: this device reports for site ${device.scopeId} only`;
	return null;
}

/** Events about a site, vehicle or lab that is not registered are refused, naming it. */
function registryProblem(event: DeviceEvent, known: IngestContext['known']): string | null {
	switch (event.type) {
		case 'courier.position':
			return known.vehicles.has(event.vehicleId) ? null : `vehicleId: no vehicle "${event.vehicleId}" is registered`;
		case 'lab.counts':
		case 'box.received':
		case 'lab.pool_result':
			return known.labs.has(event.labId) ? null : `labId: no lab "${event.labId}" is registered`;
		case 'box.picked_up':
			if (!known.vehicles.has(event.vehicleId)) return `vehicleId: no vehicle "${event.vehicleId}" is registered`;
			return known.sites.has(event.siteId) ? null : `siteId: no site "${event.siteId}" is registered`;
		default:
			return known.sites.has(event.siteId) ? null : `siteId: no site "${event.siteId}" is registered`;
	}
}

export async function ingestEvents({ ctx, input, device }: { ctx: IngestContext; input: unknown[]; device: DevicePrincipal }): Promise<IngestResponse> {
	const now = ctx.now();
	const results: (IngestResult | null)[] = [];
	const toAppend: { index: number; event: NormalizedEvent }[] = [];
	for (const [index, raw] of input.entries()) {
		const check = checkDeviceEvent(raw, now);
		if (!check.ok) {
			results.push(reject(ctx, check.id, check.reason));
			continue;
		}
		const event = check.event;
		const outOfScope = scopeProblem(event, device);
		if (outOfScope) {
			results.push(reject(ctx, event.id, outOfScope));
			continue;
		}
		const unregistered = registryProblem(event, ctx.known);
		if (unregistered) {
			results.push(reject(ctx, event.id, unregistered));
			continue;
		}
		results.push(null);
		toAppend.push({ index, event: normalizeEvent(event) });
	}
	// Throws when the log is unreachable: the caller answers 503 and nothing is acknowledged.
	const outcomes = await ctx.log.append(toAppend.map((item) => item.event));
	for (const [position, { index, event }] of toAppend.entries()) {
		if (outcomes[position] === 'conflict') {
			ctx.metrics.increment('ingest_conflicts_total', { type: event.type });
			results[index] = { id: event.id, status: 'conflict', code: 409, reason: `id: ${event.id} was already accepted with different content; the first stands (a changed event needs a new id)` };
			continue;
		}
		const duplicate = outcomes[position] === 'duplicate';
		ctx.metrics.increment(duplicate ? 'ingest_duplicates_total' : 'ingest_accepted_total', { type: event.type });
		results[index] = { id: event.id, status: 'accepted', duplicate };
	}
	const final = results as IngestResult[];
	const accepted = final.filter((result) => result.status === 'accepted').length;
	const conflicts = final.filter((result) => result.status === 'conflict').length;
	return { accepted, rejected: final.length - accepted, conflicts, results: final };
}

function reject(ctx: IngestContext, id: string | null, reason: string): IngestResult {
	ctx.metrics.increment('ingest_rejected_total', { field: refusalField(reason) });
	return { id, status: 'rejected', reason };
}
