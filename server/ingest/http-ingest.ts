import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeIssue, INGEST_LIMITS, ingestBatch } from '../../src/lib/protocol/index';
import { HttpError, readJson, sendError, sendJson } from '../http/http-utils';
import { ingestEvents, type DevicePrincipal, type IngestContext } from './ingest-events';

/** POST /api/ingest/events: a batch of device events, answered per event. */
export async function handleIngestEvents(ctx: IngestContext, req: IncomingMessage, res: ServerResponse, device: DevicePrincipal): Promise<void> {
	try {
		const body = await readJson(req, INGEST_LIMITS.maxBodyBytes);
		const batch = ingestBatch.safeParse(body);
		if (!batch.success) {
			const issue = batch.error.issues[0];
			throw new HttpError(400, `${issue.path.join('.') || 'body'}: ${describeIssue(issue, body)}`);
		}
		const response = await ingestEvents({ ctx, input: batch.data.events, device });
		sendJson(res, 200, response);
	} catch (error) {
		if (error instanceof HttpError) {
			ctx.metrics.increment('ingest_refused_requests_total', { status: String(error.status) });
			return sendError(res, error.status, error.message);
		}
		// The log could not take the events: nothing was acknowledged, the device must resend.
		ctx.metrics.increment('ingest_unavailable_total');
		res.setHeader('retry-after', '2');
		return sendError(res, 503, `event log unavailable, nothing was accepted; resend later (${(error as Error).message})`);
	}
}
