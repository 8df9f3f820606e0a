/**
 * How a wall frames what it shows: the box around the places on it (sampling sites, labs,
 * quarantine places, vehicles), padded, fitted to the part of the screen the panels leave free
 * with that part's aspect. Fitting the county's fixed rectangle instead left an ultra-wide wall
 * (5760×1080) a small square of map in the middle; fitting the places fills the frame on its
 * limiting side, whichever side that is.
 *
 * Worked in Web Mercator, as the map draws: x and y in [0, 1] across the world, a world of
 * TILE_SIZE · 2^zoom pixels. Pure: the camera moves the map, this only says where.
 */
import type { LatLon } from './coordinates';
import { extentAround, withinExtent } from './county-extent';

export interface FrameSize {
	/** Pixels of map the panels leave free. */
	width: number;
	height: number;
}

export interface Framing {
	center: LatLon;
	zoom: number;
	/** What the free frame shows at that zoom: the places' box widened to the frame's aspect. */
	bounds: { south: number; west: number; north: number; east: number };
}

export interface FramingOptions {
	/** Margin on each side, as a share of the frame's shorter side: room for the labels drawn under the outermost places (6 % cut the lab's at 5760×1080). */
	paddingShare?: number;
	/** The least span framed, in metres: one site alone is shown with its village, not at street level. */
	minSpanMetres?: number;
	maxZoom?: number;
}

/** MapLibre's tile size: the world is 512 px wide at zoom 0. */
export const TILE_SIZE = 512;
export const FRAME_PADDING_SHARE = 0.08;
export const FRAME_MIN_SPAN_METRES = 2000;
export const FRAME_MAX_ZOOM = 15;
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

const mercatorX = (lon: number) => (lon + 180) / 360;
const mercatorY = (lat: number) => (1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2;
const lonOf = (x: number) => x * 360 - 180;
const latOf = (y: number) => (360 / Math.PI) * Math.atan(Math.exp(Math.PI * (1 - 2 * y))) - 90;

/** The camera that frames the points in a free frame of this size; null with no points or no frame. */
export function framePoints(points: Iterable<LatLon>, frame: FrameSize, options: FramingOptions = {}): Framing | null {
	const { paddingShare = FRAME_PADDING_SHARE, minSpanMetres = FRAME_MIN_SPAN_METRES, maxZoom = FRAME_MAX_ZOOM } = options;
	if (!(frame.width > 0 && frame.height > 0)) return null;
	let [west, east, north, south] = [Infinity, -Infinity, Infinity, -Infinity];
	for (const { lat, lon } of points) {
		if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
		[west, east] = [Math.min(west, mercatorX(lon)), Math.max(east, mercatorX(lon))];
		// y grows southwards: north is the smaller y.
		[north, south] = [Math.min(north, mercatorY(lat)), Math.max(south, mercatorY(lat))];
	}
	if (west > east) return null;
	const [cx, cy] = [(west + east) / 2, (north + south) / 2];
	// A metre is 1/cos(lat) times longer in Mercator units away from the equator.
	const minSpan = minSpanMetres / (EARTH_CIRCUMFERENCE_M * Math.cos((latOf(cy) * Math.PI) / 180));
	const [spanX, spanY] = [Math.max(east - west, minSpan), Math.max(south - north, minSpan)];
	const margin = paddingShare * Math.min(frame.width, frame.height);
	const [usableWidth, usableHeight] = [Math.max(frame.width - 2 * margin, 1), Math.max(frame.height - 2 * margin, 1)];
	// The side that limits: the box fills the frame across it and is centred along the other.
	const pixelsPerUnit = Math.min(usableWidth / spanX, usableHeight / spanY);
	const zoom = Math.min(Math.log2(pixelsPerUnit / TILE_SIZE), maxZoom);
	const shown = TILE_SIZE * 2 ** zoom;
	const [halfX, halfY] = [frame.width / shown / 2, frame.height / shown / 2];
	return {
		center: { lat: latOf(cy), lon: lonOf(cx) },
		zoom,
		bounds: { south: latOf(cy + halfY), west: lonOf(cx - halfX), north: latOf(cy - halfY), east: lonOf(cx + halfX) }
	};
}

/** ~5 km: a courier on its way to a site just outside the places still counts; one gone to another city does not. */
export const MOVING_REACH_DEGREES = 0.05;

/**
 * The points a wall frames: the places that stay (sites, labs, quarantine places) and the vehicles
 * near them. A vehicle driven far off (a transfer to the city's hospital) must not shrink the
 * county to a dot; with no places at all, the vehicles are all there is. Skips a vehicle with no fix.
 */
export function pointsToFrame(places: Iterable<LatLon>, moving: Iterable<{ lat: number | null; lon: number | null }>): LatLon[] {
	const fixed = [...places];
	const located = [...moving].filter((each): each is LatLon => each.lat !== null && each.lon !== null);
	const reach = extentAround(fixed, MOVING_REACH_DEGREES);
	return reach ? [...fixed, ...located.filter((each) => withinExtent(each, reach))] : located;
}

/**
 * Whether a new framing is worth moving the camera for: vehicles move every few seconds, and a wall
 * that drifts with each fix is harder to read than one a few per cent off. Moves once the zoom
 * differs by a tenth of a level or the centre by a twentieth of the frame.
 */
export function framingMoved(shown: Framing | null, next: Framing, frame: FrameSize): boolean {
	if (!shown) return true;
	if (Math.abs(shown.zoom - next.zoom) > 0.1) return true;
	const pixels = TILE_SIZE * 2 ** next.zoom;
	const dx = Math.abs(mercatorX(shown.center.lon) - mercatorX(next.center.lon)) * pixels;
	const dy = Math.abs(mercatorY(shown.center.lat) - mercatorY(next.center.lat)) * pixels;
	return dx > frame.width / 20 || dy > frame.height / 20;
}
