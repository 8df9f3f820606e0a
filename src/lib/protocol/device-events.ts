/**
 * What field devices send: site tablets, courier phones and lab systems.
 * Every event carries an id made on the device; storage is idempotent on it, so a device may
 * resend anything it is unsure about.
 */
import { z } from 'zod';

export const COORDINATE_SYSTEMS = ['wgs84', 'gcj02', 'bd09', 'cgcs2000'] as const;
export const POOLING_MODES = ['1:1', 'household', '10:1', '20:1'] as const;

/** Limits of one ingest request. */
export const INGEST_LIMITS = {
	maxBodyBytes: 1024 * 1024,
	maxEventsPerBatch: 1000,
	/** A device clock may run ahead a little; more than this is a wrong clock, not a real time. */
	maxFutureSkewMs: 5 * 60 * 1000,
	/** Older than this is refused: a position from last week is not "late", it is lost data. */
	maxAgeMs: 7 * 24 * 60 * 60 * 1000
} as const;

const id = z
	.string({ error: 'must be a string' })
	.min(8, 'must be 8–64 characters')
	.max(64, 'must be 8–64 characters')
	.regex(/^[A-Za-z0-9_.:-]+$/, 'may use only letters, digits and _ . : -');

const entityId = z
	.string({ error: 'must be a string' })
	.min(1, 'must not be empty')
	.max(64, 'must be at most 64 characters')
	.regex(/^[A-Za-z0-9_.:-]+$/, 'may use only letters, digits and _ . : -');

const timestamp = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with a zone, e.g. 2026-11-23T08:00:00+08:00' });

const finite = (what: string) => z.number({ error: `${what} must be a number` }).refine(Number.isFinite, `${what} must be finite`);

const envelope = {
	id,
	deviceId: entityId,
	at: timestamp
};

export const courierPositionEvent = z.strictObject({
	...envelope,
	type: z.literal('courier.position'),
	vehicleId: entityId,
	lat: finite('lat').pipe(z.number().min(-90, 'lat must be within -90..90').max(90, 'lat must be within -90..90')),
	lon: finite('lon').pipe(z.number().min(-180, 'lon must be within -180..180').max(180, 'lon must be within -180..180')),
	crs: z.enum(COORDINATE_SYSTEMS, { error: `crs must be one of ${COORDINATE_SYSTEMS.join(', ')}` }).default('wgs84'),
	speedKmh: finite('speedKmh').pipe(z.number().min(0).max(300, 'speedKmh must be within 0..300')).optional(),
	heading: finite('heading').pipe(z.number().min(0).max(360, 'heading must be within 0..360')).optional(),
	accuracyM: finite('accuracyM').pipe(z.number().min(0).max(100_000)).optional()
}).refine((fix) => !(fix.lat === 0 && fix.lon === 0), { message: '0,0 is what a GPS without a fix reports, not a position', path: ['lat'] });

export const siteQueueEvent = z.strictObject({
	...envelope,
	type: z.literal('site.queue'),
	siteId: entityId,
	queueLength: z.number().int('queueLength must be a whole number').min(0, 'queueLength must be ≥ 0').max(100_000, 'queueLength must be ≤ 100000'),
	/**
	 * People sampled at this site so far today (service day, China time), as the tablet counted
	 * them when it scanned each one: the day's count between boxes, which are sealed only hourly.
	 */
	sampledToday: z.number().int('sampledToday must be a whole number').min(0, 'sampledToday must be ≥ 0').max(1_000_000, 'sampledToday must be ≤ 1000000').optional()
});

/** The site opens, pauses (a break, bad weather) or closes; a paused or closed site takes nobody. */
export const siteStatusEvent = z.strictObject({
	...envelope,
	type: z.literal('site.status'),
	siteId: entityId,
	status: z.enum(['open', 'paused', 'closed'], { error: 'status must be one of open, paused, closed' })
});

