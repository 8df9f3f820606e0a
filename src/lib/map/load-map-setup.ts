/**
 * What a page needs before it draws its map: the public config, the web font for every label
 * character (canvas labels are drawn only once the font is there), and the basemap's style.
 * Shared by every page with a map; a refusal comes back in the server's words.
 */
import type { StyleSpecification } from 'maplibre-gl';
import type { PublicConfig } from '$lib/protocol';
import { basemapStyle, MAP_FONT } from './basemap/basemap-style';
import { responseRefusal } from '$lib/i18n/api-refusal';
import { localeFrom } from '$lib/i18n/messages';

export type MapSetup = { ok: true; config: PublicConfig; style: StyleSpecification | string } | { ok: false; error: string };

export async function loadMapSetup(headers: Record<string, string> = {}): Promise<MapSetup> {
	const response = await fetch('/api/config', { headers });
	// In the page's language (?lang=en), as the server gives both.
	if (!response.ok) return { ok: false, error: await responseRefusal(response, localeFrom(new URLSearchParams(location.search))) };
	const config = (await response.json()) as PublicConfig;
	await document.fonts.load(`16px "${MAP_FONT}"`, config.labelCharacters).catch(() => {});
	return { ok: true, config, style: await basemapStyle(config.basemap, location.href, headers) };
}
