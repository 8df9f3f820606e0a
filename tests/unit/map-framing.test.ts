import { describe, expect, it } from 'vitest';
import { FRAME_PADDING_SHARE, framePoints, framingMoved, pointsToFrame, TILE_SIZE, type Framing, type FrameSize } from '../../src/lib/domain/map-framing';

/** Chengmen's ten sites, its lab and its quarantine hotel: a spread about as tall as it is wide. */
const CHENGMEN = [
	[29.644, 115.846], [29.661, 115.83], [29.671, 115.851], [29.653, 115.871], [29.634, 115.867],
	[29.625, 115.84], [29.631, 115.819], [29.614, 115.857], [29.657, 115.808], [29.682, 115.816],
	[29.611, 115.905], [29.628, 115.889]
].map(([lat, lon]) => ({ lat, lon }));

const mercatorX = (lon: number) => (lon + 180) / 360;
const mercatorY = (lat: number) => (1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2;

/** Where each point lands in the frame, in pixels from its top-left corner. */
function onScreen(framing: Framing, frame: FrameSize, points = CHENGMEN) {
	const scale = TILE_SIZE * 2 ** framing.zoom;
	return points.map(({ lat, lon }) => ({
		x: frame.width / 2 + (mercatorX(lon) - mercatorX(framing.center.lon)) * scale,
		y: frame.height / 2 + (mercatorY(lat) - mercatorY(framing.center.lat)) * scale
	}));
}

function spanOnScreen(framing: Framing, frame: FrameSize, points = CHENGMEN) {
	const placed = onScreen(framing, frame, points);
	const xs = placed.map((p) => p.x);
	const ys = placed.map((p) => p.y);
	return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
}

describe('framePoints', () => {
	// The free part of the map on each wall, as the panels leave it (measured in Chromium).
	const frames: [string, FrameSize][] = [
		['1920×1080', { width: 1087, height: 638 }],
		['3840×2160', { width: 2212, height: 1307 }],
		['5760×1080', { width: 3800, height: 980 }]
	];

	for (const [screen, frame] of frames) {
		it(`keeps every place inside the padded frame and fills the limiting side at ${screen}`, () => {
			const framing = framePoints(CHENGMEN, frame)!;
			const span = spanOnScreen(framing, frame);
			const margin = FRAME_PADDING_SHARE * Math.min(frame.width, frame.height);
			expect(span.left).toBeGreaterThanOrEqual(margin - 0.5);
			expect(span.right).toBeLessThanOrEqual(frame.width - margin + 0.5);
			expect(span.top).toBeGreaterThanOrEqual(margin - 0.5);
			expect(span.bottom).toBeLessThanOrEqual(frame.height - margin + 0.5);
			const filled = Math.max((span.right - span.left) / (frame.width - 2 * margin), (span.bottom - span.top) / (frame.height - 2 * margin));
			expect(filled).toBeCloseTo(1, 5);
		});
	}

	it('on an ultra-wide frame fills the height and centres the places across', () => {
		const frame = { width: 3800, height: 980 };
		const span = spanOnScreen(framePoints(CHENGMEN, frame)!, frame);
		expect((span.bottom - span.top) / (980 - 2 * FRAME_PADDING_SHARE * 980)).toBeCloseTo(1, 5);
		expect((span.left + span.right) / 2).toBeCloseTo(1900, 5);
	});

	it('fills the width of a frame taller than the places are', () => {
		const wideSpread = [{ lat: 29.6, lon: 115.6 }, { lat: 29.65, lon: 116.1 }];
		const frame = { width: 1000, height: 1000 };
		const span = spanOnScreen(framePoints(wideSpread, frame)!, frame, wideSpread);
		expect((span.right - span.left) / (1000 - 2 * FRAME_PADDING_SHARE * 1000)).toBeCloseTo(1, 5);
		expect(span.bottom - span.top).toBeLessThan(500);
	});

	it("gives bounds with the frame's aspect that hold every place", () => {
		const frame = { width: 3800, height: 980 };
		const { bounds } = framePoints(CHENGMEN, frame)!;
		const aspect = (mercatorX(bounds.east) - mercatorX(bounds.west)) / (mercatorY(bounds.south) - mercatorY(bounds.north));
		expect(aspect).toBeCloseTo(3800 / 980, 5);
		for (const { lat, lon } of CHENGMEN) {
			expect(lat).toBeGreaterThan(bounds.south);
			expect(lat).toBeLessThan(bounds.north);
			expect(lon).toBeGreaterThan(bounds.west);
			expect(lon).toBeLessThan(bounds.east);
		}
	});

	it('zooms in twice as far (one level) on a frame twice the size', () => {
		const small = framePoints(CHENGMEN, { width: 1000, height: 600 })!;
		const large = framePoints(CHENGMEN, { width: 2000, height: 1200 })!;
		expect(large.zoom - small.zoom).toBeCloseTo(1, 5);
	});

	it('shows one site alone with its surroundings, never at street level', () => {
		const framing = framePoints([{ lat: 29.644, lon: 115.846 }], { width: 1000, height: 600 })!;
		expect(framing.center).toEqual({ lat: expect.closeTo(29.644, 6), lon: expect.closeTo(115.846, 6) });
		// The frame's shorter side shows at least the 2 km minimum span (a degree of latitude is about 111 km).
		expect((framing.bounds.north - framing.bounds.south) * 111_000).toBeGreaterThan(2000);
		expect(framePoints([{ lat: 29.644, lon: 115.846 }], { width: 1000, height: 600 }, { minSpanMetres: 0 })!.zoom).toBe(15);
	});

	it('frames nothing without places or without a free frame, and skips a point that is not a number', () => {
		expect(framePoints([], { width: 1000, height: 600 })).toBeNull();
		expect(framePoints(CHENGMEN, { width: 0, height: 600 })).toBeNull();
		const withNaN = framePoints([...CHENGMEN, { lat: Number.NaN, lon: 0 }], { width: 1000, height: 600 });
		expect(withNaN).toEqual(framePoints(CHENGMEN, { width: 1000, height: 600 }));
	});
});

describe('framingMoved', () => {
	const frame = { width: 3800, height: 980 };
	const shown = framePoints(CHENGMEN, frame)!;

	it('moves the first time, and for a change of a tenth of a zoom level or a twentieth of the frame', () => {
		expect(framingMoved(null, shown, frame)).toBe(true);
		expect(framingMoved(shown, { ...shown, zoom: shown.zoom - 0.2 }, frame)).toBe(true);
		const farEast = framePoints([...CHENGMEN, { lat: 29.65, lon: 116.1 }], frame)!;
		expect(framingMoved(shown, farEast, frame)).toBe(true);
	});

	it('stays put when a courier drives between the sites', () => {
		const withCourier = framePoints([...CHENGMEN, { lat: 29.65, lon: 115.85 }], frame)!;
		expect(framingMoved(shown, withCourier, frame)).toBe(false);
		expect(framingMoved(shown, { ...shown, zoom: shown.zoom + 0.05 }, frame)).toBe(false);
	});
});

describe('pointsToFrame', () => {
	it('takes every place and the vehicles near them, and leaves out a vehicle far off or with no fix', () => {
		const courier = { lat: 29.65, lon: 115.86 };
		const toTheCity = { lat: 29.7, lon: 116.0 };
		expect(pointsToFrame(CHENGMEN, [courier, toTheCity, { lat: null, lon: null }])).toEqual([...CHENGMEN, courier]);
	});

	it('takes the vehicles alone when there are no places yet', () => {
		expect(pointsToFrame([], [{ lat: 29.7, lon: 116.0 }, { lat: null, lon: 1 }])).toEqual([{ lat: 29.7, lon: 116.0 }]);
	});
});
