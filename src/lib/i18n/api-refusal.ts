/**
 * What a page shows of an API refusal: the server's reason in the reader's language
 * (`message.zh` / `message.en`) when it sent both, else its English `error`, else the status.
 */
import type { Locale } from './messages';

export interface ApiRefusalBody {
	error?: string;
	code?: string;
	message?: { zh: string; en: string };
}

export function refusalText(body: unknown, locale: Locale, status?: number): string {
	const refusal = (typeof body === 'object' && body !== null ? body : {}) as ApiRefusalBody;
	if (refusal.message && typeof refusal.message.zh === 'string' && typeof refusal.message.en === 'string') return locale === 'en' ? refusal.message.en : refusal.message.zh;
	if (typeof refusal.error === 'string') return refusal.error;
	return status === undefined ? '' : `HTTP ${status}`;
}

/** The refusal of a response that is not ok, read once (a body that is not JSON gives the status). */
export async function responseRefusal(response: Response, locale: Locale): Promise<string> {
	const body = await response.json().catch(() => null);
	return refusalText(body, locale, response.status);
}
