/**
 * Every refusal a person can see comes with a stable code, the status its kind maps to, the reason
 * in zh and en (`error` stays the English), and nothing written. One family per describe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import type { App } from '../../server/app';
import { auditLog, pickupRuns, trackers, transferTasks } from '../../server/db/schema/index';
import { postEvents, signedIn, startTestApp } from '../fixtures/app';
import { queue } from '../fixtures/events';

let app: App;
let dispatcher: string;
let admin: string;
beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	dispatcher = (await signedIn(app, 'dispatcher')).cookie;
	admin = (await signedIn(app, 'admin')).cookie;
});
afterAll(async () => {
	await app.close();
});

const HAN = /[\u4e00-\u9fff]/;

interface Refusal {
	status: number;
	body: { error: string; code: string; message: { zh: string; en: string } };
}

async function call(path: string, init: RequestInit & { cookie?: string; json?: unknown } = {}): Promise<Refusal> {
	const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
	if (init.cookie) headers.cookie = init.cookie;
	if (init.json !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(`${app.url}${path}`, { ...init, headers, body: init.json === undefined ? init.body : JSON.stringify(init.json) });
	return { status: response.status, body: await response.json() };
}

/** The rows a refused command must not have touched. */
async function written() {
	const db = app.database.db;
	const [[runs], [tasks], [audit], [tracked]] = await Promise.all([db.select({ n: count() }).from(pickupRuns), db.select({ n: count() }).from(transferTasks), db.select({ n: count() }).from(auditLog), db.select({ n: count() }).from(trackers)]);
	return { runs: runs.n, tasks: tasks.n, audit: audit.n, trackers: tracked.n };
}

function expectRefusal(answer: Refusal, status: number, code: string, zh: RegExp, en?: string | RegExp) {
	expect(answer.status).toBe(status);
	expect(answer.body.code).toBe(code);
	expect(answer.body.message.zh).toMatch(HAN);
	expect(answer.body.message.zh).toMatch(zh);
	expect(answer.body.message.en).toBe(answer.body.error);
	if (en !== undefined) expect(answer.body.error).toMatch(en);
}

describe('the router', () => {
	it('answers an /api path that matches no route with a JSON 404, not the web app', async () => {
		const response = await fetch(`${app.url}/api/no/such/thing`);
		expect(response.status).toBe(404);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		expectRefusal({ status: 404, body: await response.json() }, 404, 'no_such_api', /没有这个接口/, /no API at \/api\/no\/such\/thing/);
	});

	it('refuses a wrong method, a missing sign-in, a role without the permission and a malformed path', async () => {
		expectRefusal(await call('/api/dispatch/board', { method: 'DELETE', cookie: dispatcher }), 405, 'method_not_allowed', /GET/, 'use GET');
		expectRefusal(await call('/api/dispatch/board'), 401, 'sign_in_required', /请先登录/, 'sign in first, or use a display token');
		const viewer = (await signedIn(app, 'viewer')).cookie;
		const forbidden = await call('/api/dispatch/board', { cookie: viewer });
		expectRefusal(forbidden, 403, 'role_not_allowed', /无权.*样本转运调度/, 'your role may not view sample dispatch; ask an admin for a role that may (permission dispatch:view)');
		// No internal permission id in the Chinese.
		expect(forbidden.body.message.zh).not.toMatch(/dispatch:view/);
		const noDevice = await call('/api/ingest/events', { method: 'POST', json: { events: [] } });
		expectRefusal(noDevice, 401, 'device_credential_required', /此设备未登记或设备凭证无效.*管理员/, /^This device is not registered or its credential is invalid: ask an admin/);
		// Says what to do, not the internal header.
		expect(JSON.stringify(noDevice.body.message)).not.toMatch(/Authorization|Bearer|dev_/);
		// A path that does not decode is refused before any route (server/app.ts).
		expectRefusal(await call('/api/ledgers/jobs/%E0%A4%A', { cookie: admin }), 400, 'malformed_url', /格式有误/, /^malformed URL/);
	});
});

describe('schema errors', () => {
	it('names the field and its limit in Chinese, keeps the English, and writes nothing', async () => {
		const before = await written();
		const pickup = await call('/api/transfers', { method: 'POST', cookie: dispatcher, json: { vehicleId: 'transfer-1', quarantineSiteId: 'qs-chaisang-hotel', returneeId: 'r-1', pickup: { label: '车站', lat: 29.6, lon: 215.9 } } });
		expectRefusal(pickup, 400, 'invalid_input', /^接送点的经度不是有效的经度/, /^pickup\.lon: /);
		const missing = await call('/api/dispatch/runs', { method: 'POST', cookie: dispatcher, json: { siteIds: ['site-baifan'], labId: 'lab-chaisang-cdc' } });
		expectRefusal(missing, 400, 'invalid_input', /缺少送样车/, 'courierId: courierId is required');
		const notJson = await call('/api/dispatch/runs', { method: 'POST', cookie: dispatcher, headers: { 'content-type': 'text/plain' }, body: 'x' });
		expectRefusal(notJson, 415, 'not_json', /JSON/, 'content-type must be application/json');
		const noReason = await call('/api/transfers/1/cancel', { method: 'POST', cookie: dispatcher, json: {} });
		expectRefusal(noReason, 400, 'invalid_input', /缺少原因/, /^reason: /);
		expect(await written()).toEqual(before);
	});
});

