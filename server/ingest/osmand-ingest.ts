/**
 * Positions from the Traccar Client app (OsmAnd protocol, src/lib/protocol/osmand.ts), at
 * /api/ingest/osmand and, when OSMAND_PORT is set, at any path of that port (the app's default
 * server address is port 5055). A fix from a registered tracker becomes a courier.position event of
 * its vehicle and goes through the same ingest as every device's; its id is made from the tracker
 * and the fix time, so a resent fix counts once. The app only looks at the status: 200 on success.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseOsmAndJson, parseOsmAndQuery, type OsmAndParse } from '../../src/lib/protocol/osmand';
import { HttpError, readBody, sendError } from '../http/http-utils';
import type { RateLimiter } from '../auth/rate-limit';
import type { TrackerDirectory } from '../modules/trackers/trackers';
import { ingestEvents, type IngestContext } from './ingest-events';
import { osmandPositionEvent } from './osmand-event';

const MAX_BODY_BYTES = 16 * 1024;

export interface OsmAndContext {
	ingest: IngestContext;
	trackers: TrackerDirectory;
	limiter: RateLimiter;
}

export async function handleOsmAnd(ctx: OsmAndContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
	if (req.method !== 'GET' && req.method !== 'POST') return sendError(res, 405, 'use GET or POST');
	let parsed: OsmAndParse;
	try {
		parsed = await parseRequest(req, url, ctx.ingest.now());
	} catch (error) {
		if (error instanceof HttpError) return sendError(res, error.status, error.message);
		throw error;
	}
	if (!parsed.ok) return sendError(res, 400, parsed.reason);
	const { fix, dropped } = parsed;
	if (!ctx.limiter.take(`osmand:${fix.deviceId}`)) {
		res.setHeader('retry-after', '1');
		return sendError(res, 429, 'too many requests from this device; slow down and resend');
	}
	const vehicleId = await ctx.trackers.vehicleOf(fix.deviceId);
	if (!vehicleId) {
		// Behind a proxy every request shares the proxy's address: notes then slow down for all, which only delays a list.
		await ctx.trackers.noteUnknown(fix.deviceId, fix, req.socket.remoteAddress ?? 'unknown');
		return sendError(res, 403, `unknown device id "${fix.deviceId}": an admin must register it to a vehicle first (npm run devices -- add ${fix.deviceId})`);
	}
	// An unknown or wrong optional value never costs the fix; it is counted (the field names are a fixed set).
	for (const field of dropped) ctx.ingest.metrics.increment('osmand_fields_dropped_total', { field });
	const event = osmandPositionEvent(fix, vehicleId);
	try {
		const answer = await ingestEvents({ ctx: ctx.ingest, input: [event], device: { kind: 'device', deviceId: event.deviceId, deviceKind: 'courier_phone', scopeId: vehicleId } });
		const [result] = answer.results;
		if (result.status === 'rejected') return sendError(res, 400, result.reason);
		// The same tracker and fix time with another position: the first stands; resending will not change it.
		if (result.status === 'conflict') return sendError(res, 409, result.reason);
		res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
		res.end('OK');
	} catch (error) {
		// The log could not take it: the app keeps the fix and resends.
		res.setHeader('retry-after', '2');
		return sendError(res, 503, `event log unavailable, nothing was accepted; resend later (${(error as Error).message})`);
	}
}

async function parseRequest(req: IncomingMessage, url: URL, now: number): Promise<OsmAndParse> {
	if (req.method === 'GET') return parseOsmAndQuery(url.searchParams, now);
	const type = req.headers['content-type'] ?? '';
	const body = await readBody(req, MAX_BODY_BYTES);
	if (type.startsWith('application/json')) {
		try {
			return parseOsmAndJson(JSON.parse(body), now);
		} catch (error) {
			if (error instanceof SyntaxError) return { ok: false, reason: `body is not valid JSON: ${error.message}` };
			throw error;
		}
	}
	// The query form may come in the URL, in a form body, or both.
	const params = new URLSearchParams(url.searchParams);
	for (const [key, value] of new URLSearchParams(body)) params.set(key, value);
	return parseOsmAndQuery(params, now);
}
