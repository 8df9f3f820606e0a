/**
 * GET /api/openapi.json: the device API for a platform integrator, generated from the zod schemas
 * ingest checks with. It parses, names every device route, and a real event fits its request schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { ROUTES } from '../../server/web/routes';
import { DEVICE_EVENT_TYPES } from '../../src/lib/protocol/index';
import { postEvents, startTestApp } from '../fixtures/app';
import { box, labCounts, position, queue } from '../fixtures/events';
import { checkJsonSchema } from '../fixtures/json-schema-check';

let app: App;
let doc: any;
let status = 0;

beforeAll(async () => {
	app = await startTestApp();
	// No credential: the document is public.
	const response = await fetch(`${app.url.replace('localhost', '127.0.0.1')}/api/openapi.json`);
	status = response.status;
	doc = JSON.parse(await response.text());
});
afterAll(async () => app?.close());

const request = () => doc.components.schemas.IngestRequest;

describe('the device API as OpenAPI 3.1', () => {
	it('is served to anyone as an OpenAPI 3.1 document', () => {
		expect(status).toBe(200);
		expect(doc.openapi).toMatch(/^3\.1\./);
		expect(doc.info.title).toBeTruthy();
	});

	it('has every device route, with its method', () => {
		const deviceRoutes = ROUTES.filter((route) => route.policy.kind === 'device' || route.path.startsWith('/api/ingest/'));
		expect(deviceRoutes.length).toBeGreaterThanOrEqual(4);
		// OpenAPI writes a path parameter {id} where the router writes :id.
		for (const route of deviceRoutes) expect(doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
	});

	it('says how a device authenticates, and every answer of the ingest endpoint', () => {
		const ingest = doc.paths['/api/ingest/events'].post;
		expect(ingest.security).toEqual([{ deviceToken: [] }]);
		expect(doc.components.securitySchemes.deviceToken).toMatchObject({ type: 'http', scheme: 'bearer' });
		expect(Object.keys(ingest.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '413', '429', '503']));
		const result = doc.components.schemas.IngestResponse.properties.results.items;
		expect(result.oneOf.map((option: any) => option.properties.status.const).sort()).toEqual(['accepted', 'conflict', 'rejected']);
	});

	it('has a schema for every event type', () => {
		const mapping = doc.components.schemas.DeviceEvent.discriminator.mapping;
		expect(Object.keys(mapping).sort()).toEqual([...DEVICE_EVENT_TYPES].sort());
	});

	it('a batch the server accepts fits the request schema; one missing a required field does not', async () => {
		// A site tablet may add its count of the day to a queue report (people sampled today).
		const events = [position(), queue(), queue({ sampledToday: 120 }), box()];
		const answer = await postEvents(app, { events });
		expect(answer.json.accepted).toBe(events.length);
		expect(checkJsonSchema(doc, request(), { events })).toEqual([]);
		expect(checkJsonSchema(doc, request(), { events: [labCounts()] })).toEqual([]);

		const { tubes: _missing, ...withoutTubes } = box();
		expect(checkJsonSchema(doc, request(), { events: [withoutTubes] })).not.toEqual([]);
		const boxSchema = { $ref: doc.components.schemas.DeviceEvent.discriminator.mapping['site.box_sealed'] };
		expect(checkJsonSchema(doc, boxSchema, withoutTubes).join('\n')).toMatch(/tubes: required/);
		expect(checkJsonSchema(doc, request(), { events: [{ ...queue(), type: 'site.teleport' }] })).not.toEqual([]);
		const queueSchema = { $ref: doc.components.schemas.DeviceEvent.discriminator.mapping['site.queue'] };
		expect(checkJsonSchema(doc, queueSchema, { ...queue(), sampledToday: -1 })).not.toEqual([]);
		expect(checkJsonSchema(doc, request(), { events: [] })).not.toEqual([]);
	});
});