describe('pickup runs', () => {
	it('refuses an unknown courier, site or lab, a bad id and a run that is not open, and writes nothing', async () => {
		const before = await written();
		const accept = (json: object) => call('/api/dispatch/runs', { method: 'POST', cookie: dispatcher, json: { courierId: 'courier-1', siteIds: ['site-baifan'], labId: 'lab-chaisang-cdc', ...json } });
		expectRefusal(await accept({ courierId: 'transfer-1' }), 404, 'no_such_courier', /没有编号为“transfer-1”的送样车/, 'courierId: no courier vehicle "transfer-1"');
		expectRefusal(await accept({ siteIds: ['site-baifan', 'site-atlantis'] }), 404, 'no_such_site', /site-atlantis/, 'siteIds: no site "site-atlantis"');
		expectRefusal(await accept({ labId: 'lab-moon' }), 404, 'no_such_lab', /实验室/, 'labId: no lab "lab-moon"');
		expectRefusal(await call('/api/dispatch/runs/abc/cancel', { method: 'POST', cookie: dispatcher }), 400, 'bad_run_id', /正整数/);
		expectRefusal(await call('/api/dispatch/runs/99999/cancel', { method: 'POST', cookie: dispatcher }), 404, 'no_open_run', /派单 #99999 不存在或已结束/, 'no open run 99999');
		expect(await written()).toEqual(before);
	});

	it('refuses a second run for a courier with one open (409), leaving the first as it was', async () => {
		const first = await call('/api/dispatch/runs', { method: 'POST', cookie: dispatcher, json: { courierId: 'courier-1', siteIds: ['site-baifan'], labId: 'lab-chaisang-cdc' } });
		expect(first.status).toBe(201);
		const before = await written();
		const second = await call('/api/dispatch/runs', { method: 'POST', cookie: dispatcher, json: { courierId: 'courier-1', siteIds: ['site-jinlan'], labId: 'lab-chaisang-cdc' } });
		expectRefusal(second, 409, 'courier_busy', /已有进行中的派单/, /already has run \d+ open; cancel it first/);
		expect(await written()).toEqual(before);
	});
});

describe('transfers', () => {
	it('refuses an unknown vehicle or hotel, a task that is not open, a bad id, in zh and en, writing nothing', async () => {
		const before = await written();
		const assign = (json: object) => call('/api/transfers', { method: 'POST', cookie: dispatcher, json: { vehicleId: 'transfer-1', quarantineSiteId: 'qs-chaisang-hotel', returneeId: 'r-nobody', ...json } });
		expectRefusal(await assign({ vehicleId: 'courier-1' }), 404, 'no_such_vehicle', /转运车/, 'vehicleId: no transfer vehicle "courier-1"');
		expectRefusal(await assign({ quarantineSiteId: 'qs-nowhere' }), 404, 'no_such_hotel', /隔离点/, 'quarantineSiteId: no quarantine site "qs-nowhere"');
		expectRefusal(await assign({}), 404, 'no_such_returnee', /返乡人员/, 'returneeId: there is no such returnee');
		expectRefusal(await call('/api/transfers/99999/handover', { method: 'POST', cookie: dispatcher }), 404, 'no_open_transfer', /不存在或已结束/, 'no open transfer 99999');
		expectRefusal(await call('/api/transfers/99999/cancel', { method: 'POST', cookie: dispatcher, json: { reason: '测试撤回' } }), 404, 'no_open_transfer', /未作任何更改/);
		expectRefusal(await call('/api/transfers/0/cancel', { method: 'POST', cookie: dispatcher, json: { reason: '测试撤回' } }), 400, 'bad_task_id', /正整数/);
		expect(await written()).toEqual(before);
	});
});

describe('replay', () => {
	it('refuses a window the wrong way round, too long, or naming no vehicle', async () => {
		const at = (hoursAgo: number) => encodeURIComponent(new Date(Date.now() - hoursAgo * 3_600_000).toISOString());
		expectRefusal(await call(`/api/replay?vehicles=all&from=${at(1)}&to=${at(2)}`, { cookie: dispatcher }), 400, 'bad_query', /开始时间须早于结束时间/, 'query: from must be before to');
		expectRefusal(await call(`/api/replay?vehicles=all&from=${at(30)}&to=${at(1)}`, { cookie: dispatcher }), 400, 'bad_query', /最长 24 小时/);
		expectRefusal(await call(`/api/replay?vehicles=all&from=yesterday&to=${at(1)}`, { cookie: dispatcher }), 400, 'bad_query', /开始时间须为带时区的时间/, /^from: /);
		expectRefusal(await call(`/api/replay?vehicles=courier-1,ghost-9&from=${at(2)}&to=${at(1)}`, { cookie: dispatcher }), 404, 'no_such_vehicle', /ghost-9/, 'vehicles: no vehicle "ghost-9"');
	});
});

describe('trackers and admin', () => {
	it('refuses a tracker id with bad characters and an unknown vehicle, registering nothing', async () => {
		const before = await written();
		expectRefusal(await call('/api/admin/trackers', { method: 'POST', cookie: admin, json: { trackerId: 'bad id!' } }), 400, 'bad_tracker_id', /定位终端编号/);
		expectRefusal(await call('/api/admin/trackers', { method: 'POST', cookie: admin, json: { trackerId: '860000000000123', vehicle: '不存在的车' } }), 404, 'no_such_vehicle', /没有登记名为“不存在的车”的车辆/);
		expectRefusal(await call('/api/admin/trackers?limit=0', { cookie: admin }), 400, 'invalid_input', /条数/);
		expectRefusal(await call('/api/admin/display-tokens/nope', { method: 'DELETE', cookie: admin }), 404, 'no_such_display_token', /大屏令牌/);
		expect(await written()).toEqual(before);
	});
});

describe('device ingest', () => {
	it('keeps each event’s result, with the reason also in zh; a bad batch is refused whole in zh and en', async () => {
		const { json } = await postEvents(app, { events: [queue(), { ...queue(), queueLength: -3 }, queue({ siteId: 'site-jinlan', deviceId: 'tablet-site-baifan' })] }, { as: 'tablet-site-baifan' });
		expect(json.results[0]).toMatchObject({ status: 'accepted' });
		expect(json.results[1]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^queueLength: /), message: { zh: '排队人数不能小于 0' } });
		expect(json.results[1].message.en).toBe(json.results[1].reason);
		expect(json.results[2]).toMatchObject({ reason: 'siteId: this device reports for site site-baifan only', message: { zh: '此设备只能上报采样点 site-baifan 的数据' } });
		// Traccar Client (OsmAnd): a bad position and an unregistered tracker, refused in both languages.
		expectRefusal(await call('/api/ingest/osmand?id=860000000000777&lat=29.6&lon=215.8'), 400, 'invalid_fix', /^经度不是有效的经度/, 'lon must be within -180..180');
		expectRefusal(await call('/api/ingest/osmand?id=860000000000777&lat=29.6&lon=115.8'), 403, 'unknown_tracker', /未登记的设备编号“860000000000777”/, /^unknown device id "860000000000777"/);
		const empty = await postEvents(app, { events: [] }, { as: 'tablet-site-baifan' });
		expectRefusal({ status: empty.status, body: empty.json }, 400, 'invalid_batch', /事件列表至少要有 1 项/, /^events: /);
	});
});

