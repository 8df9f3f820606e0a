/**
 * GET /api/openapi.json: the device API as an OpenAPI 3.1 document, for a platform integrator
 * (平台接入) to generate a client from. The event schemas are the very zod schemas ingest checks
 * with (src/lib/protocol/device-events.ts), turned into JSON Schema by zod, so the document cannot
 * drift from what the server accepts. It holds no personal data and no ids of this deployment.
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { DEVICE_EVENT_TYPES, deviceEvent, INGEST_LIMITS, type IngestResponse } from '../../src/lib/protocol/index';
import { sendJson } from '../http/http-utils';
import { followUpRequest } from '../modules/quarantine/follow-up-refusals';

/** A reason for a person to read on a device's screen, in both languages (`reason` stays the English). */
const personMessage = z.object({ zh: z.string(), en: z.string() }).describe('the reason for a person, in both languages');

/** One event's answer, as ingest writes it (checked against IngestResponse below). */
const ingestResult = z.discriminatedUnion('status', [
	z.object({ id: z.string().nullable(), status: z.literal('accepted'), duplicate: z.boolean().describe('this id was accepted before with the same content') }),
	z.object({ id: z.string().nullable(), status: z.literal('rejected'), reason: z.string().describe('the field at fault, then what is wrong with it'), message: personMessage.optional() }),
	z.object({ id: z.string(), status: z.literal('conflict'), code: z.literal(409), reason: z.string().describe('this id was accepted before with different content; the first stands'), message: personMessage.optional() })
]);
const ingestResponse = z.object({
	accepted: z.number().int(),
	rejected: z.number().int().describe('every event not accepted, conflicts included: accepted + rejected is the batch'),
	conflicts: z.number().int(),
	results: z.array(ingestResult).describe('one answer per event, in the order sent')
});
// The documented answer is the one the code sends: a change to either fails type-checking here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const answerMatchesCode: Same<z.infer<typeof ingestResponse>, IngestResponse> = true;
void answerMatchesCode;

/** Component names of the event schemas: courier.position → CourierPositionEvent. */
const eventSchemaName = (type: string) => `${type.split(/[._]/).map((word) => word[0].toUpperCase() + word.slice(1)).join('')}Event`;

/** What every refusal of a whole request looks like. */
const refusal = z.object({
	error: z.string().describe('the reason, in English'),
	code: z.string().optional().describe('a stable code to branch on'),
	message: z.object({ zh: z.string(), en: z.string() }).optional().describe('the reason for a person, in both languages')
});

/** The Traccar Client's JSON form (its query form is described by the parameters). */
const osmandJson = z.object({
	device_id: z.string().max(64),
	location: z.object({
		timestamp: z.union([z.string(), z.number()]).optional(),
		coords: z.object({ latitude: z.number(), longitude: z.number(), speed: z.number().optional().describe('m/s'), heading: z.number().optional(), accuracy: z.number().optional(), altitude: z.number().optional() }),
		battery: z.object({ level: z.number().optional() }).optional(),
		is_moving: z.boolean().optional()
	})
});

const jsonSchema = (schema: z.ZodType) => {
	const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
	return rest;
};

