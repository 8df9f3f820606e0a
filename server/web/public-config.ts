/**
 * What the browser needs to draw the map, from the registry (so an imported county shows as
 * well as a scenario), and the offline basemap built from it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { asc } from 'drizzle-orm';
import { buildSchematicBasemap } from '../../src/lib/map/basemap/schematic-basemap';
import type { PublicConfig } from '../../src/lib/protocol/public-config';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { labs, quarantineSites, regions, riskZones, siteVillages, sites, vehicles } from '../db/schema/index';
import { sendError, sendJson } from '../http/http-utils';
import type { Scenario } from '../sim/scenarios/index';
import { eq } from 'drizzle-orm';

/** Voronoi cells cost n² clips; beyond this many sites the basemap draws no schematic cells. */
const MAX_SITES_WITH_CELLS = 400;
const FALLBACK_BOUNDS = { south: 29.5, west: 115.7, north: 29.8, east: 116.1 };

async function registryPlaces(db: Db) {
	const [siteRows, labRows, links] = await Promise.all([
		db.select({ id: sites.id, name: sites.name, lat: sites.lat, lon: sites.lon }).from(sites).orderBy(asc(sites.id)),
		db.select({ id: labs.id, name: labs.name, lat: labs.lat, lon: labs.lon }).from(labs),
		db.select({ siteId: siteVillages.siteId, village: regions.name }).from(siteVillages).innerJoin(regions, eq(regions.id, siteVillages.villageId))
	]);
	const villagesOf = new Map<string, string[]>();
	for (const link of links) villagesOf.set(link.siteId, [...(villagesOf.get(link.siteId) ?? []), link.village]);
	return { siteRows, labRows, villagesOf };
}

function boundsOf(points: { lat: number; lon: number }[]) {
	if (points.length === 0) return FALLBACK_BOUNDS;
	const lats = points.map((point) => point.lat);
	const lons = points.map((point) => point.lon);
	const [south, north, west, east] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
	const padLat = Math.max((north - south) * 0.12, 0.01);
	const padLon = Math.max((east - west) * 0.12, 0.01);
	return { south: south - padLat, west: west - padLon, north: north + padLat, east: east + padLon };
}

/** Tianditu's WMTS in Web Mercator; its coordinates are CGCS2000, which matches our WGS-84 to centimetres. */
const tiandituTiles = (host: string, layer: 'vec' | 'cva', key: string) =>
	`${host}/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${key}`;

function basemapOf(config: Config): PublicConfig['basemap'] {
	if (config.BASEMAP === 'offline') return { kind: 'offline', url: '/api/basemap.geojson' };
	if (config.BASEMAP.startsWith('pmtiles:')) return { kind: 'pmtiles', url: '/api/basemap.pmtiles' };
	if (config.BASEMAP === 'tianditu') {
		// The key is a browser key by Tianditu's design (it is sent with every tile request), not a secret.
		return { kind: 'raster', tiles: [tiandituTiles(config.TIANDITU_HOST, 'vec', config.TIANDITU_KEY!)], labelTiles: [tiandituTiles(config.TIANDITU_HOST, 'cva', config.TIANDITU_KEY!)], attribution: '天地图 · 国家地理信息公共服务平台' };
	}
	return { kind: 'style', url: config.BASEMAP };
}

/** GET /api/config. No secrets. */
export async function handlePublicConfig({ config, scenario, db }: { config: Config; scenario: Scenario | null; db: Db }, res: ServerResponse): Promise<void> {
	const { siteRows, labRows, villagesOf } = await registryPlaces(db);
	const vehicleNames = (await db.select({ name: vehicles.name }).from(vehicles).limit(2000)).map((row) => row.name);
	const placeNames = [...(await db.select({ name: quarantineSites.name }).from(quarantineSites)), ...(await db.select({ name: riskZones.name }).from(riskZones))].map((row) => row.name);
	const villageNames = (await db.select({ name: regions.name }).from(regions).limit(5000)).map((row) => row.name);
	const names = [...siteRows.slice(0, 2000).map((site) => site.name), ...labRows.map((lab) => lab.name), ...[...villagesOf.values()].flat(), ...vehicleNames, ...placeNames, ...villageNames];
	const bounds = scenario?.bounds ?? boundsOf([...siteRows, ...labRows]);
	const body: PublicConfig = {
		scenario: {
			id: scenario?.id ?? 'registry',
			name: scenario?.name ?? '全员核酸检测指挥中心',
			nameEn: scenario?.nameEn ?? 'Mass testing command centre',
			approximate: scenario?.approximate ?? false,
			center: { lat: (bounds.south + bounds.north) / 2, lon: (bounds.west + bounds.east) / 2 },
			bounds
		},
		// Plus what the map's own labels add: units in both languages.
		labelCharacters: [...new Set([...names.join(''), ...'0123456789人·示意—-分钟户空床管隔离minbedsfreeh'])].join(''),
		basemap: basemapOf(config)
	};
	sendJson(res, 200, body);
}

/**
 * GET /api/basemap.pmtiles: the archive BASEMAP=pmtiles:<path> names, served by byte ranges as
 * the PMTiles reader asks for them (the whole file is never sent at once).
 */
export async function handlePmtiles({ config }: { config: Config }, req: IncomingMessage, res: ServerResponse): Promise<void> {
	if (!config.BASEMAP.startsWith('pmtiles:')) return sendError(res, 404, { zh: '未配置 PMTiles 底图（BASEMAP=pmtiles:<文件>）', en: 'no PMTiles basemap is configured (BASEMAP=pmtiles:<path>)' }, 'no_pmtiles_basemap');
	const path = config.BASEMAP.slice('pmtiles:'.length);
	const size = (await stat(path)).size;
	const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
	if (!range) {
		res.writeHead(200, { 'content-type': 'application/vnd.pmtiles', 'content-length': size, 'accept-ranges': 'bytes' });
		createReadStream(path).pipe(res);
		return;
	}
	const start = Number(range[1]);
	const end = Math.min(size - 1, range[2] ? Number(range[2]) : size - 1);
	if (start >= size || end < start) {
		res.writeHead(416, { 'content-range': `bytes */${size}` });
		res.end();
		return;
	}
	res.writeHead(206, { 'content-type': 'application/vnd.pmtiles', 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}`, 'accept-ranges': 'bytes' });
	createReadStream(path, { start, end }).pipe(res);
}

/** GET /api/basemap.geojson: the schematic offline basemap of the registered sites and labs. */
export async function handleBasemap({ scenario, db }: { scenario: Scenario | null; db: Db }, res: ServerResponse): Promise<void> {
	const { siteRows, labRows, villagesOf } = await registryPlaces(db);
	const basemap = buildSchematicBasemap({
		bounds: scenario?.bounds ?? boundsOf([...siteRows, ...labRows]),
		places: [
			...(siteRows.length <= MAX_SITES_WITH_CELLS ? siteRows : []).map((site) => ({ ...site, village: villagesOf.get(site.id)?.join('、'), kind: 'site' as const })),
			...labRows.map((lab) => ({ ...lab, kind: 'lab' as const }))
		],
		routes: siteRows.length <= MAX_SITES_WITH_CELLS ? (scenario?.routes.map((route) => route.stops) ?? []) : []
	});
	const body = JSON.stringify(basemap);
	res.writeHead(200, { 'content-type': 'application/geo+json; charset=utf-8', 'cache-control': 'no-cache' });
	res.end(body);
}
