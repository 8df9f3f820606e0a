import { describe, expect, it } from 'vitest';
import { polygonToWgs84, toWgs84 } from '../../src/lib/domain/coordinates';
import { coordinateSystem } from '../../src/lib/ledgers/fields';
import { ledgerIssueZh } from '../../src/lib/ledgers/issue-text';
import { zonesLedger } from '../../src/lib/ledgers/definitions';
import { validateLedger } from '../../src/lib/ledgers/validate-ledger';

const square = [[115.864, 29.648], [115.879, 29.648], [115.879, 29.659], [115.864, 29.659], [115.864, 29.648]];

describe('polygonToWgs84', () => {
	it('converts every corner of a GCJ-02 outline as a point of it would be, and keeps the ring closed', () => {
		const converted = polygonToWgs84({ type: 'Polygon', coordinates: [square] }, 'gcj02');
		const ring = converted.coordinates[0];
		ring.forEach(([lon, lat], index) => {
			const expected = toWgs84({ lon: square[index][0], lat: square[index][1] }, 'gcj02');
			expect([lon, lat]).toEqual([expected.lon, expected.lat]);
		});
		expect(ring[0]).toEqual(ring[ring.length - 1]);
		expect(ring[0][0]).not.toBe(square[0][0]);
	});

	it('converts each ring of a BD-09 MultiPolygon, and leaves WGS-84 and CGCS2000 as they are', () => {
		const multi = { type: 'MultiPolygon' as const, coordinates: [[square], [square.map(([lon, lat]) => [lon + 0.1, lat])]] };
		const converted = polygonToWgs84(multi, 'bd09');
		expect(converted.type).toBe('MultiPolygon');
		const expected = toWgs84({ lon: square[2][0] + 0.1, lat: square[2][1] }, 'bd09');
		expect(converted.coordinates[1][0][2]).toEqual([expected.lon, expected.lat]);
		expect(polygonToWgs84(multi, 'wgs84')).toEqual(multi);
		expect(polygonToWgs84(multi, 'cgcs2000')).toEqual(multi);
	});
});

describe('the 坐标系 cell', () => {
	it('reads the four systems with or without the hyphen, and by the map app they come from', () => {
		for (const [cell, system] of [['WGS-84', 'wgs84'], ['wgs84', 'wgs84'], ['GCJ-02', 'gcj02'], ['gcj_02', 'gcj02'], ['BD-09', 'bd09'], ['CGCS2000', 'cgcs2000'], ['高德', 'gcj02'], ['腾讯', 'gcj02'], ['百度', 'bd09']]) {
			expect(coordinateSystem(cell), cell).toEqual({ ok: true, value: system });
		}
	});

	it('refuses an unknown system in both languages, naming the ones it knows', () => {
		const refused = coordinateSystem('EPSG:3857');
		expect(refused).toEqual({ ok: false, message: 'is not a coordinate system this import knows: WGS-84, GCJ-02 (Amap, Tencent), BD-09 (Baidu) or CGCS2000' });
		expect(ledgerIssueZh((refused as { message: string }).message)).toBe('不是本系统认识的坐标系：须为 WGS-84、GCJ-02（高德、腾讯）、BD-09（百度）或 CGCS2000');
		// Not a key of the object that holds the aliases either.
		expect(coordinateSystem('constructor').ok).toBe(false);
	});

	it('is a column of the risk-zone ledger, and a zone row with an unknown one is refused by row', () => {
		const boundary = square.map(([lon, lat]) => `${lon},${lat}`).join(';');
		const result = validateLedger(zonesLedger, { headers: ['区域名称', '区域类型', '边界', '坐标系'], rows: [['金兰村管控区', '管控区', boundary, '火星'], ['金兰村防范区', '防范区', boundary, 'GCJ-02']] });
		expect(result.issues).toEqual([{ row: 2, column: '坐标系', value: '火星', message: expect.stringMatching(/^is not a coordinate system/) }]);
		expect(result.records.map(({ record }) => (record as { crs: string | null }).crs)).toEqual(['gcj02']);
	});
});
