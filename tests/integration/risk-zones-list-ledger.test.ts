/**
 * The commanders' risk zones: GET /api/risk-zones lists standing zones with the households and
 * people inside (counted from the homes, never sent) and lifted ones with who lifted them; the
 * risk-zone ledger draws, redraws and lifts zones through the same commands, and a file with a bad
 * row writes nothing and says which row and why, in Chinese and English. An outline in GCJ-02 or
 * BD-09 (copied from Amap or Baidu) is stored in WGS-84, as the sites' and households' positions are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, between, eq, isNotNull, sql } from 'drizzle-orm';
import type { App } from '../../server/app';
import { signedIn, startTestApp } from '../fixtures/app';
import { auditLog, householdPrivate, households, riskZones } from '../../server/db/schema/index';
import { importLedger } from '../../server/modules/ledgers/import-ledger';
import { exportLedger } from '../../server/modules/ledgers/export-ledger';
import { ledgerIssueZh } from '../../src/lib/ledgers/issue-text';
import { polygonToWgs84, type CoordinateSystem } from '../../src/lib/domain/coordinates';
import type { ListedZone } from '../../src/lib/components/zones/listed-zone';

let app: App;
let commander: { cookie: string; username: string };
/** A small square around a household with a known home, and what lies inside it. */
let square: { west: number; east: number; south: number; north: number; households: number; people: number };

beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	commander = await signedIn(app, 'commander');
	const db = app.database.db;
	const [home] = await db.select({ lat: householdPrivate.lat, lon: householdPrivate.lon }).from(householdPrivate).where(and(isNotNull(householdPrivate.lat), isNotNull(householdPrivate.lon))).limit(1);
	const [west, east, south, north] = [home.lon! - 0.002, home.lon! + 0.002, home.lat! - 0.002, home.lat! + 0.002];
	const [inside] = await db
		.select({ households: sql<number>`count(*)::int`, people: sql<number>`coalesce(sum(${households.members}), 0)::int` })
		.from(households)
		.innerJoin(householdPrivate, eq(householdPrivate.householdId, households.id))
		.where(and(between(householdPrivate.lon, west, east), between(householdPrivate.lat, south, north)));
	square = { west, east, south, north, households: Number(inside.households), people: Number(inside.people) };
}, 180_000);
afterAll(async () => {
	await app?.close();
});

