/**
 * Ingest: checks each device event, appends the good ones to the event log, and answers per
 * event. An event is "accepted" only once the log holds it durably. A bad event changes nothing.
 */
import { checkDeviceEvent, deviceEvent, INGEST_LIMITS, type DeviceEvent, type IngestResponse, type IngestResult } from '../../src/lib/protocol/index';
import { issueZh } from '../../src/lib/i18n/zod-issue-text';
import type { Principal } from '../auth/principal';
import type { Metrics } from '../metrics';
import type { EventLog } from '../pipeline/event-log/event-log';
import { normalizeEvent, type NormalizedEvent } from '../pipeline/normalized-event';
import { refusalField } from './refusal-field';
import type { RosterLookup } from '../modules/coverage/roster-lookup';
import { resolveSampled } from './sampled-codes';

export interface IngestContext {
	log: EventLog;
	metrics: Metrics;
	/** Ids of the sites and vehicles that exist; events about others are refused. */
	known: { sites: ReadonlySet<string>; vehicles: ReadonlySet<string>; labs: ReadonlySet<string> };
	now: () => number;
	/** The roster (花名册) that site.sampled codes are checked against; without it they are refused. */
	roster?: RosterLookup;
}

export type DevicePrincipal = Extract<Principal, { kind: 'device' }>;

/** A refusal of one event: the English reason (field first, as devices and metrics read it) and the Chinese. */
interface Problem {
	zh: string;
	en: string;
	/** The device API's `reason` (field path first, counted in /metrics) when it differs from the English people read. */
	reason?: string;
}

const DEVICE_KIND_ZH: Record<string, string> = { site_tablet: '采样点平板', courier_phone: '送样员手机', lab_system: '实验室系统', platform_gateway: '平台网关' };
const kindZh = (kind: string) => DEVICE_KIND_ZH[kind] ?? kind;
const mayNotPost = (kind: string, type: string): Problem => ({ zh: `${kindZh(kind)}不能上报此类事件（${type}）`, en: `type: a ${kind} may not post ${type}` });

/** What a device's credential lets it report: its own events, about its own site or vehicle. */
function scopeProblem(event: DeviceEvent, device: DevicePrincipal): Problem | null {
	// A platform gateway forwards the events of the devices behind it; the registry check still applies.
	if (device.deviceKind === 'platform_gateway') return device.scopeId === '*' ? null : { zh: '此网关未授权任何范围', en: 'deviceId: this gateway has no scope' };
	if (event.deviceId !== device.deviceId) return { zh: `此凭证属于设备 ${device.deviceId}，不能代其他设备上报`, en: `deviceId: this credential belongs to device ${device.deviceId}` };
	const onlyVehicle = { zh: `此设备只能上报车辆 ${device.scopeId} 的数据`, en: `vehicleId: this device reports for vehicle ${device.scopeId} only` };
	if (event.type === 'courier.position') {
		if (device.deviceKind !== 'courier_phone') return mayNotPost(device.deviceKind, 'courier.position');
		if (event.vehicleId !== device.scopeId) return onlyVehicle;
		return null;
	}
	if (event.type === 'box.picked_up') {
		if (device.deviceKind !== 'courier_phone') return mayNotPost(device.deviceKind, 'box.picked_up');
		if (event.vehicleId !== device.scopeId) return onlyVehicle;
		return null;
	}
	// A courier hands a box over at a lab or station with the receiver counting on the courier's phone (交接签收).
	if (event.type === 'box.received' && device.deviceKind === 'courier_phone') return null;
	if (event.type === 'lab.counts' || event.type === 'box.received' || event.type === 'lab.pool_result') {
		if (device.deviceKind !== 'lab_system') return mayNotPost(device.deviceKind, event.type);
		if (event.labId !== device.scopeId) return { zh: `此设备只能上报实验室 ${device.scopeId} 的数据`, en: `labId: this device reports for lab ${device.scopeId} only` };
		return null;
	}
	if (device.deviceKind !== 'site_tablet') return mayNotPost(device.deviceKind, event.type);
	if (event.siteId !== device.scopeId) return { zh: `此设备只能上报采样点 ${device.scopeId} 的数据`, en: `siteId: this device reports for site ${device.scopeId} only` };
	return null;
}

/** Events checked between two turns of the event loop (each one is some 20-40 µs of validation, hashing and encoding). */
const YIELD_EVERY_EVENTS = 250;

const noVehicle = (id: string): Problem => ({ zh: `没有登记编号为“${id}”的车辆`, en: `vehicleId: no vehicle "${id}" is registered` });
const noSite = (id: string): Problem => ({ zh: `没有登记编号为“${id}”的采样点`, en: `siteId: no site "${id}" is registered` });

