import { describe, expect, it } from 'vitest';
import type { Delta, SiteEntity, Snapshot, VehicleEntity } from '../../src/lib/protocol/index';
import { TownshipExtents } from '../../server/realtime/township-extents';
import { TownshipVehicles } from '../../server/realtime/township-vehicles';

const CHENGMEN = 't:城门街道';
const HUANGZHAI = 't:黄宅镇';
const ROOM = `township:${CHENGMEN}`;
const OTHER_ROOM = `township:${HUANGZHAI}`;

const site = (id: string, townshipId: string, lat: number, lon: number) => ({ id, townshipId, lat, lon }) as SiteEntity;
const sitesSnapshot = (seq: number, entities: SiteEntity[]): Snapshot<'sites'> => ({ layer: 'sites', seq, entities });
const vehicle = (id: string, lat: number | null, lon: number | null, extra: Partial<VehicleEntity> = {}): VehicleEntity => ({
	id, name: id, kind: 'courier', lat, lon, heading: 90, speedKmh: 30, fixAt: '2026-11-23T03:00:00.000Z', ...extra
});
const delta = (seq: number, upserts: VehicleEntity[], removes: string[] = []): Delta<'vehicles'> => ({ layer: 'vehicles', seq, upserts, removes });

/** Two townships ~40 km apart: 城门街道 around 29.65 N 115.84 E, 黄宅镇 around 29.3 N 116.2 E. */
function setup() {
	const extents = new TownshipExtents();
	extents.learnSnapshot(sitesSnapshot(10, [site('s1', CHENGMEN, 29.614, 115.808), site('s2', CHENGMEN, 29.682, 115.871), site('s3', HUANGZHAI, 29.3, 116.2)]));
	return { extents, vehicles: new TownshipVehicles(extents) };
}
const INSIDE = { lat: 29.65, lon: 115.84 };
const FAR = { lat: 30.2, lon: 116.9 };

