/**
 * People sampled at the registration desk (site.sampled, issue 15): each member's roster code (or
 * the household code for 一户一管) linked to a tube, checked against the roster at ingest, stored
 * once per member and day, and counted in the day's coverage (GET /api/coverage), the wall's
 * overview and the live KPI, which say the same numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { App } from '../../server/app';
import type { RoundCoverage } from '../../src/lib/protocol/coverage';
import { postEvents, signedIn, startTestApp } from '../fixtures/app';
import { eventId } from '../fixtures/events';
import { insertTestVillage, type TestVillage } from '../fixtures/roster';
import { until } from '../fixtures/wait';
import { openWall, type WallView } from '../fixtures/wall-socket';

let app: App;
let village: TestVillage;
let wall: WallView;
let leader: { cookie: string };

beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	village = await insertTestVillage(app.database.db, { name: '采样测试村', prefix: 'HS', sizes: [3, 2, 4, 1], cannotCome: ['HS0004-1'] });
	leader = await signedIn(app, 'shift_leader', { townshipId: 't:城门街道' });
	wall = await openWall(app);
});
afterAll(async () => {
	wall?.close();
	await app?.close();
});

type Sample = { tube: string; memberCode?: string; householdCode?: string };
const sampled = (samples: Sample[], overrides: Record<string, unknown> = {}) => ({ type: 'site.sampled', id: eventId('smp'), deviceId: 'tablet-site-baifan', at: new Date().toISOString(), siteId: 'site-baifan', samples, ...overrides });
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []));
const stored = async (codes: string[]) =>
	rowsOf<{ member_code: string; tube: string }>(await app.database.db.execute(sql`select member_code, tube from sampled_members where member_code in ${sql`(${sql.join(codes.map((code) => sql`${code}`), sql`, `)})`} order by member_code`));
const persisted = () => until(() => (app.projector!.status.unpersisted === 0 ? true : undefined), 'the batch persisted');
const coverage = async (): Promise<RoundCoverage> => {
	const response = await fetch(`${app.url}/api/coverage`, { headers: { cookie: leader.cookie } });
	expect(response.status).toBe(200);
	return response.json();
};
const ours = (view: RoundCoverage) => view.villages.find((each) => each.villageId === village.villageId);
// Coverage is cached a few seconds: poll until it says what the store says.
const coverageUntil = (check: (view: NonNullable<ReturnType<typeof ours>>) => boolean, what: string) =>
	until(async () => {
		const view = ours(await coverage());
		if (view && check(view)) return view;
		// Unhurried, like a page: the answer is cached for seconds anyway.
		await new Promise((resolve) => setTimeout(resolve, 250));
	}, what, 15_000);

describe('site.sampled', () => {
	it('stores each member once: a resent event and a second scan of the same member count once', async () => {
		const first = sampled([{ tube: 'T-001', memberCode: 'HS0001-1' }, { tube: 'T-001', memberCode: 'HS0001-2' }]);
		expect((await postEvents(app, { events: [first] })).json.accepted).toBe(1);
		// The tablet got no answer and resends; later the registrar scans member 1 again into another tube.
		const resent = await postEvents(app, { events: [first] });
		expect(resent.json.results[0]).toMatchObject({ status: 'accepted', duplicate: true });
		expect((await postEvents(app, { events: [sampled([{ tube: 'T-009', memberCode: 'HS0001-1' }])] })).json.accepted).toBe(1);
		await persisted();
		expect(await stored(['HS0001-1', 'HS0001-2'])).toEqual([{ member_code: 'HS0001-1', tube: 'T-001' }, { member_code: 'HS0001-2', tube: 'T-001' }]);
		const view = await coverageUntil((each) => each.sampled === 2, 'two sampled in coverage');
		expect(view).toMatchObject({ registered: 10, sampled: 2, notYetSampled: 8, doorToDoor: 1, name: '采样测试村' });
	}, 60_000);

	it('expands a household code (一户一管) to all its members in that tube', async () => {
		expect((await postEvents(app, { events: [sampled([{ tube: 'T-002', householdCode: 'HS0003' }])] })).json.accepted).toBe(1);
		await persisted();
		expect((await stored(village.households.get('HS0003')!)).map((row) => row.tube)).toEqual(['T-002', 'T-002', 'T-002', 'T-002']);
		await coverageUntil((each) => each.sampled === 6, 'six sampled in coverage');
	}, 60_000);

	it('refuses an event naming an unknown code, in Chinese and English, and writes nothing of it', async () => {
		const answer = await postEvents(app, { events: [sampled([{ tube: 'T-003', memberCode: 'HS0002-1' }, { tube: 'T-003', memberCode: 'HS0002-7' }])] });
		expect(answer.json.results[0].status).toBe('rejected');
		expect(answer.json.results[0].message.zh).toContain('“HS0002-7”不在花名册');
		// The device API's reason names the field; what the registrar reads does not.
		expect(answer.json.results[0].reason).toContain('samples.1.memberCode: "HS0002-7" is not on the roster');
		expect(answer.json.results[0].message.en).toMatch(/^"HS0002-7" is not on the roster/);
		const household = await postEvents(app, { events: [sampled([{ tube: 'T-004', householdCode: 'HS9999' }])] });
		expect(household.json.results[0].reason).toContain('samples.0.householdCode: "HS9999" is not on the roster');
		await persisted();
		expect(await stored(['HS0002-1', 'HS0002-7'])).toEqual([]);
	}, 60_000);

	it('refuses an ID number on the wire, naming the field, and writes nothing', async () => {
		const answer = await postEvents(app, { events: [sampled([{ tube: 'T-005', memberCode: 'HS0002-1' }, { tube: 'T-005', memberCode: '36042119800101123X' }])] });
		expect(answer.json.results[0].status).toBe('rejected');
		expect(answer.json.results[0].reason).toMatch(/^samples\.1\.memberCode: .*ID number/);
		expect(answer.json.results[0].message.zh).toContain('身份证号');
		await persisted();
		expect(await stored(['HS0002-1', '36042119800101123X'])).toEqual([]);
		const anywhere = rowsOf<{ n: number | string }>(await app.database.db.execute(sql`select count(*) as n from device_events where payload::text like '%36042119800101123%'`));
		expect(Number(anywhere[0].n)).toBe(0);
	}, 60_000);

	it('refuses a tablet reporting for another site', async () => {
		const answer = await postEvents(app, { events: [sampled([{ tube: 'T-006', memberCode: 'HS0002-1' }], { siteId: 'site-jinlan' })] });
		expect(answer.json.results[0]).toMatchObject({ status: 'rejected' });
		expect(answer.json.results[0].reason).toContain('siteId: this device reports for site site-baifan only');
		await persisted();
		expect(await stored(['HS0002-1'])).toEqual([]);
	}, 60_000);

	it('moves the live KPI and the overview with the same count as the coverage', async () => {
		// The tablet's own count runs ahead of the batches it has sent: the wall's 今日采样 still says the coverage's figure.
		await postEvents(app, { events: [{ type: 'site.queue', id: eventId('q'), deviceId: 'tablet-site-baifan', at: new Date().toISOString(), siteId: 'site-baifan', queueLength: 3, sampledToday: 25 }] });
		await postEvents(app, { events: [sampled([{ tube: 'T-007', householdCode: 'HS0002' }, { tube: 'T-008', memberCode: 'HS0004-1' }, { tube: 'T-008', memberCode: 'HS0001-3' }], { via: 'site' })] });
		const view = await coverageUntil((each) => each.sampled === 10, 'the village at 100 %');
		expect(view).toMatchObject({ coverage: 1, notYetSampled: 0, doorToDoor: 0 });
		await until(() => (wall.sites.get('site-baifan')?.peopleToday === 10 ? true : undefined), 'the site’s people on the wall');
		const overview = await (await fetch(`${app.url}/api/wall/overview`, { headers: { cookie: leader.cookie } })).json();
		const county = (await coverage()).county;
		expect(overview.roundCoverage.county.sampled).toBe(county.sampled);
		expect(overview.coverage.registeredResidents).toBe(county.registered);
		expect(overview.coverage.sampledToday).toBe(wall.kpi().peopleSampledToday);
		await until(() => (wall.kpi().peopleSampledToday === county.sampled ? true : undefined), 'the KPI at the coverage’s figure');
		expect(JSON.stringify(overview.roundCoverage)).not.toContain('HS0001');
		// The hourly plan line follows the round under way (sampling now), whatever the hour: not 0 outside 06:00–22:00.
		const hourNow = Math.floor((Date.now() / 3_600_000 + 8) % 24);
		expect(overview.throughputByHour.find((row: { hour: number }) => row.hour === hourNow).planned).toBeGreaterThan(0);
	}, 60_000);
});
