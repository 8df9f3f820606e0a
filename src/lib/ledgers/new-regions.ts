/**
 * Townships and villages a ledger file names that the county does not have yet: importing makes
 * them, so the report lists them when the file is checked, each with the known name it is one
 * character away from (白番村 beside 白畈村), where there is one: a typo would otherwise make a
 * village of nobody that no coverage figure ever reaches.
 */
export interface NewRegion {
	township: string;
	/** null: the township itself is new. */
	village: string | null;
	/** A known name of the same kind (in the same township) one character away: the likely intended one. */
	near: string | null;
}

/** Two names of the same length that differ in one character (白番村 / 白畈村). */
export function oneCharacterApart(a: string, b: string): boolean {
	const [x, y] = [[...a], [...b]];
	if (x.length !== y.length) return false;
	let differences = 0;
	for (let index = 0; index < x.length; index++) if (x[index] !== y[index] && ++differences > 1) return false;
	return differences === 1;
}

/**
 * The places named that are not known, in the order first named. knownVillages maps a township to
 * its villages' names; a township absent from it is new.
 */
export function findNewRegions(places: readonly { township: string; village?: string | null }[], knownVillages: ReadonlyMap<string, readonly string[]>): NewRegion[] {
	const found = new Map<string, NewRegion>();
	const townships = [...knownVillages.keys()];
	for (const { township, village } of places) {
		const villages = knownVillages.get(township);
		if (!villages && !found.has(township)) found.set(township, { township, village: null, near: townships.find((known) => oneCharacterApart(known, township)) ?? null });
		if (!village || villages?.includes(village)) continue;
		const key = `${township}/${village}`;
		if (!found.has(key)) found.set(key, { township, village, near: villages?.find((known) => oneCharacterApart(known, village)) ?? null });
	}
	return [...found.values()];
}

/** How many the page and the CLI list before saying how many more. */
export const NEW_REGIONS_SHOWN = 30;

/** One new place as the report says it: 白番村（城门街道，是否应为“白畈村”？） / 白番村 (城门街道; did you mean 白畈村?). */
export function describeNewRegion(region: NewRegion, locale: 'zh-CN' | 'en'): string {
	if (locale === 'en') {
		const where = region.village ? `${region.village} (${region.township}` : `${region.township} (township`;
		return `${where}${region.near ? `; did you mean ${region.near}?` : ''})`;
	}
	const where = region.village ? `${region.village}（${region.township}` : `${region.township}（街道`;
	return `${where}${region.near ? `，是否应为“${region.near}”？` : ''}）`;
}

/** The list as one line in the page's language, the first NEW_REGIONS_SHOWN and how many more. */
export function describeNewRegions(regions: readonly NewRegion[], locale: 'zh-CN' | 'en'): string {
	const shown = regions.slice(0, NEW_REGIONS_SHOWN).map((region) => describeNewRegion(region, locale));
	const more = regions.length - shown.length;
	if (locale === 'en') return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
	return `${shown.join('、')}${more > 0 ? ` 等，另有 ${more} 个` : ''}`;
}
