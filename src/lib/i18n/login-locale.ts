import { localeFrom, type Locale } from './messages';

/**
 * The sign-in page's language: its own ?lang=, else the language of the page it returns to
 * (a page sending someone to sign in passes its address as ?next=, with its ?lang=en in it),
 * so an English page never hands over to a Chinese sign-in.
 */
export function loginLocale(search: URLSearchParams): Locale {
	if (search.has('lang')) return localeFrom(search);
	const next = search.get('next') ?? '';
	const query = next.startsWith('/') ? next.indexOf('?') : -1;
	return query === -1 ? 'zh-CN' : localeFrom(new URLSearchParams(next.slice(query + 1)));
}
