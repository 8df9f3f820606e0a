/** A positive pool traced to its households for re-testing: only for authorised roles, recorded, never a home. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import type { DispatchBoard, PositivePool } from '../../src/lib/protocol/index';
import { postEvents, signedIn, startTestApp } from '../fixtures/app';
import { box } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { issueDeviceCredential } from '../../server/modules/identity/credentials';
import { auditLog, households } from '../../server/db/schema/index';

let app: App;
let lims: string;
beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	lims = (await issueDeviceCredential({ db: app.database.db, input: { deviceId: 'lims-lab-chaisang-cdc', kind: 'lab_system', scopeId: 'lab-chaisang-cdc' }, actor: 'test' })).token;
});
afterAll(async () => {
	await app.close();
});

const fromLab = (event: object) =>
	fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${lims}` }, body: JSON.stringify({ events: [{ deviceId: 'lims-lab-chaisang-cdc', at: new Date().toISOString(), labId: 'lab-chaisang-cdc', type: 'lab.pool_result', ...event }] }) }).then((response) => response.json());

describe('positive pools', () => {
	it('refuses pool data that cannot be right, saying why', async () => {
		const tooMany = await postEvents(app, { events: [box({ boxId: 'POOLS-BAD-1', tubes: 1, people: 10, pools: [{ tube: 'T1', householdIds: ['CM020001'] }, { tube: 'T2', householdIds: ['CM020002'] }] })] });
		expect(tooMany.json.results[0].reason).toBe('pools: pools must not list more tubes than the box holds');
		const twice = await postEvents(app, { events: [box({ boxId: 'POOLS-BAD-2', tubes: 2, people: 20, pools: [{ tube: 'T1', householdIds: ['CM020001'] }, { tube: 'T1', householdIds: ['CM020002'] }] })] });
		expect(twice.json.results[0].reason).toBe('pools: pools must list each tube once');
		const unsure = await fromLab({ id: 'pool-result-bad-1', boxId: 'POOLS-BAD-1', tube: 'T1', result: 'maybe' });
		expect(unsure.results[0].reason).toBe('result: result must be one of positive, negative');
		const fromTablet = await postEvents(app, { events: [{ type: 'lab.pool_result', id: 'pool-result-bad-2', deviceId: 'tablet-site-baifan', at: new Date().toISOString(), labId: 'lab-chaisang-cdc', boxId: 'x', tube: 'T1', result: 'positive' }] });
		expect(fromTablet.json.results[0].reason).toBe('type: a site_tablet may not post lab.pool_result');
	});

	it('lists a positive pool with its households to a quarantine officer, records it, and shows dispatchers only the count', async () => {
		const [first, second, third] = await app.database.db.select().from(households).where(eq(households.villageId, 'v:城门街道/白畈村')).limit(3);
		const sealed = box({
			boxId: 'POOLS-BOX-1', tubes: 2, people: 12,
			pools: [
				{ tube: 'POOLS-BOX-1-T1', householdIds: [first.id, second.id] },
				{ tube: 'POOLS-BOX-1-T2', householdIds: [third.id] }
			]
		});
		expect((await postEvents(app, { events: [sealed] })).json.accepted).toBe(1);
		expect((await fromLab({ id: 'pool-result-0001', boxId: 'POOLS-BOX-1', tube: 'POOLS-BOX-1-T1', result: 'positive' })).accepted).toBe(1);
		expect((await fromLab({ id: 'pool-result-0002', boxId: 'POOLS-BOX-1', tube: 'POOLS-BOX-1-T2', result: 'negative' })).accepted).toBe(1);

		const officer = await signedIn(app, 'quarantine_officer', { villageIds: ['v:城门街道/白畈村'] });
		const pools = await until(async () => {
			const listed = (await (await fetch(`${app.url}/api/pools/positive`, { headers: { cookie: officer.cookie } })).json()) as PositivePool[];
			return listed.length === 1 && listed[0].households.length === 2 && listed;
		}, 'the result and the pool members to be stored');
		expect(pools[0]).toMatchObject({ boxId: 'POOLS-BOX-1', tube: 'POOLS-BOX-1-T1', siteName: '白畈村采样点', labName: '柴桑区疾控中心实验室' });
		expect(pools[0].households.map((household) => household.id).sort()).toEqual([first.id, second.id].sort());
		expect(pools[0].households[0]).toMatchObject({ village: '白畈村' });
		expect(pools[0].households[0].headMasked).toMatch(/^.\*+$/);
		expect(JSON.stringify(pools)).not.toMatch(/号|address/);
		const audit = await app.database.db.select().from(auditLog).where(eq(auditLog.action, 'pools.list_positive'));
		expect(audit.map((entry) => entry.actor)).toContain(`user:${officer.username}`);

		// An officer of another village is not shown these households, nor the pool that holds only them.
		const elsewhere = await signedIn(app, 'quarantine_officer', { villageIds: ['v:城门街道/红旗村'] });
		expect(await (await fetch(`${app.url}/api/pools/positive`, { headers: { cookie: elsewhere.cookie } })).json()).toEqual([]);
		const lab = await signedIn(app, 'lab_operator');
		expect(((await (await fetch(`${app.url}/api/pools/positive`, { headers: { cookie: lab.cookie } })).json()) as PositivePool[])[0].households).toHaveLength(2);

		const dispatcher = await signedIn(app, 'dispatcher');
		expect((await fetch(`${app.url}/api/pools/positive`, { headers: { cookie: dispatcher.cookie } })).status).toBe(403);
		const board = (await (await fetch(`${app.url}/api/dispatch/board`, { headers: { cookie: dispatcher.cookie } })).json()) as DispatchBoard;
		expect(board.labs[0].positivePools).toBe(1);

		// A re-run of the tube comes back negative: the newer result stands and the pool leaves the list.
		expect((await fromLab({ id: 'pool-result-0003', boxId: 'POOLS-BOX-1', tube: 'POOLS-BOX-1-T1', result: 'negative', at: new Date(Date.now() + 1000).toISOString() })).accepted).toBe(1);
		await until(async () => ((await (await fetch(`${app.url}/api/pools/positive`, { headers: { cookie: officer.cookie } })).json()) as PositivePool[]).length === 0, 'the re-run to replace the result');
	});
});
