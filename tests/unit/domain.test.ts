import { describe, expect, it } from 'vitest';
import { bearingDegrees, distanceMetres, toWgs84 } from '../../src/lib/domain/coordinates';
import { nextServiceDay, serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import { expectedWaitMinutes, siteLoad } from '../../src/lib/domain/site-load';

describe('toWgs84', () => {
	it('leaves WGS-84 and CGCS2000 readings as they are', () => {
		expect(toWgs84({ lat: 29.65, lon: 115.85 }, 'wgs84')).toEqual({ lat: 29.65, lon: 115.85 });
		expect(toWgs84({ lat: 29.65, lon: 115.85 }, 'cgcs2000')).toEqual({ lat: 29.65, lon: 115.85 });
	});

	it('moves a GCJ-02 reading back by the few hundred metres of the Chinese offset', () => {
		const wgs = toWgs84({ lat: 29.65, lon: 115.85 }, 'gcj02');
		const shift = distanceMetres(wgs, { lat: 29.65, lon: 115.85 });
		expect(shift).toBeGreaterThan(200);
		expect(shift).toBeLessThan(800);
	});

	it('moves a BD-09 reading further than a GCJ-02 one', () => {
		const point = { lat: 29.65, lon: 115.85 };
		expect(distanceMetres(toWgs84(point, 'bd09'), point)).toBeGreaterThan(distanceMetres(toWgs84(point, 'gcj02'), point));
	});
});

describe('distanceMetres and bearingDegrees', () => {
	it('measures one degree of latitude as about 111 km, due north', () => {
		expect(distanceMetres({ lat: 29, lon: 115 }, { lat: 30, lon: 115 })).toBeCloseTo(111_195, -2);
		expect(bearingDegrees({ lat: 29, lon: 115 }, { lat: 30, lon: 115 })).toBeCloseTo(0, 5);
		expect(bearingDegrees({ lat: 29, lon: 115 }, { lat: 29, lon: 114 })).toBeCloseTo(270, 0);
	});
});

describe('serviceDay', () => {
	it('follows China time: 23:59 and 00:01 China time fall on different days whatever the UTC date', () => {
		expect(serviceDay(Date.parse('2026-11-23T15:59:00Z'))).toBe('2026-11-23');
		expect(serviceDay(Date.parse('2026-11-23T16:01:00Z'))).toBe('2026-11-24');
	});

	it('starts a day at midnight China time, and the next day follows across a month end', () => {
		expect(new Date(serviceDayStart('2026-11-24')).toISOString()).toBe('2026-11-23T16:00:00.000Z');
		expect(nextServiceDay('2026-11-30')).toBe('2026-12-01');
		expect(nextServiceDay('2026-12-31')).toBe('2027-01-01');
	});
});

describe('expectedWaitMinutes and siteLoad', () => {
	it('takes 200 people per sampler-hour: 100 people at 2 desks wait 15 minutes', () => {
		expect(expectedWaitMinutes(100, 2)).toBe(15);
		expect(expectedWaitMinutes(0, 2)).toBe(0);
		expect(expectedWaitMinutes(10, 0)).toBe(Infinity);
	});

	it('bands the wait as idle < 15, normal < 30, busy < 60, crowded from 60 minutes', () => {
		expect(siteLoad(14.9)).toBe('idle');
		expect(siteLoad(15)).toBe('normal');
		expect(siteLoad(45)).toBe('busy');
		expect(siteLoad(60)).toBe('crowded');
		expect(siteLoad(Infinity)).toBe('crowded');
	});
});
