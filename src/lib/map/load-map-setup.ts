/**
 * What a page needs before it draws its map: the public config, the web font for every label
 * character (canvas labels are drawn only once the font is there), and the basemap's style.
 * Shared by every page with a map; a refusal comes back in the server's words.
 */
import type { StyleSpecification } from 'maplibre-gl';
import type { PublicConfig } from '$lib/protocol';
import { basemapStyle, MAP_FONT } from './basemap/basemap-style';

export type MapSetup = { ok: true; config: PublicConfig; style: StyleSpecification | string } | { ok: false; error: string };

export async function loadMapSetup(headers: Record<string, string> = {}): Promise<MapSetup> {
	const response = await fetch('/api/config', { headers });
	if (!response.ok) return { ok: false, error: ((await response.json()) as { error: string }).error };
	const config = (await response.json()) as PublicConfig;
	await document.fonts.load(`16px "${MAP_FONT}"`, config.labelCharacters).catch(() => {});
	return { ok: true, config, style: await basemapStyle(config.basemap, location.href, headers) };
}
