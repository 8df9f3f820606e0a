/**
 * How an operation says no. Modules never speak HTTP: an operation throws a ServiceError with a code
 * (stable, for clients to branch on), a kind (what sort of no it is) and the reason in both
 * languages; the router maps the kind to an HTTP status (server/web/service-error-response.ts).
 *
 * Each area defines its refusals once, beside its operations:
 *
 *   const refuse = serviceErrors({
 *     staff_not_at_site: { kind: 'conflict', text: ({ names, site }: { names: string; site: string }) => ({
 *       zh: `${names} 已不在${site}，看板已过时，未作任何更改`,
 *       en: `${names} are no longer at ${site}; the board was out of date, nothing was changed`
 *     }) }
 *   });
 *   throw refuse('staff_not_at_site', { names, site });
 */

/** What sort of no: the input is wrong, names nothing, clashes with the current state, is not allowed, … */
export type ServiceErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unprocessable' | 'too_many' | 'unavailable';

/** A sentence a person reads, in both languages of the UI. */
export interface Bilingual {
	zh: string;
	en: string;
}

export class ServiceError extends Error {
	constructor(
		readonly code: string,
		readonly kind: ServiceErrorKind,
		readonly text: Bilingual
	) {
		super(text.en);
		this.name = 'ServiceError';
	}
}

type Catalog = Record<string, { kind: ServiceErrorKind; text: (params: never) => Bilingual }>;

/** An area's refusals: `refuse(code, params)` builds the ServiceError, its params typed by the catalog. */
export function serviceErrors<T extends Catalog>(catalog: T) {
	return <C extends keyof T & string>(code: C, ...params: Parameters<T[C]['text']> extends [] ? [] : [Parameters<T[C]['text']>[0]]): ServiceError => {
		const entry = catalog[code];
		return new ServiceError(code, entry.kind, (entry.text as (p: unknown) => Bilingual)(params[0]));
	};
}
