/** A refusal from the API in the page's language: its `message` in zh and en when it has one, else its `error`. */
export function refusalText(body: unknown, locale: 'zh-CN' | 'en', fallback: string): string {
	const { message, error } = (body ?? {}) as { message?: { zh?: string; en?: string }; error?: string };
	return (locale === 'en' ? message?.en : message?.zh) ?? error ?? fallback;
}

/**
 * Why a field page could not open, for the person holding the phone: a 401 means the link's device
 * credential is wrong, revoked or not a device's, and the only fix is a new link from the admin
 * (`badLink`), not the API's "Authorization: Bearer dev_…". Other refusals as the API words them.
 */
export function fieldOpenRefusal(status: number, body: unknown, locale: 'zh-CN' | 'en', badLink: string): string {
	return status === 401 ? badLink : refusalText(body, locale, `${status}`);
}