/** Events about a site, vehicle or lab that is not registered are refused, naming it. */
function registryProblem(event: DeviceEvent, known: IngestContext['known']): Problem | null {
	switch (event.type) {
		case 'courier.position':
			return known.vehicles.has(event.vehicleId) ? null : noVehicle(event.vehicleId);
		case 'lab.counts':
		case 'box.received':
		case 'lab.pool_result':
			return known.labs.has(event.labId) ? null : { zh: `没有登记编号为“${event.labId}”的实验室`, en: `labId: no lab "${event.labId}" is registered` };
		case 'box.picked_up':
			if (!known.vehicles.has(event.vehicleId)) return noVehicle(event.vehicleId);
			return known.sites.has(event.siteId) ? null : noSite(event.siteId);
		default:
			return known.sites.has(event.siteId) ? null : noSite(event.siteId);
	}
}

/**
 * The Chinese of an event the shared check refused: the schema's issue in plain words, or its time
 * against the clock. Parsed again only for a refused event (rare), so the check itself stays in the
 * protocol, shared with the devices.
 */
function checkProblemZh(raw: unknown, reason: string): string {
	const parsed = deviceEvent.safeParse(raw);
	if (!parsed.success) return issueZh(parsed.error.issues[0], raw);
	if (reason.includes('in the future')) return `时间比服务器时钟快 ${INGEST_LIMITS.maxFutureSkewMs / 60_000} 分钟以上，请检查设备时钟`;
	if (reason.includes('days old')) return `时间早于 ${INGEST_LIMITS.maxAgeMs / 86_400_000} 天前，不再接收`;
	return '事件未通过检查';
}

export async function ingestEvents({ ctx, input, device }: { ctx: IngestContext; input: unknown[]; device: DevicePrincipal }): Promise<IngestResponse> {
	const now = ctx.now();
	const results: (IngestResult | null)[] = [];
	const toAppend: { index: number; event: NormalizedEvent }[] = [];
	for (const [index, raw] of input.entries()) {
		// A gateway's thousand events take tens of milliseconds to check: let the map's ticks in between.
		if (index > 0 && index % YIELD_EVERY_EVENTS === 0) await new Promise((resolve) => setImmediate(resolve));
		const check = checkDeviceEvent(raw, now);
		if (!check.ok) {
			results.push(reject(ctx, check.id, { zh: checkProblemZh(raw, check.reason), en: check.reason }));
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
	// People sampled name roster codes: one roster query for the batch; an unknown code refuses its event.
	if (toAppend.some((item) => item.event.type === 'site.sampled')) {
		const refused = await resolveSampled(toAppend.map((item) => item.event), ctx.roster);
		for (const [position, problem] of refused) results[toAppend[position].index] = reject(ctx, toAppend[position].event.id, problem);
		for (let position = toAppend.length - 1; position >= 0; position--) if (refused.has(position)) toAppend.splice(position, 1);
	}
	// Throws when the log is unreachable: the caller answers 503 and nothing is acknowledged.
	const outcomes = await ctx.log.append(toAppend.map((item) => item.event));
	// Counted per type once per request, not once per event: a gateway posts a thousand at a time.
	const counted = new Map<string, number>();
	for (const [position, { index, event }] of toAppend.entries()) {
		if (outcomes[position] === 'conflict') {
			ctx.metrics.increment('ingest_conflicts_total', { type: event.type });
			const reason = `id: ${event.id} was already accepted with different content; the first stands (a changed event needs a new id)`;
			results[index] = { id: event.id, status: 'conflict', code: 409, reason, message: { zh: `编号 ${event.id} 的事件此前已以不同内容接收，以第一次为准（修改后的事件须用新编号）`, en: reason } };
			continue;
		}
		const duplicate = outcomes[position] === 'duplicate';
		const key = `${duplicate ? 'ingest_duplicates_total' : 'ingest_accepted_total'} ${event.type}`;
		counted.set(key, (counted.get(key) ?? 0) + 1);
		results[index] = { id: event.id, status: 'accepted', duplicate };
	}
	for (const [key, by] of counted) {
		const [name, type] = key.split(' ');
		ctx.metrics.increment(name, { type }, by);
	}
	const final = results as IngestResult[];
	const accepted = final.filter((result) => result.status === 'accepted').length;
	const conflicts = final.filter((result) => result.status === 'conflict').length;
	return { accepted, rejected: final.length - accepted, conflicts, results: final };
}

function reject(ctx: IngestContext, id: string | null, problem: Problem): IngestResult {
	const reason = problem.reason ?? problem.en;
	ctx.metrics.increment('ingest_rejected_total', { field: refusalField(reason) });
	return { id, status: 'rejected', reason, message: { zh: problem.zh, en: problem.en } };
}
