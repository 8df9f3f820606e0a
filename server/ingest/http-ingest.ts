import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeIssue, INGEST_LIMITS, ingestBatch } from '../../src/lib/protocol/index';
import { HttpError, readJson, sendError, sendHttpError, sendJson } from '../http/http-utils';
import { issueZh } from '../../src/lib/i18n/zod-issue-text';
import { ingestEvents, type DevicePrincipal, type IngestContext } from './ingest-events';

/** The log could not take the events (shared by the OsmAnd endpoint). */
export const LOG_UNAVAILABLE = (error: Error) => ({ zh: '事件日志暂不可用，本批数据均未接收，请稍后重发', en: `event log unavailable, nothing was accepted; resend later (${error.message})` });

/** POST /api/ingest/events: a batch of device events, answered per event. */
export async function handleIngestEvents(ctx: IngestContext, req: IncomingMessage, res: ServerResponse, device: DevicePrincipal): Promise<void> {
	try {
		const body = await readJson(req, INGEST_LIMITS.maxBodyBytes);
		const batch = ingestBatch.safeParse(body);
		if (!batch.success) {
			const issue = batch.error.issues[0];
			throw new HttpError(400, { zh: issueZh(issue, body), en: `${issue.path.join('.') || 'body'}: ${describeIssue(issue, body)}` }, 'invalid_batch');
		}
		const response = await ingestEvents({ ctx, input: batch.data.events, device });
		sendJson(res, 200, response);
	} catch (error) {
		if (error instanceof HttpError) {
			ctx.metrics.increment('ingest_refused_requests_total', { status: String(error.status) });
			return sendHttpError(res, error);
		}
		// The log could not take the events: nothing was acknowledged, the device must resend.
		ctx.metrics.increment('ingest_unavailable_total');
		res.setHeader('retry-after', '2');
		return sendError(res, 503, LOG_UNAVAILABLE(error as Error), 'log_unavailable');
	}
}
