/**
 * The map's style from the configured basemap: the offline GeoJSON basemap (default, no network),
 * a PMTiles archive from our server (a Protomaps county extract in the dark wall style), raster
 * WMTS tiles (Tianditu) under our layers, or any MapLibre style URL.
 */
import type { StyleSpecification } from 'maplibre-gl';
import type { PublicConfig } from '$lib/protocol';
import { MAP_FONT, offlineStyle } from './offline-style';
import { pmtilesStyle } from './pmtiles-style';

export { MAP_FONT };

/** The style to hand MapLibre; a PMTiles archive is opened first (its header says what it holds). */
export async function basemapStyle(basemap: PublicConfig['basemap'], pageUrl: string, headers: Record<string, string> = {}): Promise<StyleSpecification | string> {
	switch (basemap.kind) {
		case 'pmtiles':
			return openPmtiles(new URL(basemap.url, pageUrl).href, headers);
		case 'offline':
			return offlineStyle(new URL(basemap.url, pageUrl).href);
		case 'raster':
			return {
				version: 8,
				sources: {
					base: { type: 'raster', tiles: basemap.tiles, tileSize: 256, attribution: basemap.attribution },
					labels: { type: 'raster', tiles: basemap.labelTiles, tileSize: 256 }
				},
				layers: [
					{ id: 'background', type: 'background', paint: { 'background-color': '#0a1622' } },
					// Darkened so that the live layers stand out on the wall.
					{ id: 'base', type: 'raster', source: 'base', paint: { 'raster-brightness-max': 0.45, 'raster-saturation': -0.6 } },
					{ id: 'labels', type: 'raster', source: 'labels', paint: { 'raster-brightness-max': 0.8 } }
				]
			};
		case 'style':
			return basemap.url;
	}
}

/** Registers the pmtiles:// protocol once, with the archive read through our server by ranges. */
async function openPmtiles(url: string, headers: Record<string, string>): Promise<StyleSpecification> {
	const [{ PMTiles, Protocol, FetchSource }, maplibregl] = await Promise.all([import('pmtiles'), import('maplibre-gl')]);
	const protocol = new Protocol();
	const archive = new PMTiles(new FetchSource(url, new Headers(headers)));
	protocol.add(archive);
	maplibregl.default.addProtocol('pmtiles', protocol.tile);
	const header = await archive.getHeader();
	const metadata = (await archive.getMetadata().catch(() => ({}))) as { vector_layers?: { id: string }[] };
	const description = { tileType: header.tileType, minZoom: header.minZoom, maxZoom: header.maxZoom, vectorLayers: (metadata.vector_layers ?? []).map((layer) => layer.id) };
	if (description.tileType === 1) await loadWholeMapFont();
	return pmtilesStyle(description, url);
}

/**
 * A real map labels places the page cannot list in advance, and MapLibre draws each glyph once,
 * locally, with whatever font the browser has at that moment: so every part of the shipped web
 * font (about 100 unicode-range files, 3.7 MB, from our own server, cached) is loaded before the
 * vector basemap draws, and no street name falls back to a system font or to empty boxes.
 */
async function loadWholeMapFont(): Promise<void> {
	const faces = [...document.fonts].filter((face) => face.family.replace(/["']/g, '') === MAP_FONT && face.weight === '400' && face.status !== 'loaded');
	await Promise.all(faces.map((face) => face.load().catch(() => undefined)));
}
