/**
 * A text in both languages the product speaks, Chinese first (zh-CN, en): how the domain's label
 * tables (symptoms, measures and their reasons, test kinds) are shaped, defined once so that every
 * table is read the same way (`labels[key][locale === 'en' ? 'en' : 'zh']`).
 */
export interface Bilingual {
	zh: string;
	en: string;
}

/** A table naming each key in both languages. */
export type BilingualLabels<K extends string> = Record<K, Bilingual>;