describe('admin API refusals', () => {
	const post = (path: string, json: unknown) => call(path, { method: 'POST', cookie: admin, json });

	it('names the townshipId field, in Chinese and plain English, when a shift leader is created without a township', async () => {
		const before = await written();
		const answer = await post('/api/admin/users', { username: 'leader-no-township', password: 'correct horse battery staple', role: 'shift_leader' });
		expectRefusal(answer, 400, 'identity_refused', /采样组长.*townshipId.*t:城门街道/, /^a shift leader needs a township: fill in the townshipId field/);
		expect(answer.body.message.zh).not.toBe('输入未通过检查，未作任何更改');
		const officer = await post('/api/admin/users', { username: 'officer-no-village', password: 'correct horse battery staple', role: 'quarantine_officer' });
		expectRefusal(officer, 400, 'identity_refused', /隔离专班.*villageIds/, /villageIds field/);
		const unknown = await post('/api/admin/users', { username: 'leader-nowhere', password: 'correct horse battery staple', role: 'shift_leader', townshipId: 't:不存在镇' });
		expectRefusal(unknown, 400, 'identity_refused', /没有街道“t:不存在镇”.*townshipId/, /^no township "t:不存在镇"/);
		expect(await written()).toEqual(before);
	});

	it('says a missing or mistyped field plainly in both languages, not zod’s "Invalid input: expected string"', async () => {
		const device = await post('/api/admin/devices', { deviceId: 'tablet-x', kind: 'site_tablet' });
		expectRefusal(device, 400, 'invalid_input', /缺少.*必须填写/, 'scopeId: missing; it is required');
		const user = await post('/api/admin/users', { username: 42, password: 'correct horse battery staple', role: 'viewer' });
		expectRefusal(user, 400, 'invalid_input', /用户名|username/, 'username: must be a text (string)');
		for (const answer of [device, user]) expect(answer.body.error).not.toMatch(/Invalid input|expected string|received/);
	});
});