export const siteBoxSealedEvent = z
	.strictObject({
		...envelope,
		type: z.literal('site.box_sealed'),
		siteId: entityId,
		boxId: entityId,
		tubes: z.number().int('tubes must be a whole number').min(1, 'tubes must be ≥ 1').max(10_000, 'tubes must be ≤ 10000'),
		people: z.number().int('people must be a whole number').min(1, 'people must be ≥ 1').max(200_000, 'people must be ≤ 200000'),
		pooling: z.enum(POOLING_MODES, { error: `pooling must be one of ${POOLING_MODES.join(', ')}` }),
		/**
		 * Which households' people went into which tube, as the registration desk scanned them:
		 * what lets a positive pool be traced to its households for re-testing. Optional.
		 */
		pools: z
			.array(z.strictObject({ tube: entityId, householdIds: z.array(entityId, { error: 'householdIds must be a list of household codes' }).min(1, 'householdIds must name at least one household').max(20, 'householdIds may name at most 20 households') }), { error: 'pools must be a list of {tube, householdIds}' })
			.max(10_000)
			.optional()
	})
	.refine((box) => box.people >= box.tubes, { message: 'people must be ≥ tubes (a tube holds at least one person)', path: ['people'] })
	.refine((box) => !box.pools || box.pools.length <= box.tubes, { message: 'pools must not list more tubes than the box holds', path: ['pools'] })
	.refine((box) => !box.pools || new Set(box.pools.map((pool) => pool.tube)).size === box.pools.length, { message: 'pools must list each tube once', path: ['pools'] });

/** An ID number (18 digits, the last may be X): never accepted where a roster code belongs. */
export const ID_NUMBER_PATTERN = /^\d{17}[\dXx]$/;

/** A roster code (花名册 QR) or household code: letters, digits and _ . : -, and never an ID number. */
const rosterCode = entityId.refine((code) => !ID_NUMBER_PATTERN.test(code), {
	message: 'looks like an ID number (身份证号); scan the roster QR or type the roster code instead: an ID number never travels',
	params: { zh: '所填编码像是身份证号：请扫描花名册二维码或输入花名册编码，身份证号不得上传' }
});

/** Samples per site.sampled event: a desk's batch of the last minute or so. */
export const MAX_SAMPLES_PER_EVENT = 500;

/**
 * People sampled, as the registration desk linked each to a tube (issue 15): by the member's
 * roster code, or by the household code for 一户一管 (every member of the household in one tube).
 * Sent in small batches; idempotent on the event id, and a member sampled twice in a day counts
 * once. `via: door_to_door` is a mobile team sampling at home (上门采样): siteId is then the site
 * the team works from.
 */
export const siteSampledEvent = z
	.strictObject({
		...envelope,
		type: z.literal('site.sampled'),
		siteId: entityId,
		via: z.enum(['site', 'door_to_door'], { error: 'via must be one of site, door_to_door' }).default('site'),
		samples: z
			.array(
				z
					.strictObject({ tube: entityId, memberCode: rosterCode.optional(), householdCode: rosterCode.optional() })
					.refine((sample) => (sample.memberCode === undefined) !== (sample.householdCode === undefined), { message: 'give exactly one of memberCode (a person) or householdCode (一户一管)' }),
				{ error: 'samples must be a list of {tube, memberCode} or {tube, householdCode}' }
			)
			.min(1, 'samples must hold at least one sample')
			.max(MAX_SAMPLES_PER_EVENT, `samples may hold at most ${MAX_SAMPLES_PER_EVENT}`)
	});

const tubesCounted = z.number().int('tubesCounted must be a whole number').min(0, 'tubesCounted must be ≥ 0').max(10_000, 'tubesCounted must be ≤ 10000');

/** A courier takes a sealed box at its site, counting the tubes (交接登记). */
export const boxPickedUpEvent = z.strictObject({
	...envelope,
	type: z.literal('box.picked_up'),
	boxId: entityId,
	siteId: entityId,
	vehicleId: entityId,
	tubesCounted
});

/** A lab or transfer station receives a box, counting the tubes; a station hands it on by a new pickup. */
export const boxReceivedEvent = z.strictObject({
	...envelope,
	type: z.literal('box.received'),
	boxId: entityId,
	labId: entityId,
	tubesCounted
});

/** A lab's running totals for the service day of `at` (China time): tubes received and tested so far. */
export const labCountsEvent = z
	.strictObject({
		...envelope,
		type: z.literal('lab.counts'),
		labId: entityId,
		receivedTubes: z.number().int('receivedTubes must be a whole number').min(0, 'receivedTubes must be ≥ 0').max(10_000_000, 'receivedTubes must be ≤ 10000000'),
		testedTubes: z.number().int('testedTubes must be a whole number').min(0, 'testedTubes must be ≥ 0').max(10_000_000, 'testedTubes must be ≤ 10000000')
	})
	.refine((counts) => counts.testedTubes <= counts.receivedTubes, { message: 'testedTubes must be ≤ receivedTubes', path: ['testedTubes'] });

