/**
 * Positions from the Traccar Client app (OsmAnd protocol, src/lib/protocol/osmand.ts), at
 * /api/ingest/osmand and, when OSMAND_PORT is set, at any path of that port (the app's default
 * server address is port 5055). A fix from a registered tracker becomes a courier.position event of
 * its vehicle and goes through the same ingest as every device's; its id is made from the tracker
 * and the fix time, so a resent fix counts once. The app only looks at the status: 200 on success.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseOsmAndJson, parseOsmAndQuery, type OsmAndParse } from '../../src/lib/protocol/osmand';
import { HttpError, readBody, sendError, sendHttpError } from '../http/http-utils';
import { LOG_UNAVAILABLE } from './http-ingest';
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
	if (req.method !== 'GET' && req.method !== 'POST') return sendError(res, 405, { zh: '此地址只接受 GET 或 POST 请求', en: 'use GET or POST' }, 'method_not_allowed');
	let parsed: OsmAndParse;
	try {
		parsed = await parseRequest(req, url, ctx.ingest.now());
	} catch (error) {
		if (error instanceof HttpError) return sendHttpError(res, error);
		throw error;
	}
	if (!parsed.ok) return sendError(res, 400, { zh: osmandProblemZh(parsed.reason), en: parsed.reason }, 'invalid_fix');
	const { fix, dropped } = parsed;
	if (!ctx.limiter.take(`osmand:${fix.deviceId}`)) {
		res.setHeader('retry-after', '1');
		return sendError(res, 429, { zh: '此设备请求过于频繁，请放慢速度后重发', en: 'too many requests from this device; slow down and resend' }, 'too_many_requests');
	}
	const vehicleId = await ctx.trackers.vehicleOf(fix.deviceId);
	if (!vehicleId) {
		// Behind a proxy every request shares the proxy's address: notes then slow down for all, which only delays a list.
		await ctx.trackers.noteUnknown(fix.deviceId, fix, req.socket.remoteAddress ?? 'unknown');
		return sendError(res, 403, { zh: `未登记的设备编号“${fix.deviceId}”：须由管理员先将其登记到车辆`, en: `unknown device id "${fix.deviceId}": an admin must register it to a vehicle first (npm run devices -- add ${fix.deviceId})` }, 'unknown_tracker');
	}
	// An unknown or wrong optional value never costs the fix; it is counted (the field names are a fixed set).
	for (const field of dropped) ctx.ingest.metrics.increment('osmand_fields_dropped_total', { field });
	const event = osmandPositionEvent(fix, vehicleId);
	try {
		const answer = await ingestEvents({ ctx: ctx.ingest, input: [event], device: { kind: 'device', deviceId: event.deviceId, deviceKind: 'courier_phone', scopeId: vehicleId } });
		const [result] = answer.results;
		if (result.status === 'rejected') return sendError(res, 400, result.message ?? result.reason, 'invalid_fix');
		// The same tracker and fix time with another position: the first stands; resending will not change it.
		if (result.status === 'conflict') return sendError(res, 409, result.message ?? result.reason, 'conflict');
		res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
		res.end('OK');
	} catch (error) {
		// The log could not take it: the app keeps the fix and resends.
		res.setHeader('retry-after', '2');
		return sendError(res, 503, LOG_UNAVAILABLE(error as Error), 'log_unavailable');
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

/** The Chinese of a fix the OsmAnd parser refused (its reasons are a fixed set, field first). */
function osmandProblemZh(reason: string): string {
	const field = reason.split(':')[0];
	if (reason.startsWith('id: the device id is missing')) return '缺少设备编号（id、deviceid 或 device_id）';
	if (field === 'id') return '设备编号只能用字母、数字和 _ . : -，最多 64 个字符';
	if (reason.includes('0,0')) return '坐标 0,0 是 GPS 未定位时的读数，不是有效位置';
	if (reason.startsWith('lat ')) return reason.includes('within') ? '纬度不是有效的纬度（−90 到 90）' : '纬度须为数字';
	if (reason.startsWith('lon ')) return reason.includes('within') ? '经度不是有效的经度（−180 到 180）' : '经度须为数字';
	if (field === 'timestamp') return '时间须为 Unix 秒或毫秒、ISO 8601，或 yyyy-MM-dd HH:mm:ss 格式的有效日期';
	if (reason.startsWith('body: is not valid JSON') || reason.startsWith('body is not valid JSON')) return '请求内容不是有效的 JSON';
	if (field === 'body') return '请求内容须为包含 device_id 和 location 的 JSON 对象';
	if (field === 'location') return '位置须为包含 timestamp 和 coords 的对象';
	if (field === 'location.coords') return '坐标须为包含 latitude 和 longitude 的对象';
	return '定位数据未通过检查';
}
