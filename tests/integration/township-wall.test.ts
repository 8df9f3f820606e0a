/**
 * A wall bound to one township (a display token with its township) shows that township's numbers:
 * its sites only, live counts summed over them (what its KPI band shows), and an overview of its
 * own boxes and households, while the county's wall still counts every township.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { createDisplayToken, issueDeviceCredential } from '../../server/modules/identity/credentials';
import type { WallOverview } from '../../src/lib/protocol/index';
import { scopedCounts } from '../../src/lib/components/wall/scoped-counts';
import { postEvents, signedIn, startTestApp } from '../fixtures/app';
import { box, labCounts, queue } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { openWall, type WallView } from '../fixtures/wall-socket';

const CHENGMEN = 't:城门街道';
// A second township, imported: one site with a long queue that a 城门街道 wall must not count.
const SITES_CSV = ['编号,名称,类型,街道,服务村,经度,纬度,采样台数,混采', 'N-001,新村采样点,固定采样点,新城街道,新村,115.9,29.7,2,10合1'].join('\n');

let app: App;
let townshipToken: string;
let countyWall: WallView;
let townshipWall: WallView;

beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	const admin = await signedIn(app, 'admin');
	const started = await fetch(`${app.url}/api/ledgers/sites/import?mode=import&filename=sites.csv`, { method: 'POST', headers: { cookie: admin.cookie }, body: SITES_CSV });
	expect(started.status).toBe(202);
	const { id } = await started.json();
	const job = await until(async () => {
		const answer = await (await fetch(`${app.url}/api/ledgers/jobs/${id}`, { headers: { cookie: admin.cookie } })).json();
		return answer.status !== 'running' ? answer : undefined;
	}, 'the site import');
	expect(job.report.written).toMatchObject({ created: 1 });
	townshipToken = (await createDisplayToken({ db: app.database.db, input: { label: '城门街道 wall', regionId: CHENGMEN }, actor: 'test' })).token;
	countyWall = await openWall(app);
	townshipWall = await openWall(app, townshipToken);
}, 120_000);
afterAll(async () => {
	countyWall?.close();
	townshipWall?.close();
	await app?.close();
});

const overviewAs = async (token: string): Promise<WallOverview> => (await fetch(`${app.url}/api/wall/overview`, { headers: { authorization: `Bearer ${token}` } })).json();

describe('a township’s wall', () => {
	it('counts its own township’s queue, people and tubes, not the county’s', async () => {
		const at = new Date(Date.now() - 5_000).toISOString();
		const answer = await postEvents(app, {
			events: [
				queue({ siteId: 'N-001', at, queueLength: 900, sampledToday: 700 }),
				box({ siteId: 'N-001', at, tubes: 70, people: 700, boxId: 'box-n001-1' }),
				queue({ siteId: 'site-baifan', at, queueLength: 40, sampledToday: 120 }),
				box({ siteId: 'site-baifan', at, tubes: 12, people: 120, boxId: 'box-baifan-1' })
			]
		});
		expect(answer.json.accepted).toBe(4);
		// Only the other township's box has reached the lab.
		const receipt = { type: 'box.received', id: 'receipt-n001-1', deviceId: 'phone-courier-1', at: new Date().toISOString(), boxId: 'box-n001-1', labId: 'lab-chaisang-cdc', tubesCounted: 70 };
		expect((await postEvents(app, { events: [receipt] })).json.accepted).toBe(1);
		const { token: lims } = await issueDeviceCredential({ db: app.database.db, input: { deviceId: 'lims-lab-chaisang-cdc', kind: 'lab_system', scopeId: 'lab-chaisang-cdc' }, actor: 'test' });
		const report = await fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${lims}` }, body: JSON.stringify({ events: [labCounts({ receivedTubes: 70, testedTubes: 0 })] }) });
		expect((await report.json()).accepted).toBe(1);
		await until(() => (countyWall.sites.get('N-001')?.queueLength === 900 && townshipWall.sites.get('site-baifan')?.tubesToday === 12 ? true : undefined), 'the reports on both walls');

		// The township's wall holds its own sites only, and its band's counts are theirs.
		expect([...townshipWall.sites.values()].every((site) => site.townshipId === CHENGMEN)).toBe(true);
		expect(townshipWall.sites.has('N-001')).toBe(false);
		const township = scopedCounts(townshipWall.sites.values())!;
		const county = scopedCounts(countyWall.sites.values())!;
		expect(county.peopleQueueing - township.peopleQueueing).toBe(900);
		expect(county.peopleSampledToday - township.peopleSampledToday).toBe(700);
		expect(county.tubesToday - township.tubesToday).toBe(70);
		expect(township.tubesToday).toBe(12);
		// The county's own wall: its sums are the projector's county KPIs.
		await until(() => (countyWall.kpi().peopleQueueing === county.peopleQueueing ? true : undefined), 'the county KPIs');
		expect(countyWall.kpi()).toMatchObject({ peopleQueueing: county.peopleQueueing, peopleSampledToday: county.peopleSampledToday, tubesToday: county.tubesToday });

		// The overview a township's wall reads is its own: its boxes, its households.
		const [countyOverview, townshipOverview] = await until(async () => {
			const both = await Promise.all([overviewAs(await countyToken()), overviewAs(townshipToken)]);
			return both[0].tubes.collected === 82 && both[0].tubes.received === 70 && both[1].tubes.collected === 12 ? both : undefined;
		}, 'the boxes in the overview');
		expect(townshipOverview.tubes.collected).toBe(12);
		// Received at a lab: the township's own boxes, none yet (the labs' total would be the other township's 70).
		expect(townshipOverview.tubes.received).toBe(0);
		expect(townshipOverview.coverage.sampledToday).toBe(120);
		expect(countyOverview.coverage.sampledToday).toBe(820);
	});
});

let county: string | null = null;
async function countyToken(): Promise<string> {
	county ??= (await createDisplayToken({ db: app.database.db, input: { label: 'county wall' }, actor: 'test' })).token;
	return county;
}
