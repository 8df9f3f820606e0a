/**
 * BASEMAP=pmtiles:<file>: a county extract in the Protomaps schema is served to signed-in pages and
 * walls by byte ranges, and is drawn in the dark wall style with names in Chinese first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FetchSource, PMTiles } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { chengmen } from '../../server/sim/scenarios/chengmen';
import { pmtilesStyle } from '../../src/lib/map/basemap/pmtiles-style';
import { displayToken, startTestApp } from '../fixtures/app';
import { buildProtomapsArchive } from '../fixtures/protomaps-archive';

let app: App;
let dir: string;
const bytes = buildProtomapsArchive(chengmen.bounds);
beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'cc-pmtiles-'));
	writeFileSync(join(dir, 'county.pmtiles'), bytes);
	// Serving the basemap needs no registry: no demo scenario (loading one is most of a start-up).
	app = await startTestApp({ SCENARIO: 'none', BASEMAP: `pmtiles:${join(dir, 'county.pmtiles')}` });
});
afterAll(async () => {
	await app.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('a PMTiles basemap', () => {
	it('is named in the config, and served by ranges to a wall, to nobody else', async () => {
		const token = await displayToken(app);
		const headers = { authorization: `Bearer ${token}` };
		expect((await (await fetch(`${app.url}/api/config`, { headers })).json()).basemap).toEqual({ kind: 'pmtiles', url: '/api/basemap.pmtiles' });
		const part = await fetch(`${app.url}/api/basemap.pmtiles`, { headers: { ...headers, range: 'bytes=100-109' } });
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe(`bytes 100-109/${bytes.length}`);
		expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.subarray(100, 110));
		expect((await fetch(`${app.url}/api/basemap.pmtiles`, { headers: { ...headers, range: `bytes=${bytes.length + 10}-` } })).status).toBe(416);
		expect((await fetch(`${app.url}/api/basemap.pmtiles`)).status).toBe(401);
	});

	it('a Protomaps county extract, read as the page reads it, is drawn in the dark wall style with Chinese names first, from our server only', async () => {
		const token = await displayToken(app);
		const url = `${app.url}/api/basemap.pmtiles`;
		const archive = new PMTiles(new FetchSource(url, new Headers({ authorization: `Bearer ${token}` })));
		const header = await archive.getHeader();
		const metadata = (await archive.getMetadata()) as { vector_layers: { id: string }[] };
		const style = pmtilesStyle({ tileType: header.tileType, minZoom: header.minZoom, maxZoom: header.maxZoom, vectorLayers: metadata.vector_layers.map((layer) => layer.id) }, url);

		const ids = style.layers.map((layer) => layer.id);
		for (const id of ['earth', 'water', 'landuse', 'boundaries', 'roads-highway', 'roads-major', 'roads-minor', 'places-locality']) expect(ids).toContain(id);
		const town = style.layers.find((layer) => layer.id === 'places-locality')!;
		expect(JSON.stringify((town as { layout: object }).layout)).toContain('"coalesce",["get","name:zh-Hans"],["get","name:zh"],["get","name"]');
		expect(JSON.stringify(style).split(url).join('')).not.toMatch(/https?:\/\//);

		// A tile over the county comes back through the same ranges, with the schema's layers in it.
		const z = 12;
		const [x, y] = [Math.floor(((chengmen.center.lon + 180) / 360) * 2 ** z), Math.floor(((1 - Math.asinh(Math.tan((chengmen.center.lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z)];
		const tile = await archive.getZxy(z, x, y);
		expect(new TextDecoder().decode(tile!.data)).toContain('roads');
	});
});
