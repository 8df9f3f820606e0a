import { ErrandDriver } from '../../server/sim/errand-driver';
import { TransferDriver } from '../../server/sim/transfer-driver';
import { transferProgress } from '../../src/lib/domain/closed-loop-transfer';
import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../../src/lib/domain/coordinates';
import { CourierDriver } from '../../server/sim/courier-driver';
import { SiteQueueModel } from '../../server/sim/site-queue-model';

describe('CourierDriver', () => {
	const a = { lat: 29.6, lon: 115.8 };
	const b = { lat: 29.61, lon: 115.8 };
	const driver = new CourierDriver({ stops: [a, b], speedKmh: 36, dwellMs: 10_000, offsetMs: 0 });

	it('waits at a stop, then drives at its speed towards the next one', () => {
		expect(driver.fixAt(5_000)).toMatchObject({ lat: a.lat, lon: a.lon, speedKmh: 0 });
		const moving = driver.fixAt(20_000); // 10 s of driving at 10 m/s
		expect(distanceMetres(a, moving)).toBeCloseTo(100, 0);
		expect(moving.heading).toBeCloseTo(0, 0);
	});

	it('says which stop it waits at, and none while it drives', () => {
		const legMs = (distanceMetres(a, b) / 10) * 1000;
		expect(driver.stopAt(5_000)).toBe(0);
		expect(driver.stopAt(20_000)).toBeNull();
		expect(driver.stopAt(10_000 + legMs + 5_000)).toBe(1);
		expect(driver.stopAt(10_000 + legMs + 10_000 + 5_000)).toBeNull();
	});

	it('loops back to the first stop', () => {
		const legMs = (distanceMetres(a, b) / 10) * 1000;
		const cycle = 2 * (legMs + 10_000);
		expect(driver.fixAt(cycle + 5_000)).toMatchObject({ lat: a.lat, lon: a.lon });
	});
});

describe('SiteQueueModel', () => {
	it('is the same demo for the same seed', () => {
		const one = new SiteQueueModel({ desks: 2, seed: 7, roundStart: 0 });
		const two = new SiteQueueModel({ desks: 2, seed: 7, roundStart: 0 });
		for (let t = 0; t < 10; t++) expect(one.step(t * 5000, 5000)).toEqual(two.step(t * 5000, 5000));
	});

	it('never serves more than 200 people per sampler-hour nor lets the queue go negative', () => {
		const model = new SiteQueueModel({ desks: 2, seed: 3, roundStart: 0 });
		let served = 0;
		for (let t = 0; t < 720; t++) {
			const step = model.step(t * 5000, 5000);
			expect(step.queueLength).toBeGreaterThanOrEqual(0);
			served += step.served;
		}
		expect(served).toBeLessThanOrEqual(400);
		expect(served).toBeGreaterThan(0);
	});

	it('serves faster once samplers moved in have arrived, with the same people arriving', () => {
		const run = (arrivedDesks: number | null) => {
			const model = new SiteQueueModel({ desks: 2, seed: 11, roundStart: 0 });
			const queues: number[] = [];
			for (let t = 0; t < 360; t++) {
				// Half an hour in, the samplers of a move arrive: a third desk.
				if (t === 360 / 2 && arrivedDesks !== null) model.setStaffedDesks(arrivedDesks);
				queues.push(model.step(t * 5000, 5000).queueLength);
			}
			return queues;
		};
		const without = run(null);
		const withMove = run(3);
		expect(withMove.slice(0, 181)).toEqual(without.slice(0, 181));
		expect(withMove.at(-1)!).toBeLessThan(without.at(-1)!);
	});
});

describe('TransferDriver', () => {
	const hotel = { lat: 29.628, lon: 115.889 };
	const pickup = { lat: 29.634, lon: 115.867 };
	const T0 = Date.parse('2026-11-23T01:00:00Z');
	const fixesOf = (driver: TransferDriver, from: number, minutes: number) =>
		Array.from({ length: minutes * 6 }, (_, index) => {
			const at = from + index * 10_000;
			const fix = driver.fixAt(at);
			return { at, lat: fix.lat, lon: fix.lon, speedKmh: fix.speedKmh };
		});

	it('waits at its base until given a task, then drives it as a closed loop: pickup, boarding, hotel, no stop on the way', () => {
		const driver = new TransferDriver({ base: hotel, speedKmh: 40, boardingMs: 2 * 60_000 });
		expect(driver.fixAt(T0)).toMatchObject({ ...hotel, speedKmh: 0 });
		driver.assign({ id: 7, pickup, hotel }, T0);
		const fixes = fixesOf(driver, T0, 20);
		const fences = { pickup: { id: 'home', center: pickup, radiusM: 120 }, hotel: { id: 'hotel', center: hotel, radiusM: 200 } };
		const progress = transferProgress(fences, fixes);
		expect(progress.phase).toBe('arrived');
		expect(progress.stopsOnTheWay).toEqual([]);
		expect(progress.pickedUpAt! - progress.atPickupAt!).toBeGreaterThanOrEqual(2 * 60_000);
		// The same task again (the phone polls) is not driven twice.
		driver.assign({ id: 7, pickup, hotel }, T0 + 20 * 60_000);
		expect(driver.fixAt(T0 + 21 * 60_000)).toMatchObject({ speedKmh: 0 });
	});

	it('goes back to base when its task is cancelled on the way', () => {
		const driver = new TransferDriver({ base: hotel, speedKmh: 40, boardingMs: 60_000 });
		driver.assign({ id: 8, pickup, hotel }, T0);
		driver.fixAt(T0 + 60_000);
		driver.assign(null, T0 + 60_000);
		const end = driver.fixAt(T0 + 30 * 60_000);
		expect(end.lat).toBeCloseTo(hotel.lat, 6);
		expect(end.lon).toBeCloseTo(hotel.lon, 6);
	});
});

describe('ErrandDriver', () => {
	const a = { lat: 29.6, lon: 115.8 };
	const b = { lat: 29.61, lon: 115.8 };
	const c = { lat: 29.61, lon: 115.81 };
	it('drives a run once from where it is, reports each stop once as it is reached, then waits at the last', () => {
		const driver = new ErrandDriver({ start: a, speedKmh: 36, dwellMs: 60_000 });
		driver.go([{ code: 'site-b', location: b }, { code: 'lab-c', location: c }], 0);
		// 1.1 km at 10 m/s: b is reached after about 111 s.
		expect(driver.reached(100_000)).toEqual([]);
		expect(driver.reached(112_000)).toEqual(['site-b']);
		expect(driver.reached(150_000)).toEqual([]);
		expect(driver.fixAt(150_000)).toMatchObject({ ...b, speedKmh: 0 });
		expect(driver.done).toBe(false);
		expect(driver.reached(300_000)).toEqual(['lab-c']);
		expect(driver.done).toBe(true);
		expect(driver.fixAt(900_000)).toMatchObject({ lat: c.lat, lon: c.lon, speedKmh: 0 });
	});
	it('takes a new run from where it is on the road, without jumping', () => {
		const driver = new ErrandDriver({ start: a, speedKmh: 36, dwellMs: 0 });
		driver.go([{ code: 'site-b', location: b }], 0);
		const midway = driver.fixAt(55_000);
		driver.go([{ code: 'lab-c', location: c }], 55_000);
		expect(driver.fixAt(55_000).lat).toBeCloseTo(midway.lat, 9);
	});
});
