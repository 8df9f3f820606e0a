/**
 * The one place a refusal becomes an HTTP answer: its status from its kind, and a body with the
 * code, the English reason as `error` (what clients have always read) and both languages as
 * `message`, which pages show in the user's language.
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http/http-utils';
import type { ServiceError, ServiceErrorKind } from '../modules/service-error';

const STATUS_OF: Record<ServiceErrorKind, number> = {
	invalid: 400,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	unprocessable: 422,
	too_many: 429,
	unavailable: 503
};

export function sendServiceError(res: ServerResponse, refusal: ServiceError): void {
	sendJson(res, STATUS_OF[refusal.kind], { error: refusal.text.en, code: refusal.code, message: refusal.text });
}
