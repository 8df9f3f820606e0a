/**
 * Ingest over a kept-open socket (the /device namespace): a device or a platform gateway
 * authenticates once on the handshake and posts batches with an acknowledgement. The same checks
 * and answers as POST /api/ingest/events; acknowledged only after the durable append. The ack is
 * ok whenever the events were answered for, each with its result: a device resends only on
 * ok: false (nothing was taken); a rejected or conflicting (409) event is final and must not be
 * resent unchanged.
 */
import type { Namespace } from 'socket.io';
import { ingestBatch, type DeviceClientToServerEvents, describeIssue } from '../../src/lib/protocol/index';
import { issueZh } from '../../src/lib/i18n/zod-issue-text';
import type { Authenticator } from '../auth/authenticate';
import { authorize } from '../auth/authorize';
import { DEVICE, DEVICE_SOCKET_EVENT_POLICIES } from '../auth/policies';
import type { Principal } from '../auth/principal';
import type { RateLimiter } from '../auth/rate-limit';
import { ingestEvents, type DevicePrincipal, type IngestContext } from './ingest-events';
import { LOG_UNAVAILABLE } from './http-ingest';

const refusal = (text: { zh: string; en: string }) => ({ ok: false as const, error: text.en, message: text });

export function attachDeviceIngest({ namespace, ctx, authenticator, limiter }: { namespace: Namespace<DeviceClientToServerEvents>; ctx: IngestContext; authenticator: Authenticator; limiter: RateLimiter }): void {
	namespace.use(async (socket, next) => {
		const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : null;
		const principal: Principal = token ? ((await authenticator.fromToken(token).catch(() => null)) ?? { kind: 'anonymous' }) : { kind: 'anonymous' };
		const verdict = authorize(DEVICE, principal);
		if (!verdict.ok) return next(new Error(verdict.reason));
		socket.data.device = principal;
		next();
	});

	namespace.on('connection', (socket) => {
		const device = socket.data.device as DevicePrincipal;
		socket.on('events:post', async (batch, ack) => {
			if (typeof ack !== 'function') return;
			if (!authorize(DEVICE_SOCKET_EVENT_POLICIES['events:post'], device).ok) return ack(refusal({ zh: '此设备无权上报', en: 'not allowed' }));
			if (!limiter.take(device.deviceId)) return ack(refusal({ zh: '此设备请求过于频繁，请放慢速度后重发', en: 'too many requests from this device; slow down and resend' }));
			const parsed = ingestBatch.safeParse(batch);
			if (!parsed.success) {
				const issue = parsed.error.issues[0];
				return ack(refusal({ zh: issueZh(issue, batch), en: `${issue.path.join('.') || 'body'}: ${describeIssue(issue, batch)}` }));
			}
			try {
				ack({ ok: true, data: await ingestEvents({ ctx, input: parsed.data.events, device }) });
			} catch (error) {
				ack(refusal(LOG_UNAVAILABLE(error as Error)));
			}
		});
	});
}