describe("a township room's vehicles", () => {
	it('gets a vehicle that enters its extent, and its moves inside, with the layer\'s sequence number', () => {
		const { vehicles } = setup();
		expect(vehicles.deltaFor(ROOM, CHENGMEN, delta(5, [vehicle('c1', INSIDE.lat, INSIDE.lon)]))).toEqual(delta(5, [vehicle('c1', INSIDE.lat, INSIDE.lon)]));
		const moved = vehicle('c1', 29.66, 115.85);
		expect(vehicles.deltaFor(ROOM, CHENGMEN, delta(6, [moved]))).toEqual(delta(6, [moved]));
		// Near the hotel, 1.7 km beyond the sites: still its own.
		expect(vehicles.deltaFor(ROOM, CHENGMEN, delta(7, [vehicle('c1', 29.628, 115.889)])).upserts).toHaveLength(1);
		expect(vehicles.remembered(ROOM)).toEqual(new Set(['c1']));
	});

	it('removes a vehicle that leaves, once, and upserts it again when it comes back', () => {
		const { vehicles } = setup();
		vehicles.deltaFor(ROOM, CHENGMEN, delta(1, [vehicle('c1', INSIDE.lat, INSIDE.lon)]));
		expect(vehicles.deltaFor(ROOM, CHENGMEN, delta(2, [vehicle('c1', FAR.lat, FAR.lon)]))).toEqual(delta(2, [], ['c1']));
		// Still away: nothing more to say, but the delta still comes, with its number.
		expect(vehicles.deltaFor(ROOM, CHENGMEN, delta(3, [vehicle('c1', FAR.lat + 0.01, FAR.lon)]))).toEqual(delta(3, []));
		expect(vehicles.deltaFor(ROOM, CHENGMEN, delta(4, [vehicle('c1', INSIDE.lat, INSIDE.lon)]))).toEqual(delta(4, [vehicle('c1', INSIDE.lat, INSIDE.lon)]));
	});

	it("never gets another township's vehicle; that township's room does", () => {
		const { vehicles } = setup();
		const theirs = vehicle('h1', 29.31, 116.21);
		expect(vehicles.deltaFor(ROOM, CHENGMEN, delta(1, [theirs, vehicle('c1', INSIDE.lat, INSIDE.lon)])).upserts.map((each) => each.id)).toEqual(['c1']);
		expect(vehicles.deltaFor(OTHER_ROOM, HUANGZHAI, delta(1, [theirs, vehicle('c1', INSIDE.lat, INSIDE.lon)])).upserts.map((each) => each.id)).toEqual(['h1']);
	});

	it('splits one delta among several rooms: a vehicle crossing from one extent to the other leaves one room and enters the other', () => {
		const { vehicles } = setup();
		const rooms = [{ room: ROOM, townshipId: CHENGMEN }, { room: OTHER_ROOM, townshipId: HUANGZHAI }];
		const [here, there] = vehicles.deltasFor(rooms, delta(1, [vehicle('c1', INSIDE.lat, INSIDE.lon), vehicle('h1', 29.31, 116.21)]));
		expect([here.upserts.map((each) => each.id), there.upserts.map((each) => each.id)]).toEqual([['c1'], ['h1']]);
		const crossed = vehicle('c1', 29.32, 116.2);
		expect(vehicles.deltasFor(rooms, delta(2, [crossed]))).toEqual([delta(2, [], ['c1']), delta(2, [crossed])]);
		expect(vehicles.remembered(ROOM)).toEqual(new Set());
		expect(vehicles.remembered(OTHER_ROOM)).toEqual(new Set(['h1', 'c1']));
	});

	it('keeps the sequence number with an empty delta, so a board still sees it missed nothing', () => {
		const { vehicles } = setup();
		expect(vehicles.deltaFor(ROOM, CHENGMEN, delta(41, [vehicle('h1', 29.31, 116.21)]))).toEqual({ layer: 'vehicles', seq: 41, upserts: [], removes: [] });
		expect(vehicles.deltaFor(ROOM, CHENGMEN, delta(42, []))).toEqual({ layer: 'vehicles', seq: 42, upserts: [], removes: [] });
	});

	it('places a shielded transfer vehicle by the coarse point it is sent with, never its true one', () => {
		const { vehicles } = setup();
		// Sent at its village's centre in 城门街道 (wherever it truly is): shown there.
		const coarse = vehicle('t1', INSIDE.lat, INSIDE.lon, { kind: 'transfer', coarse: true, heading: null, speedKmh: null });
		expect(vehicles.deltaFor(ROOM, CHENGMEN, delta(1, [coarse])).upserts).toEqual([coarse]);
		// Sent at a village centre of 黄宅镇: gone from 城门街道's board, on 黄宅镇's.
		const elsewhere = { ...coarse, lat: 29.3, lon: 116.2 };
		expect(vehicles.deltaFor(ROOM, CHENGMEN, delta(2, [elsewhere]))).toEqual(delta(2, [], ['t1']));
		expect(vehicles.deltaFor(OTHER_ROOM, HUANGZHAI, delta(2, [elsewhere])).upserts).toEqual([elsewhere]);
	});

	it('removes a vehicle that loses its position, and passes the layer\'s own removals to every room', () => {
		const { vehicles } = setup();
		vehicles.deltaFor(ROOM, CHENGMEN, delta(1, [vehicle('c1', INSIDE.lat, INSIDE.lon), vehicle('c2', INSIDE.lat, INSIDE.lon)]));
		expect(vehicles.deltaFor(ROOM, CHENGMEN, delta(2, [vehicle('c1', null, null)], ['c2', 'never-here']))).toEqual(delta(2, [], ['c1', 'c2', 'never-here']));
		expect(vehicles.remembered(ROOM)).toEqual(new Set());
		expect(vehicles.deltaFor(ROOM, CHENGMEN, delta(3, [vehicle('c1', FAR.lat, FAR.lon)]))).toEqual(delta(3, []));
	});

	it('filters a snapshot the same way, and remembers it so a vehicle in it is removed when it leaves', () => {
		const { vehicles } = setup();
		const snapshot: Snapshot<'vehicles'> = { layer: 'vehicles', seq: 9, entities: [vehicle('c1', INSIDE.lat, INSIDE.lon), vehicle('h1', 29.31, 116.21), vehicle('idle', null, null)] };
		expect(vehicles.snapshotFor(ROOM, CHENGMEN, snapshot)).toEqual({ layer: 'vehicles', seq: 9, entities: [vehicle('c1', INSIDE.lat, INSIDE.lon)] });
		expect(vehicles.deltaFor(ROOM, CHENGMEN, delta(10, [vehicle('c1', FAR.lat, FAR.lon)]))).toEqual(delta(10, [], ['c1']));
	});

	it('forgets a room that emptied', () => {
		const { vehicles } = setup();
		vehicles.deltaFor(ROOM, CHENGMEN, delta(1, [vehicle('c1', INSIDE.lat, INSIDE.lon)]));
		vehicles.forget(ROOM);
		expect(vehicles.remembered(ROOM)).toEqual(new Set());
		// Nothing left to remove there: a vehicle leaving now is no removal for that room.
		expect(vehicles.deltaFor(ROOM, CHENGMEN, delta(2, [vehicle('c1', FAR.lat, FAR.lon)]))).toEqual(delta(2, []));
	});

	it('shows a township without a known site no vehicle', () => {
		const { vehicles } = setup();
		expect(vehicles.deltaFor('township:t:无站镇', 't:无站镇', delta(1, [vehicle('c1', INSIDE.lat, INSIDE.lon)]))).toEqual(delta(1, []));
	});
});