/** A lab's result for one tube (a pool) of a box; a positive pool means its members are re-tested singly at once. */
export const labPoolResultEvent = z.strictObject({
	...envelope,
	type: z.literal('lab.pool_result'),
	labId: entityId,
	boxId: entityId,
	tube: entityId,
	result: z.enum(['positive', 'negative'], { error: 'result must be one of positive, negative' })
});

export const deviceEvent = z.discriminatedUnion('type', [courierPositionEvent, siteQueueEvent, siteBoxSealedEvent, siteStatusEvent, labCountsEvent, boxPickedUpEvent, boxReceivedEvent, labPoolResultEvent, siteSampledEvent], {
	error: 'type must be one of courier.position, site.queue, site.box_sealed, site.status, lab.counts, box.picked_up, box.received, lab.pool_result, site.sampled'
});

export type CourierPositionEvent = z.infer<typeof courierPositionEvent>;
export type SiteQueueEvent = z.infer<typeof siteQueueEvent>;
export type SiteBoxSealedEvent = z.infer<typeof siteBoxSealedEvent>;
export type LabCountsEvent = z.infer<typeof labCountsEvent>;
export type SiteStatusEvent = z.infer<typeof siteStatusEvent>;
export type SiteSampledEvent = z.infer<typeof siteSampledEvent>;
export type DeviceEvent = z.infer<typeof deviceEvent>;
export type DeviceEventType = DeviceEvent['type'];
export const DEVICE_EVENT_TYPES: DeviceEventType[] = ['courier.position', 'site.queue', 'site.box_sealed', 'site.status', 'lab.counts', 'box.picked_up', 'box.received', 'lab.pool_result', 'site.sampled'];

/** The body of POST /api/ingest/events. Events are checked one by one, so one bad event does not sink the batch. */
export const ingestBatch = z.object({
	events: z
		.array(z.unknown(), { error: 'events must be an array' })
		.min(1, 'events must hold at least one event')
		.max(INGEST_LIMITS.maxEventsPerBatch, `events may hold at most ${INGEST_LIMITS.maxEventsPerBatch} events`)
});

/**
 * One event's answer. accepted: durable (duplicate: this id was accepted before with the same
 * content). rejected: refused, with the field at fault. conflict (code 409): this id was accepted
 * before with different content; the first stands. A device must not resend a rejected or
 * conflicting event unchanged: a changed event needs a new id. `reason` is the English;
 * `message` holds it in zh and en for a person reading it on a device's screen.
 */
export type IngestResult =
	| { id: string | null; status: 'accepted'; duplicate: boolean }
	| { id: string | null; status: 'rejected'; reason: string; message?: { zh: string; en: string } }
	| { id: string; status: 'conflict'; code: 409; reason: string; message?: { zh: string; en: string } };

export interface IngestResponse {
	accepted: number;
	/** Every event not accepted, conflicts included: accepted + rejected is the batch. */
	rejected: number;
	/** How many of the rejected were conflicts. */
	conflicts: number;
	results: IngestResult[];
}

export type EventCheck = { ok: true; event: DeviceEvent } | { ok: false; id: string | null; reason: string };

/**
 * Parse one raw event and check what a schema cannot: its time against the receiver's clock.
 * The reason names the field so the sender can act on it.
 */
export function checkDeviceEvent(raw: unknown, now: number): EventCheck {
	const rawId = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;
	const parsed = deviceEvent.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = issue.path.length > 0 ? issue.path.join('.') : 'event';
		return { ok: false, id: rawId, reason: `${field}: ${describeIssue(issue, raw)}` };
	}
	const at = Date.parse(parsed.data.at);
	if (at > now + INGEST_LIMITS.maxFutureSkewMs) {
		return { ok: false, id: rawId, reason: `at: ${parsed.data.at} is more than 5 minutes in the future; check the device clock` };
	}
	if (at < now - INGEST_LIMITS.maxAgeMs) {
		return { ok: false, id: rawId, reason: `at: ${parsed.data.at} is more than 7 days old` };
	}
	return { ok: true, event: parsed.data };
}

/** The message of a schema issue, with "is required" for a field that is simply absent. */
export function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
	if (issue.code !== 'invalid_type' || issue.path.length === 0) return issue.message;
	let value: unknown = raw;
	for (const key of issue.path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
	return value === undefined ? 'is required' : issue.message;
}
