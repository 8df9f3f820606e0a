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
		const one = new SiteQueueModel({ desks: 2, seed: 7 });
		const two = new SiteQueueModel({ desks: 2, seed: 7 });
		for (let t = 0; t < 10; t++) expect(one.step(t * 5000, 5000)).toEqual(two.step(t * 5000, 5000));
	});

	it('never serves more than 200 people per sampler-hour nor lets the queue go negative', () => {
		const model = new SiteQueueModel({ desks: 2, seed: 3 });
		let served = 0;
		for (let t = 0; t < 720; t++) {
			const step = model.step(t * 5000, 5000);
			expect(step.queueLength).toBeGreaterThanOrEqual(0);
			served += step.served;
		}
		expect(served).toBeLessThanOrEqual(400);
		expect(served).toBeGreaterThan(0);
	});
});
