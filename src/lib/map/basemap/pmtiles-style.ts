/**
 * A style for a PMTiles archive whatever its contents: raster tiles drawn darkened under our
 * layers; a vector archive in the Protomaps basemap schema (what `pmtiles extract` cuts from a
 * Protomaps build) in the wall's dark style; any other vector archive with every layer it lists
 * drawn generically (areas and lines in the wall's muted palette), since its schema is unknown. Pure.
 */
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { isProtomapsSchema, protomapsDarkStyle } from './protomaps-dark-style';

export interface PmtilesDescription {
	/** 1 vector (MVT), 2 PNG, 3 JPEG, 4 WebP, 5 AVIF. */
	tileType: number;
	minZoom: number;
	maxZoom: number;
	/** The archive's metadata `vector_layers` ids, for vector archives. */
	vectorLayers: string[];
}

export function pmtilesStyle(archive: PmtilesDescription, url: string): StyleSpecification {
	const background: LayerSpecification = { id: 'background', type: 'background', paint: { 'background-color': '#0a1622' } };
	if (archive.tileType !== 1) {
		return {
			version: 8,
			sources: { basemap: { type: 'raster', url: `pmtiles://${url}`, tileSize: 256 } },
			layers: [background, { id: 'basemap-raster', type: 'raster', source: 'basemap', paint: { 'raster-brightness-max': 0.45, 'raster-saturation': -0.6 } }]
		};
	}
	if (isProtomapsSchema(archive.vectorLayers)) return protomapsDarkStyle({ url, minZoom: archive.minZoom, maxZoom: archive.maxZoom });
	const layers: LayerSpecification[] = [background];
	for (const layer of archive.vectorLayers) {
		const base = { source: 'basemap', 'source-layer': layer };
		layers.push(
			{ id: `${layer}-fill`, type: 'fill', ...base, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#132a3b', 'fill-opacity': 0.8 } },
			{ id: `${layer}-line`, type: 'line', ...base, filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#3c5a73', 'line-width': 1.2 } }
		);
	}
	return { version: 8, sources: { basemap: { type: 'vector', url: `pmtiles://${url}`, minzoom: archive.minZoom, maxzoom: archive.maxZoom } }, layers };
}
