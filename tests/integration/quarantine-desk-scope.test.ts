/**
 * Who sees what on the township quarantine desk (GET /api/quarantine/desk): a township desk
 * (quarantine_desk) its township's villages only, a village officer their own villages only, a
 * commander the county; and every refusal: another township's desk learns nothing of a case, a
 * desk may not act on cases, read an officer's rounds or reveal a name, a desk without a valid
 * township sees nothing, a shift leader may not open the desk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import { regions } from '../../server/db/schema/index';
import { users } from '../../server/db/schema/index';
import { createUser } from '../../server/modules/identity/users';
import { signedIn } from '../fixtures/app';
import { postAs, startQuarantineApp } from '../fixtures/quarantine-app';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import type { DeskSummary } from '../../src/lib/protocol/index';

let app: App;
let officer: string;
let commander: string;
let villageA: string;
let caseInA: string;
let townshipOfA: string;
let otherTownship: string;
const villageElsewhere = 'v:测试镇/东村';

const HOUR = 3_600_000;
const ARRIVAL_AT = Math.max(Date.now() - HOUR, serviceDayStart(serviceDay(Date.now())));

const get = async (cookie: string, path: string) => {
	const response = await fetch(`${app.url}${path}`, { headers: { cookie } });
	return { status: response.status, text: await response.text() };
};
const desk = async (cookie: string) => {
	const read = await get(cookie, '/api/quarantine/desk');
	expect(read.status).toBe(200);
	return JSON.parse(read.text) as DeskSummary;
};
const listed = (summary: DeskSummary) => new Set(summary.villages.map((village) => village.villageId));
const register = async (cookie: string, villageId: string, name: string, idNumber: string) => {
	const response = await postAs(app, cookie, '/api/quarantine/returnees', {
		villageId, name, idNumber, phone: '13912340000', address: '3组', arrivalAt: new Date(ARRIVAL_AT).toISOString(), originPlace: '上海市浦东新区',
		originRisk: 'medium', transportMode: 'train', lastNegativeTestAt: new Date(ARRIVAL_AT - 20 * HOUR).toISOString(),
		home: { specialCategory: 'aged_70_plus', separateRoom: true, separateBathroom: true }
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { caseId: string }).caseId;
};

beforeAll(async () => {
	let cookies;
	({ app, villageA, officer, cookies } = await startQuarantineApp(['commander']));
	commander = cookies.commander!;
	townshipOfA = `t:${villageA.slice(2, villageA.indexOf('/'))}`;
	// Chengmen is one township: a second one, with a village, so that a desk has somewhere it may not look.
	const [county] = await app.database.db.select({ id: regions.parentId }).from(regions).where(eq(regions.id, townshipOfA));
	otherTownship = 't:测试镇';
	await app.database.db.insert(regions).values([
		{ id: otherTownship, parentId: county.id, level: 'township', name: '测试镇' },
		{ id: villageElsewhere, parentId: otherTownship, level: 'village', name: '东村' }
	]);
	caseInA = await register(officer, villageA, '李四光', '360404199001011255');
	await register(commander, villageElsewhere, '王五明', '360404199001011271');
}, 180_000);
afterAll(async () => {
	await app.close();
});

describe('the desk read, by scope', () => {
	it('gives a township desk its township’s villages only, and nothing of another township', async () => {
		const summary = await desk((await signedIn(app, 'quarantine_desk', { townshipId: townshipOfA })).cookie);
		expect([...listed(summary)].every((id) => id.startsWith(`v:${townshipOfA.slice(2)}/`))).toBe(true);
		expect(listed(summary).has(villageA)).toBe(true);
		expect(listed(summary).has(villageElsewhere)).toBe(false);
		expect(JSON.stringify(summary)).not.toContain('李四光');
		const other = await desk((await signedIn(app, 'quarantine_desk', { townshipId: otherTownship })).cookie);
		expect([...listed(other)]).toEqual([villageElsewhere]);
		expect(other.totals.active).toBe(1);
	});

	it('limits a village officer to their own villages on the desk', async () => {
		const summary = await desk(officer);
		expect([...listed(summary)]).toEqual([villageA]);
		expect(summary.totals.active).toBe(1);
	});

	it('gives a commander the county', async () => {
		const summary = await desk(commander);
		expect(listed(summary).has(villageA)).toBe(true);
		expect(listed(summary).has(villageElsewhere)).toBe(true);
	});
});

describe('refusals', () => {
	it('refuses a township desk every action on a case, the officers’ rounds and a reveal', async () => {
		const deskCookie = (await signedIn(app, 'quarantine_desk', { townshipId: townshipOfA })).cookie;
		const refused = [
			await postAs(app, deskCookie, `/api/quarantine/cases/${caseInA}/extend`, { days: 3, reason: '复核' }),
			await postAs(app, deskCookie, `/api/quarantine/cases/${caseInA}/release`, {}),
			await postAs(app, deskCookie, '/api/quarantine/follow-ups', { caseId: caseInA, reportId: 'desk-follow-up-0001', takenAt: new Date().toISOString(), temperatureC: 36.5, symptoms: [] }),
			await postAs(app, deskCookie, '/api/personal/reveal', { subject: `case:${caseInA}`, field: 'name', reason: '核对' })
		];
		for (const response of refused) expect(response.status).toBe(403);
		expect((await get(deskCookie, '/api/quarantine/rounds')).status).toBe(403);
	});

	it('refuses the desk to a shift leader (staffing, not quarantine) with the reason in both languages', async () => {
		const leader = (await signedIn(app, 'shift_leader', { townshipId: townshipOfA })).cookie;
		const read = await get(leader, '/api/quarantine/desk');
		expect(read.status).toBe(403);
		const body = JSON.parse(read.text) as { message: { zh: string; en: string } };
		expect(body.message.zh).toContain('查看隔离管控');
		expect(body.message.en).toContain('view quarantine cases');
	});

	it('shows a township desk whose stored township no longer resolves nothing, and says why', async () => {
		const { cookie, username } = await signedIn(app, 'quarantine_desk', { townshipId: townshipOfA });
		await app.database.db.update(users).set({ townshipId: 't:不存在街道' }).where(eq(users.username, username));
		const read = await get(cookie, '/api/quarantine/desk');
		expect(read.status).toBe(403);
		expect(read.text).toContain('scope_invalid');
		expect(read.text).not.toContain(caseInA);
	});

	it('refuses to create a township desk without a township, or with villages', async () => {
		await expect(createUser({ db: app.database.db, input: { username: 'desk-no-township', password: 'correct horse battery staple', role: 'quarantine_desk' }, actor: 'test' })).rejects.toThrow(/needs a township/);
		await expect(createUser({ db: app.database.db, input: { username: 'desk-villages', password: 'correct horse battery staple', role: 'quarantine_desk', villageIds: [villageA] }, actor: 'test' })).rejects.toThrow(/township, not villages/);
	});
});
