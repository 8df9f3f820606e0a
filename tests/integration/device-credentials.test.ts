import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { signedIn, startTestApp } from '../fixtures/app';

let app: App;
let admin: { cookie: string };
beforeAll(async () => {
	app = await startTestApp();
	admin = await signedIn(app, 'admin');
});
afterAll(async () => {
	await app.close();
});

const issue = (body: unknown) => fetch(`${app.url}/api/admin/devices`, { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('issuing a device credential', () => {
	it('refuses a tablet for a site that does not exist, in zh and en, naming the closest sites', async () => {
		const answer = await issue({ deviceId: 'tablet-x', kind: 'site_tablet', scopeId: 'site-baihee' });
		expect(answer.status).toBe(400);
		const body = await answer.json();
		expect(body.code).toBe('device_scope_unknown');
		expect(body.message.zh).toContain('没有编号为 "site-baihee" 的采样点');
		expect(body.message.zh).toContain('site-baihe');
		expect(body.message.en).toContain('no site "site-baihee" exists');
		expect(body.message.en).toContain('site-baihe');
		expect(body.token).toBeUndefined();
	});

	it('refuses a phone for an unknown vehicle and a lab system for an unknown lab', async () => {
		const phone = await (await issue({ deviceId: 'phone-x', kind: 'courier_phone', scopeId: 'courier-99' })).json();
		expect(phone.message.en).toMatch(/no vehicle "courier-99" exists.*closest existing ids: courier-/);
		const lab = await (await issue({ deviceId: 'lims-x', kind: 'lab_system', scopeId: 'lab-nowhere' })).json();
		expect(lab.message.zh).toContain('实验室');
		expect(lab.code).toBe('device_scope_unknown');
	});

	it('issues a credential for a site that exists', async () => {
		const answer = await issue({ deviceId: 'tablet-y', kind: 'site_tablet', scopeId: 'site-baihe' });
		expect(answer.status).toBe(201);
		expect((await answer.json()).token).toMatch(/^dev_/);
	});
});
