/** GET /api/config: the settings the browser needs. */
export interface PublicConfig {
	scenario: {
		id: string;
		name: string;
		nameEn: string;
		/** True when coordinates are schematic; the map says so. */
		approximate: boolean;
		center: { lat: number; lon: number };
		bounds: { south: number; west: number; north: number; east: number };
	};
	/**
	 * Every character the map's labels can show. Map labels are drawn on a canvas from the
	 * shipped web font, whose CJK subsets load only for characters the page asks for.
	 */
	labelCharacters: string;
	basemap:
		| { kind: 'offline'; url: string }
		| { kind: 'style'; url: string }
		/** Raster WMTS tiles (Tianditu): a base layer and its Chinese annotation layer. */
		| { kind: 'raster'; tiles: string[]; labelTiles: string[]; attribution: string }
		/** A PMTiles archive served by our server (raster or vector tiles, read by range requests). */
		| { kind: 'pmtiles'; url: string };
}
