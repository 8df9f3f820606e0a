/**
 * The wall's map drawn for the size of the screen. MapLibre sizes text and markers in CSS pixels,
 * so at 3840×2160 (a 4K wall run at device pixel ratio 1) a 14 px label is half as tall, to the
 * eye, as at 1920×1080. The wall scales its text and markers by the same unit as its panels (a
 * hundredth of a 16:9 width): 1 at 1920×1080, 2 at 3840×2160, 1 at 5760×1080 (as tall as 1080p).
 * Never below 1: a smaller window keeps the sizes the styles were drawn at.
 */

/** The scale of a screen of width × height CSS pixels against 1920×1080. */
export function wallScale(width: number, height: number): number {
	return Math.max(1, Math.min(width / 1920, height / 1080));
}

/**
 * Per layer type, the layout and paint properties in pixels that the scale applies to: text, its
 * halo and the markers (MapLibre throws when asked for a property its layer type does not have).
 */
export const SCALED_PROPERTIES: Record<string, { layout: readonly string[]; paint: readonly string[] }> = {
	symbol: { layout: ['text-size', 'icon-size'], paint: ['text-halo-width'] },
	circle: { layout: [], paint: ['circle-radius', 'circle-stroke-width'] }
};

type Value = unknown;

/**
 * A size property's value times k. A number is multiplied; an `interpolate` or `step` (by zoom or
 * by data) has its outputs scaled, since MapLibre allows a zoom expression only at the top; any
 * other expression is wrapped in a product.
 */
export function scaleSize(value: Value, k: number): Value {
	if (k === 1 || value === undefined || value === null) return value;
	if (typeof value === 'number') return Math.round(value * k * 100) / 100;
	if (!Array.isArray(value)) return value;
	const [operator] = value;
	if (operator === 'interpolate' || operator === 'interpolate-hcl' || operator === 'interpolate-lab') {
		// [op, interpolation, input, stop, output, stop, output, …]
		return value.map((part, index) => (index >= 4 && index % 2 === 0 ? scaleSize(part, k) : part));
	}
	if (operator === 'step') {
		// ['step', input, output, stop, output, …]
		return value.map((part, index) => (index >= 2 && index % 2 === 0 ? scaleSize(part, k) : part));
	}
	return ['*', value, k];
}
