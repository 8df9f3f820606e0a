/**
 * Images that exist only for MapLibre's symbol collision, drawn once, no sprite needed:
 * - MARKER_SPACE_ICON, fully transparent: put on a marker (a site's or a lab's circle), it claims
 *   the marker's place in the collision index, so labels placed after it (vehicles, household
 *   badges, village names) move aside instead of printing over the marker. Circle layers claim nothing.
 * - BADGE_ICON, a filled disc as a signed-distance field: the household badge's background,
 *   stretched around its text (icon-text-fit), so the badge and its count collide as one. Only its
 *   middle row and column stretch (BADGE_STRETCH): a wide text ("12 households") gets a pill with
 *   round ends; a whole disc stretched became an ellipse whose corners the text ran out of.
 * Pure: each returns pixels for map.addImage.
 */
export const MARKER_SPACE_ICON = 'marker-space';
export const BADGE_ICON = 'badge-disc';
/** Side of MARKER_SPACE_ICON in pixels: icon-size 1 covers a circle of radius 16. */
export const MARKER_SPACE_SIZE = 32;
const BADGE_SIZE = 32;
/** The badge image's stretchable band (the disc's centre pixels) and where text goes, for addImage. */
export const BADGE_STRETCH = {
	stretchX: [[BADGE_SIZE / 2 - 1, BADGE_SIZE / 2 + 1]] as [number, number][],
	stretchY: [[BADGE_SIZE / 2 - 1, BADGE_SIZE / 2 + 1]] as [number, number][]
};

export function markerSpaceIcon(size = MARKER_SPACE_SIZE): { width: number; height: number; data: Uint8Array } {
	return { width: size, height: size, data: new Uint8Array(size * size * 4) };
}

export function badgeIcon(size = BADGE_SIZE): { width: number; height: number; data: Uint8Array } {
	const data = new Uint8Array(size * size * 4);
	const centre = size / 2;
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			const offset = (y * size + x) * 4;
			data[offset] = data[offset + 1] = data[offset + 2] = 255;
			data[offset + 3] = Math.hypot(x + 0.5 - centre, y + 0.5 - centre) <= centre - 1 ? 255 : 0;
		}
	}
	return { width: size, height: size, data };
}

/** Adds both images to a map once (each layer component calls it; the second call is a no-op). */
export function addLabelIcons(map: { hasImage(id: string): boolean; addImage(id: string, image: { width: number; height: number; data: Uint8Array }, options?: { sdf?: boolean; stretchX?: [number, number][]; stretchY?: [number, number][] }): void }): void {
	if (!map.hasImage(MARKER_SPACE_ICON)) map.addImage(MARKER_SPACE_ICON, markerSpaceIcon());
	if (!map.hasImage(BADGE_ICON)) map.addImage(BADGE_ICON, badgeIcon(), { sdf: true, ...BADGE_STRETCH });
}