describe('township extents learned from the sites layer', () => {
	it('follow sites added and moved by deltas, and ignore an older snapshot', () => {
		const extents = new TownshipExtents();
		expect(extents.extentOf(HUANGZHAI)).toBeNull();
		extents.learnDelta({ layer: 'sites', seq: 3, upserts: [site('s3', HUANGZHAI, 29.3, 116.2)], removes: [] });
		const first = extents.extentOf(HUANGZHAI)!;
		expect(first.south).toBeLessThan(29.3);
		// A new site further north widens it.
		extents.learnDelta({ layer: 'sites', seq: 4, upserts: [site('s4', HUANGZHAI, 29.5, 116.2)], removes: [] });
		expect(extents.extentOf(HUANGZHAI)!.north).toBeGreaterThan(29.5);
		// A snapshot older than those deltas, with s4 elsewhere and without s3, changes nothing it knows newer.
		extents.learnSnapshot(sitesSnapshot(2, [site('s4', HUANGZHAI, 29.0, 116.2)]));
		expect(extents.extentOf(HUANGZHAI)!.south).toBe(first.south);
		expect(extents.extentOf(HUANGZHAI)!.north).toBeGreaterThan(29.5);
		// Removed: the box shrinks back, and an older snapshot does not bring the site back.
		extents.learnDelta({ layer: 'sites', seq: 5, upserts: [], removes: ['s4'] });
		extents.learnSnapshot(sitesSnapshot(4, [site('s3', HUANGZHAI, 29.3, 116.2), site('s4', HUANGZHAI, 29.5, 116.2)]));
		expect(extents.extentOf(HUANGZHAI)).toEqual(first);
	});

	it('moves a site from one township to another', () => {
		const extents = new TownshipExtents();
		extents.learnSnapshot(sitesSnapshot(1, [site('s1', CHENGMEN, 29.65, 115.84)]));
		expect(extents.extentOf(CHENGMEN)).not.toBeNull();
		extents.learnDelta({ layer: 'sites', seq: 2, upserts: [site('s1', HUANGZHAI, 29.65, 115.84)], removes: [] });
		expect(extents.extentOf(CHENGMEN)).toBeNull();
		expect(extents.extentOf(HUANGZHAI)).not.toBeNull();
	});
});
