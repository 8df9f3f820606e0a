/** BASEMAP=pmtiles:<file>: the archive is served to signed-in pages and walls by byte ranges. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { displayToken, startTestApp } from '../fixtures/app';

let app: App;
let dir: string;
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, index) => index % 251));
beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'cc-pmtiles-'));
	writeFileSync(join(dir, 'county.pmtiles'), bytes);
	app = await startTestApp({ BASEMAP: `pmtiles:${join(dir, 'county.pmtiles')}` });
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
		expect(part.headers.get('content-range')).toBe('bytes 100-109/1000');
		expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(100, 110));
		expect((await fetch(`${app.url}/api/basemap.pmtiles`, { headers: { ...headers, range: 'bytes=5000-' } })).status).toBe(416);
		expect((await fetch(`${app.url}/api/basemap.pmtiles`)).status).toBe(401);
	});
});
