/**
 * How a signed-in desk page (/quarantine, /zones) reads its JSON: signed out, it goes to the
 * sign-in page in its language and comes back here after; a role that may not open the page is
 * told so (RoleMayNotOpen), not sent to sign in; any other refusal is given in the page's words.
 */
import { goto } from '$app/navigation';
import { responseRefusal } from '$lib/i18n/api-refusal';
import { withLang } from '$lib/navigation/pages';
import type { Locale } from '$lib/i18n/messages';

export type PageRead<T> = { data: T } | { forbidden: true } | { refused: string } | { signingIn: true };

/** `back`: the page's own path and query, returned to after signing in. */
export async function readPageJson<T>(apiPath: string, { back, locale }: { back: string; locale: Locale }): Promise<PageRead<T>> {
	const response = await fetch(apiPath);
	if (response.status === 401) {
		await goto(withLang(`/login?next=${encodeURIComponent(back)}`, locale));
		return { signingIn: true };
	}
	if (response.status === 403 && (await response.clone().json().catch(() => ({}))).code === 'role_not_allowed') return { forbidden: true };
	if (!response.ok) return { refused: await responseRefusal(response, locale) };
	return { data: (await response.json()) as T };
}
