import { describe, expect, it } from 'vitest';
import { positionAt, replayEventFeatures, replayPlayedFeatures, replayTrackFeatures, replayVehicleFeatures, trackPositionAt } from '../../src/lib/map/layers/replay.layer';
import type { ReplayTrack } from '../../src/lib/protocol/index';

const T0 = Date.parse('2026-11-23T00:00:00Z');
const track: ReplayTrack = {
	id: 'courier-1', name: '送样车1', kind: 'courier', distanceKm: 2.2,
	fixes: [
		[T0, 29.6, 115.8, 30],
		[T0 + 60_000, 29.61, 115.8, 30],
		[T0 + 120_000, 29.61, 115.81, 0]
	],
	hidden: [],
	stops: [{ from: new Date(T0).toISOString(), to: new Date(T0 + 600_000).toISOString(), minutes: 10, lat: 29.61, lon: 115.81, placeName: null, flagged: true }],
	fenceEvents: [],
	custody: [{ at: new Date(T0 + 60_000).toISOString(), kind: 'pickup', boxId: 'b1', siteName: '白畈村采样点', toParty: 'vehicle:courier-1', tubesCounted: 20, lat: 29.61, lon: 115.8 }]
};

describe('positionAt', () => {
	it('interpolates between fixes and turns to the next one', () => {
		const half = positionAt(track.fixes, T0 + 30_000)!;
		expect(half.lat).toBeCloseTo(29.605, 6);
		expect(half.lon).toBeCloseTo(115.8, 6);
		expect(Math.round(half.heading)).toBe(0);
		expect(Math.round(positionAt(track.fixes, T0 + 90_000)!.heading)).toBe(90);
	});
	it('is at the fix itself at its time, and nowhere before the first fix or after the last', () => {
		expect(positionAt(track.fixes, T0 + 120_000)).toMatchObject({ lat: 29.61, lon: 115.81 });
		expect(positionAt(track.fixes, T0 - 1)).toBeNull();
		expect(positionAt(track.fixes, T0 + 120_001)).toBeNull();
	});
});

describe('replay features', () => {
	it('draws the whole track faint and the part played so far bright, ending where the vehicle is', () => {
		expect(replayTrackFeatures([track]).features.map((feature) => [feature.properties!.played, feature.geometry.coordinates.length])).toEqual([[false, 3]]);
		const played = replayPlayedFeatures([track], T0 + 90_000).features;
		expect(played.map((feature) => feature.properties!.played)).toEqual([true]);
		expect(played[0].geometry.coordinates).toHaveLength(3);
		expect(played[0].geometry.coordinates[2][0]).toBeCloseTo(115.805, 6);
		expect(replayPlayedFeatures([track], T0 - 1).features).toEqual([]);
	});
	it('puts each vehicle where it is at the replay time, and leaves out one with no fix then', () => {
		expect(replayVehicleFeatures([track], T0 + 60_000).features[0].geometry.coordinates).toEqual([115.8, 29.61]);
		expect(replayVehicleFeatures([track], T0 + 999_000).features).toEqual([]);
	});
	it('draws no line and no vehicle across fixes hidden to keep a pickup point private', () => {
		const transfer: ReplayTrack = { ...track, id: 'transfer-1', kind: 'transfer', stops: [], custody: [], fixes: [...track.fixes, [T0 + 600_000, 29.62, 115.82, 30], [T0 + 660_000, 29.63, 115.82, 30]], hidden: [{ from: new Date(T0 + 180_000).toISOString(), to: new Date(T0 + 540_000).toISOString() }] };
		expect(replayTrackFeatures([transfer]).features.map((feature) => [feature.id, feature.geometry.coordinates.length])).toEqual([['transfer-1:all', 3], ['transfer-1:all:1', 2]]);
		expect(trackPositionAt(transfer, T0 + 300_000)).toBeNull();
		expect(replayVehicleFeatures([transfer], T0 + 300_000).features).toEqual([]);
		expect(trackPositionAt(transfer, T0 + 630_000)).toMatchObject({ lat: expect.closeTo(29.625, 6) });
		expect(replayPlayedFeatures([transfer], T0 + 630_000).features.map((feature) => feature.geometry.coordinates.length)).toEqual([3, 2]);
	});

	it('marks a flagged stop red and a custody event with its tube count', () => {
		expect(replayEventFeatures([track]).features.map((feature) => [feature.properties!.kind, feature.properties!.label])).toEqual([
			['stop_flagged', '10′'],
			['custody', '↑20']
		]);
	});
});