const ring = (s: typeof square) => [[s.west, s.south], [s.east, s.south], [s.east, s.north], [s.west, s.north], [s.west, s.south]];
const post = (path: string, body: unknown) => fetch(`${app.url}${path}`, { method: 'POST', headers: { cookie: commander.cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
async function listed(): Promise<ListedZone[]> {
	const response = await fetch(`${app.url}/api/risk-zones`, { headers: { cookie: commander.cookie } });
	expect(response.status).toBe(200);
	return ((await response.json()) as { zones: ListedZone[] }).zones;
}
const csv = (rows: string[][]) => Buffer.from([['区域名称', '区域类型', '边界', '划定时间', '解除时间', '解除原因'], ...rows].map((row) => row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(',')).join('\n'));
const importZones = (rows: string[][]) => importLedger({ db: app.database.db, input: { kind: 'zones', mode: 'import', crs: 'wgs84', by: 'user:importer', file: { content: csv(rows), format: 'csv' } } });

describe('GET /api/risk-zones', () => {
	it('lists a zone just drawn with the households and people inside it, and once lifted, who lifted it and why with no count', async () => {
		expect(square.households).toBeGreaterThan(0);
		const added = await post('/api/risk-zones', { name: '白畈村3组封控区', level: 'sealed', polygon: { type: 'Polygon', coordinates: [ring(square)] } });
		expect(added.status).toBe(201);
		const { zoneId } = (await added.json()) as { zoneId: string };

		const zone = (await listed()).find((each) => each.id === zoneId)!;
		expect(zone).toMatchObject({ name: '白畈村3组封控区', level: 'sealed', standing: true, households: square.households, people: square.people, createdBy: `user:${commander.username}`, liftedAt: null });

		expect((await post(`/api/risk-zones/${zoneId}/lift`, { reason: '连续14天无新增' })).status).toBe(200);
		const zones = await listed();
		const liftedZone = zones.find((each) => each.id === zoneId)!;
		expect(liftedZone).toMatchObject({ standing: false, households: null, people: null, liftedBy: `user:${commander.username}`, liftReason: '连续14天无新增' });
		// Standing zones come first.
		expect(zones.findIndex((each) => !each.standing)).toBeGreaterThanOrEqual(zones.filter((each) => each.standing).length);
	});

	it('is refused to a role that does not see the quarantine desk', async () => {
		const dispatcher = await signedIn(app, 'dispatcher');
		expect((await fetch(`${app.url}/api/risk-zones`, { headers: { cookie: dispatcher.cookie } })).status).toBe(403);
	});
});

describe('the risk-zone ledger', () => {
	it('draws a zone from 经纬度 pairs and one from GeoJSON at their 划定时间, lifts one with a 解除时间, and importing its export again changes nothing', async () => {
		const pairs = ring(square).slice(0, 4).map(([lon, lat]) => `${lon},${lat}`).join(';');
		const report = await importZones([
			['台账管控区', '管控区', pairs, '2026-11-20 08:00', '', ''],
			['台账防范区', '防范区', JSON.stringify({ type: 'Polygon', coordinates: [ring({ ...square, west: square.west - 0.01, east: square.east + 0.01 })] }), '2026-11-19 09:30', '2026-11-21 18:00', '疫情平稳']
		]);
		expect(report.issues).toEqual([]);
		expect(report.written).toEqual({ created: 2, updated: 0, unchanged: 0 });

		const zones = await listed();
		const controlled = zones.find((each) => each.name === '台账管控区')!;
		expect(controlled).toMatchObject({ level: 'controlled', standing: true, startsAt: '2026-11-20T00:00:00.000Z', households: square.households, people: square.people, createdBy: 'user:importer' });
		expect(controlled.polygon).toEqual({ type: 'Polygon', coordinates: [ring(square)] });
		expect(zones.find((each) => each.name === '台账防范区')).toMatchObject({ standing: false, startsAt: '2026-11-19T01:30:00.000Z', liftedAt: '2026-11-21T10:00:00.000Z', liftReason: '疫情平稳' });
		// Through the commands: each change is on the audit log.
		const actions = await app.database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actor, 'user:importer'));
		expect(actions.map((row) => row.action).sort()).toEqual(['ledger.import', 'zone.add', 'zone.add', 'zone.lift']);

		const exported = await exportLedger({ db: app.database.db, kind: 'zones', format: 'csv', personal: 'full', actor: 'test' });
		const again = await importLedger({ db: app.database.db, input: { kind: 'zones', mode: 'import', crs: 'wgs84', by: 'user:importer', file: { content: exported, format: 'csv' } } });
		expect(again.issues).toEqual([]);
		expect(again.written?.created).toBe(0);
		expect(again.written?.updated).toBe(0);
	});

	it('redraws a standing zone whose 区域类型 changed in the file', async () => {
		const pairs = ring(square).slice(0, 4).map(([lon, lat]) => `${lon},${lat}`).join(';');
		const report = await importZones([['台账管控区', '封控区', pairs, '', '', '']]);
		expect(report.written).toEqual({ created: 0, updated: 1, unchanged: 0 });
		expect((await listed()).find((each) => each.name === '台账管控区')).toMatchObject({ level: 'sealed', updatedBy: 'user:importer' });
	});

	it('refuses a file with a bad boundary: nothing of it is written, and the row and reason are given in Chinese and English', async () => {
		const before = await app.database.db.select({ id: riskZones.id }).from(riskZones);
		const report = await importZones([
			['好的新区', '封控区', ring(square).slice(0, 4).map(([lon, lat]) => `${lon},${lat}`).join(';'), '', '', ''],
			['坏的边界', '管控区', '114.1,30.5;114.2,30.5', '', '', ''],
			['坏的类型', '高风险区', ring(square).slice(0, 4).map(([lon, lat]) => `${lon},${lat}`).join(';'), '', '', '']
		]);
		expect(report.written).toBeNull();
		expect(report.issues.map(({ row, column, message }) => ({ row, column, message }))).toEqual([
			{ row: 3, column: '边界', message: 'needs at least 3 distinct points' },
			{ row: 4, column: '区域类型', message: 'must be one of 封控区、管控区、防范区' }
		]);
		expect(ledgerIssueZh(report.issues[0].message)).toBe('至少需要 3 个不同的点');
		expect(await app.database.db.select({ id: riskZones.id }).from(riskZones)).toHaveLength(before.length);
		expect((await listed()).some((each) => each.name === '好的新区')).toBe(false);
	});

	it('stores an outline given in GCJ-02 (坐标系 column) or BD-09 (the import option) in WGS-84, and a second import of it changes nothing', async () => {
		const corners = ring({ ...square, west: square.west + 0.02, east: square.east + 0.02 });
		const pairs = corners.slice(0, 4).map(([lon, lat]) => `${lon},${lat}`).join(';');
		const withCrs = (rows: string[][], crs: CoordinateSystem) => {
			const content = Buffer.from([['区域名称', '区域类型', '边界', '坐标系'], ...rows].map((row) => row.map((cell) => `"${cell}"`).join(',')).join('\n'));
			return importLedger({ db: app.database.db, input: { kind: 'zones', mode: 'import', crs, by: 'user:importer', file: { content, format: 'csv' } } });
		};
		const rows = [['高德管控区', '管控区', pairs, 'GCJ-02'], ['百度防范区', '防范区', pairs, '']];
		const report = await withCrs(rows, 'bd09');
		expect(report.issues).toEqual([]);
		expect(report.written).toEqual({ created: 2, updated: 0, unchanged: 0 });
		const zones = await listed();
		const drawn = { type: 'Polygon' as const, coordinates: [corners] };
		expect(zones.find((each) => each.name === '高德管控区')!.polygon).toEqual(polygonToWgs84(drawn, 'gcj02'));
		expect(zones.find((each) => each.name === '百度防范区')!.polygon).toEqual(polygonToWgs84(drawn, 'bd09'));
		expect(polygonToWgs84(drawn, 'gcj02')).not.toEqual(drawn);
		expect((await withCrs(rows, 'bd09')).written).toEqual({ created: 0, updated: 0, unchanged: 2 });
	});

	it('refuses a row whose 坐标系 it does not know, in Chinese and English, and writes nothing of the file', async () => {
		const pairs = ring(square).slice(0, 4).map(([lon, lat]) => `${lon},${lat}`).join(';');
		const content = Buffer.from([['区域名称', '区域类型', '边界', '坐标系'], ['未知坐标区', '管控区', pairs, 'EPSG:3857']].map((row) => row.map((cell) => `"${cell}"`).join(',')).join('\n'));
		const report = await importLedger({ db: app.database.db, input: { kind: 'zones', mode: 'import', crs: 'wgs84', by: 'user:importer', file: { content, format: 'csv' } } });
		expect(report.written).toBeNull();
		expect(report.issues.map(({ row, column, message }) => ({ row, column, message }))).toEqual([
			{ row: 2, column: '坐标系', message: 'is not a coordinate system this import knows: WGS-84, GCJ-02 (Amap, Tencent), BD-09 (Baidu) or CGCS2000' }
		]);
		expect(ledgerIssueZh(report.issues[0].message)).toBe('不是本系统认识的坐标系：须为 WGS-84、GCJ-02（高德、腾讯）、BD-09（百度）或 CGCS2000');
		expect((await listed()).some((each) => each.name === '未知坐标区')).toBe(false);
	});
});
