import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { signedIn, startTestApp } from '../fixtures/app';
import { until } from '../fixtures/wait';

let app: App;
let admin: { cookie: string };
beforeAll(async () => {
	// The Chengmen scenario: the county's sites are registered, around 29.65 N 115.85 E.
	app = await startTestApp();
	admin = await signedIn(app, 'admin');
});
afterAll(async () => {
	await app.close();
});

// Two new 城门街道 sites: one where it belongs, one typed with Beijing's coordinates.
const SITES_CSV = ['编号,名称,类型,街道,服务村,经度,纬度,采样台数,混采', 'X-HOME,白合村临时采样点,临时采样点,城门街道,白合村,115.852,29.672,1,10合1', 'X-BEIJING,白畈村临时采样点,临时采样点,城门街道,白畈村,116.397,39.909,1,10合1'].join('\n');

async function runImport(mode: string, extra = '') {
	const started = await fetch(`${app.url}/api/ledgers/sites/import?mode=${mode}&filename=sites.csv${extra}`, { method: 'POST', headers: { cookie: admin.cookie }, body: SITES_CSV });
	expect(started.status).toBe(202);
	const { id } = await started.json();
	return until(async () => {
		const job = await (await fetch(`${app.url}/api/ledgers/jobs/${id}`, { headers: { cookie: admin.cookie } })).json();
		return job.status !== 'running' ? job : undefined;
	}, 'the import job');
}

describe('a ledger row outside the county', () => {
	it('is flagged by the check, with how far out it lies', async () => {
		const { report } = await runImport('validate');
		expect(report.outsideCount).toBe(1);
		expect(report.outside[0]).toMatchObject({ row: 3, value: '116.397, 39.909' });
		expect(report.outside[0].km).toBeGreaterThan(1000);
		expect(report).toMatchObject({ goodRows: 1, badRows: 1, written: null });
	});

	it('is refused by an import that was not confirmed: nothing is written', async () => {
		const { report } = await runImport('import');
		expect(report.written).toBeNull();
		expect(report.confirmOutside).toBe(false);
	});

	it('is held back from an import of the good rows only', async () => {
		const { report } = await runImport('import_good_rows');
		expect(report.written).toEqual({ created: 1, updated: 0, unchanged: 0 });
	});

	it('is written once the importer confirms it', async () => {
		const { report } = await runImport('import', '&confirmOutside=true');
		expect(report.confirmOutside).toBe(true);
		expect(report.badRows).toBe(0);
		expect(report.written).toEqual({ created: 1, updated: 0, unchanged: 1 });
	});
});
