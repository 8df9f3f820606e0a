/** A refusal from the API in the page's language: its `message` in zh and en when it has one, else its `error`. */
export function refusalText(body: unknown, locale: 'zh-CN' | 'en', fallback: string): string {
	const { message, error } = (body ?? {}) as { message?: { zh?: string; en?: string }; error?: string };
	return (locale === 'en' ? message?.en : message?.zh) ?? error ?? fallback;
}