const json = (schema: unknown, description: string) => ({ description, content: { 'application/json': { schema } } });
const refused = (description: string) => json({ $ref: '#/components/schemas/Refusal' }, description);
const retryAfter = { 'Retry-After': { description: 'seconds to wait before resending', schema: { type: 'integer' } } };
const fieldPage = (summary: string, kind: string) => ({
	get: {
		operationId: summary.replace(/\W+(\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toLowerCase()),
		summary,
		tags: ['field pages'],
		security: [{ deviceToken: [] }],
		description: `For a ${kind}: the device's own page (what its field page shows), limited to the site or vehicle its credential names.`,
		responses: {
			'200': json({ type: 'object' }, 'the page'),
			'401': refused('no or unknown credential'),
			'403': refused(`the credential is not a ${kind}'s`)
		}
	}
});

const osmandParameters = [
	['id', 'the tracker id an admin registered to a vehicle (or deviceid)'],
	['deviceid', 'same as id'],
	['lat', 'latitude, WGS 84'],
	['lon', 'longitude, WGS 84'],
	['location', 'lat,lon instead of lat and lon'],
	['timestamp', 'Unix seconds or ms, ISO 8601, or "yyyy-MM-dd HH:mm:ss" UTC; the arrival time when absent'],
	['speed', 'knots'],
	['bearing', 'degrees'],
	['heading', 'degrees (same as bearing)'],
	['altitude', 'metres'],
	['accuracy', 'metres'],
	['hdop', 'horizontal dilution of precision'],
	['batt', 'battery, 0–100']
].map(([name, description]) => ({ name, in: 'query', required: false, description, schema: { type: 'string' } }));

function build(): Record<string, unknown> {
	// Each event type as its own schema, straight from the union ingest parses with.
	const eventSchemas = deviceEvent.options.map((option) => {
		const schema = jsonSchema(option);
		const type = String((schema.properties as { type: { const: string } }).type.const);
		return [eventSchemaName(type), type, schema] as const;
	});
	const osmandOperation = (method: 'get' | 'post') => ({
		operationId: `osmand${method === 'get' ? 'Get' : 'Post'}`,
		summary: 'A position in the OsmAnd protocol (Traccar Client)',
		tags: ['device ingest'],
		security: [],
		description: 'No credential: only tracker ids an admin registered to a vehicle are taken. A value the app reports as unknown (-1) or out of range is dropped, never the position.',
		parameters: osmandParameters,
		...(method === 'post' ? { requestBody: { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/OsmAndJson' } }, 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } } } : {}),
		responses: {
			'200': { description: 'taken', content: { 'text/plain': { schema: { type: 'string', const: 'OK' } } } },
			'400': refused('no id, no valid position or time'),
			'403': refused('a tracker id no admin registered'),
			'409': refused('this fix was taken before with different content'),
			'429': { ...refused('too many requests from this tracker'), headers: retryAfter }
		}
	});
	return {
		openapi: '3.1.0',
		info: {
			title: 'PCR command centre: device API',
			version: '1',
			description:
				'What field devices and platform gateways send: site tablets, courier phones, lab systems. Every event carries an id made on the device; storage is idempotent on it, so resend anything you are unsure of with the same id and the same content. A changed event needs a new id. The same events may be sent over Socket.io (namespace /devices, event "events", the same body and answer).'
		},
		servers: [{ url: '/' }],
		tags: [{ name: 'device ingest' }, { name: 'field pages' }],
		paths: {
			'/api/ingest/events': {
				post: {
					operationId: 'postEvents',
					summary: 'A batch of device events, answered per event',
					tags: ['device ingest'],
					security: [{ deviceToken: [] }],
					description: `At most ${INGEST_LIMITS.maxEventsPerBatch} events and ${INGEST_LIMITS.maxBodyBytes} bytes a request. An event's time may be at most 5 minutes ahead of the server's clock and at most 7 days old. A device reports only for the site, vehicle or lab its credential names. Event types: ${DEVICE_EVENT_TYPES.join(', ')}.`,
					requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/IngestRequest' } } } },
					responses: {
						'200': json({ $ref: '#/components/schemas/IngestResponse' }, 'every event answered: accepted (durable), rejected (with the field at fault) or conflict'),
						'400': refused('the body is not JSON or has no events array'),
						'401': refused('no or unknown device credential'),
						'403': refused('the credential is not a device’s'),
						'413': refused('the body is too large'),
						'429': { ...refused('too many requests from this device: wait, then resend'), headers: retryAfter },
						'503': { ...refused('the event log is unavailable: nothing was accepted, resend later'), headers: retryAfter }
					}
				}
			},
			'/api/ingest/osmand': { get: osmandOperation('get'), post: osmandOperation('post') },
			'/api/field/site': fieldPage('A site tablet’s page', 'site tablet'),
			'/api/field/site/arrivals/{id}': {
				post: {
					operationId: 'confirmArrival',
					summary: 'A site tablet confirms that moved samplers have arrived',
					tags: ['field pages'],
					security: [{ deviceToken: [] }],
					description: 'The receiving site’s tablet says the samplers of a staff move are there: from then on they staff its desks (without it, they count from their expected arrival).',
					parameters: [{ name: 'id', in: 'path', required: true, description: 'the staff move', schema: { type: 'integer', minimum: 1 } }],
					responses: {
						'200': json({ type: 'object', required: ['moveId', 'arrivedAt'], properties: { moveId: { type: 'integer' }, arrivedAt: { type: 'string', format: 'date-time' }, eventId: { type: ['string', 'null'] } } }, 'the arrival recorded (a repeat answers the first arrival)'),
						'400': refused('the move id is not a positive whole number'),
						'401': refused('no or unknown credential'),
						'403': refused('the credential is not a site tablet’s, or the move is to another site'),
						'404': refused('no such move'),
						'409': refused('the move was undone')
					}
				}
			},
			'/api/field/courier': fieldPage('A courier phone’s page', 'courier phone'),
			'/api/field/transfer': fieldPage('A transfer vehicle phone’s page', 'courier phone'),
			'/api/quarantine/follow-ups': {
				post: {
					operationId: 'postFollowUp',
					summary: 'A quarantine case’s temperature and symptoms, from a village quarantine device',
					tags: ['field pages'],
					security: [{ deviceToken: [] }],
					description:
						'A quarantine_device credential (a village team’s phone, a connected thermometer) records follow-ups for the cases of its villages only; recorded as source device by device:<id>, whatever source the body names. Idempotent on reportId: resend with the same id and content after a network loss. Fever (≥ 37.3 °C) or a symptom proposes a closed-loop transfer for the dispatcher.',
					requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(followUpRequest) } } },
					responses: {
						'201': json({ type: 'object' }, 'recorded'),
						'200': json({ type: 'object' }, 'a resend of a report already recorded: nothing written again'),
						'400': refused('a field is wrong (the message names it), or the report is in the future or too old'),
						'401': refused('no or unknown credential'),
						'403': refused('not a quarantine device, or the case is outside its villages'),
						'404': refused('no such case'),
						'409': refused('the same reportId with other content')
					}
				}
			}
		},
		components: {
			securitySchemes: {
				deviceToken: { type: 'http', scheme: 'bearer', description: 'The device credential (dev_…) an admin issued: `Authorization: Bearer dev_…` (npm run devices, or POST /api/admin/devices).' }
			},
			schemas: {
				IngestRequest: {
					type: 'object',
					required: ['events'],
					properties: { events: { type: 'array', minItems: 1, maxItems: INGEST_LIMITS.maxEventsPerBatch, items: { $ref: '#/components/schemas/DeviceEvent' }, description: 'checked one by one: a bad event is rejected with its reason, the others are still accepted' } }
				},
				IngestResponse: jsonSchema(ingestResponse),
				DeviceEvent: { oneOf: eventSchemas.map(([name]) => ({ $ref: `#/components/schemas/${name}` })), discriminator: { propertyName: 'type', mapping: Object.fromEntries(eventSchemas.map(([name, type]) => [type, `#/components/schemas/${name}`])) } },
				...Object.fromEntries(eventSchemas.map(([name, , schema]) => [name, schema])),
				Refusal: jsonSchema(refusal),
				OsmAndJson: jsonSchema(osmandJson)
			}
		}
	};
}

let cached: string | null = null;

/** The document, built once: the schemas do not change while the server runs. */
export function openApiDocument(): Record<string, unknown> {
	return JSON.parse((cached ??= JSON.stringify(build())));
}

export function handleOpenApi(res: ServerResponse): void {
	sendJson(res, 200, openApiDocument());
}
