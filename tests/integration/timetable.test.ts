/** 各村时间安排表: set, change and remove rows through the commands, refused with a reason in zh and en and nothing written, exported as XLSX. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import { auditLog, commandOutbox, villageTimetable } from '../../server/db/schema/index';
import { readLedgerFile } from '../../server/modules/ledgers/ledger-files';
import type { TimetableSlot } from '../../src/lib/protocol/timetable-events';
import { signedIn, startTestApp } from '../fixtures/app';

let app: App;
let commander: string;
let loadedAt: number;
const BAIFAN = 'v:城门街道/白畈村';

beforeAll(async () => {
	loadedAt = Date.now();
	app = await startTestApp({ SCENARIO: 'chengmen' });
	commander = (await signedIn(app, 'commander')).cookie;
});
afterAll(async () => {
	await app.close();
});

const post = (cookie: string, path: string, body: unknown) => fetch(`${app.url}/api/timetable/${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: app.url }, body: JSON.stringify(body) });
const rows = () => app.database.db.select().from(villageTimetable).orderBy(villageTimetable.villageId, villageTimetable.siteId);

describe('the village timetable', () => {
	it('starts with the scenario’s default: from when the demo declared its round, a site’s two villages one after the other', async () => {
		const { slots } = (await (await fetch(`${app.url}/api/timetable`, { headers: { cookie: commander } })).json()) as { slots: TimetableSlot[] };
		expect(slots).toHaveLength(11);
		const baifan = slots.find((slot) => slot.villageId === BAIFAN)!;
		const hongqi = slots.find((slot) => slot.villageId === 'v:城门街道/红旗村')!;
		const community = slots.find((slot) => slot.villageId === 'v:城门街道/城门社区')!;
		expect(baifan).toMatchObject({ village: '白畈村', site: '白畈村采样点' });
		// The round began as the scenario loaded (China time, from the 5-minute mark it fell in), whatever the hour.
		const minutesOfDay = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
		const loaded = minutesOfDay(new Date(loadedAt + 8 * 3_600_000).toISOString().slice(11, 16));
		expect((loaded - minutesOfDay(baifan.startsAt) + 1440) % 1440).toBeLessThanOrEqual(10);
		expect(hongqi.startsAt).toBe(baifan.startsAt);
		expect(community.startsAt).toBe(hongqi.endsAt);
	});

	it('changes a row and adds one, each with its event and audit entry', async () => {
		const changed = await post(commander, 'slots', { villageId: BAIFAN, siteId: 'site-baifan', startsAt: '8:00', endsAt: '11:30', note: '先老人后青壮年' });
		expect(changed.status).toBe(200);
		expect(await changed.json()).toMatchObject({ startsAt: '08:00', endsAt: '11:30', note: '先老人后青壮年' });
		expect((await post(commander, 'slots', { villageId: BAIFAN, siteId: 'site-baihe', startsAt: '14:00', endsAt: '16:00' })).status).toBe(200);
		const baifan = (await rows()).filter((row) => row.villageId === BAIFAN);
		expect(baifan.map((row) => [row.siteId, row.startsAt, row.endsAt])).toEqual([['site-baifan', '08:00', '11:30'], ['site-baihe', '14:00', '16:00']]);
		const events = (await app.database.db.select().from(commandOutbox)).map((row) => row.payload as { type: string; villageId?: string }).filter((event) => event.type.startsWith('timetable.'));
		expect(events.filter((event) => event.type === 'timetable.slot_set' && event.villageId === BAIFAN)).toHaveLength(2);
		expect(JSON.stringify(events)).not.toContain('先老人');
		expect((await app.database.db.select().from(auditLog).where(eq(auditLog.action, 'timetable.slot_set'))).length).toBeGreaterThanOrEqual(2);
	});

	it('removes a row, and refuses to remove it again', async () => {
		expect((await post(commander, 'slots/remove', { villageId: BAIFAN, siteId: 'site-baihe' })).status).toBe(200);
		expect((await rows()).filter((row) => row.villageId === BAIFAN)).toHaveLength(1);
		const again = await post(commander, 'slots/remove', { villageId: BAIFAN, siteId: 'site-baihe' });
		expect(again.status).toBe(404);
		expect((await again.json()).code).toBe('timetable_slot_unknown');
	});

	it('takes an overnight slot (22:00–02:00 ends the next day) and refuses 增加一行 for a village+site that already has a row', async () => {
		const overnight = await post(commander, 'slots', { villageId: BAIFAN, siteId: 'site-baifan', startsAt: '22:00', endsAt: '02:00', mode: 'edit' });
		expect(overnight.status).toBe(200);
		expect(await overnight.json()).toMatchObject({ startsAt: '22:00', endsAt: '02:00' });
		const before = await rows();
		const again = await post(commander, 'slots', { villageId: BAIFAN, siteId: 'site-baifan', startsAt: '07:00', endsAt: '12:00', mode: 'add' });
		expect(again.status).toBe(409);
		const answer = await again.json();
		expect(answer.code).toBe('timetable_slot_exists');
		expect(answer.message.zh).toContain('该村在该采样点已有安排，请直接修改那一行');
		expect(answer.message.en).toMatch(/^This village already has a row at this site/);
		expect(await rows()).toEqual(before);
		// A new village+site is added with the same mode.
		expect((await post(commander, 'slots', { villageId: BAIFAN, siteId: 'site-baihe', startsAt: '23:30', endsAt: '01:00', mode: 'add' })).status).toBe(200);
		expect((await post(commander, 'slots/remove', { villageId: BAIFAN, siteId: 'site-baihe' })).status).toBe(200);
	});

	it('refuses an unknown village or site, an empty slot and a time that is not HH:MM, in zh and en without field names, writing nothing', async () => {
		const before = await rows();
		const cases: [unknown, string, RegExp][] = [
			[{ villageId: 'v:城门街道/无此村', siteId: 'site-baifan', startsAt: '08:00', endsAt: '10:00' }, 'timetable_village_unknown', /没有村/],
			[{ villageId: BAIFAN, siteId: 'site-nowhere', startsAt: '08:00', endsAt: '10:00' }, 'timetable_site_unknown', /没有采样点/],
			[{ villageId: BAIFAN, siteId: 'site-baifan', startsAt: '10:00', endsAt: '10:00' }, 'timetable_empty_slot', /^结束时间与开始时间同为 10:00/],
			[{ villageId: BAIFAN, siteId: 'site-baifan', startsAt: '25:00', endsAt: '26:00' }, 'timetable_bad_time', /不是 HH:MM/],
			[{ villageId: BAIFAN, siteId: 'site-baifan', startsAt: '8点', endsAt: '10:00' }, 'timetable_bad_time', /开始时间"8点"/]
		];
		for (const [body, code, zh] of cases) {
			const response = await post(commander, 'slots', body);
			expect(response.status, code).toBe(400);
			const answer = await response.json();
			expect(answer.code).toBe(code);
			expect(answer.message.zh).toMatch(zh);
			expect(answer.message.en).toMatch(/nothing was changed/);
			// People read these: no internal field name (startsAt, villageId …) leads the reason.
			expect(answer.message.en).not.toMatch(/^\w+Id:|startsAt|endsAt/);
		}
		expect(await rows()).toEqual(before);
	});

	it('lets a shift leader set their own township’s villages only, and refuses a dispatcher and an officer', async () => {
		const leader = (await signedIn(app, 'shift_leader', { townshipId: 't:城门街道' })).cookie;
		expect((await post(leader, 'slots', { villageId: BAIFAN, siteId: 'site-baifan', startsAt: '08:00', endsAt: '12:00' })).status).toBe(200);
		const before = await rows();
		for (const cookie of [(await signedIn(app, 'dispatcher')).cookie, (await signedIn(app, 'quarantine_officer', { villageIds: [BAIFAN] })).cookie]) {
			const refused = await post(cookie, 'slots', { villageId: BAIFAN, siteId: 'site-baifan', startsAt: '09:00', endsAt: '12:00' });
			expect(refused.status).toBe(403);
			expect((await refused.json()).message.zh).toContain('各村时间安排表');
		}
		expect(await rows()).toEqual(before);
	});

	it('shows an officer the rows of their own villages only', async () => {
		const officer = (await signedIn(app, 'quarantine_officer', { villageIds: [BAIFAN] })).cookie;
		const answer = (await (await fetch(`${app.url}/api/timetable`, { headers: { cookie: officer } })).json()) as { slots: TimetableSlot[]; editable: boolean };
		expect(answer.editable).toBe(false);
		expect(answer.slots.map((slot) => slot.villageId)).toEqual([BAIFAN]);
	});

	it('exports an XLSX with Chinese headers', async () => {
		const response = await fetch(`${app.url}/api/timetable.xlsx`, { headers: { cookie: commander } });
		expect(response.status).toBe(200);
		const table = await readLedgerFile(Buffer.from(await response.arrayBuffer()), 'xlsx');
		expect(table.headers).toEqual(['村', '采样点', '开始时间', '结束时间', '备注']);
		expect(table.rows).toContainEqual(['白畈村', '白畈村采样点', '08:00', '12:00', '先老人后青壮年']);
	});
});
