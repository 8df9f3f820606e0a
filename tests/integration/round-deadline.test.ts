/**
 * The commander's deadline for today's round (完成时限, issue 15 "the one-day target"): set over
 * POST /api/coverage/deadline, it is the forecast's target on GET /api/coverage and named in its
 * sentence; cleared, the target is the round's start + 24 h again. Another role, a bad time and a
 * time already passed are refused in zh and en with nothing written. Event, audit and the wall's
 * overviewChanges follow a change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import { auditLog, commandOutbox } from '../../server/db/schema/index';
import { readKept } from '../../server/modules/screen-state/kept-screen-state';
import { roundDeadlineKey } from '../../server/modules/coverage/round-deadline';
import { serviceDay, serviceDayStart, nextServiceDay } from '../../src/lib/domain/service-day';
import type { RoundCoverage } from '../../src/lib/protocol/coverage';
import { signedIn, startTestApp } from '../fixtures/app';
import { clearOfChinaMidnight } from '../fixtures/china-midnight';
import { openWall, type WallView } from '../fixtures/wall-socket';
import { until } from '../fixtures/wait';

const MINUTE = 60_000;
let app: App;
let commander: string;
let leader: string;
let wall: WallView;
/** A deadline ahead of now on today's service day: now + 2 h, or 23:59 when that would pass midnight. */
let deadline: { clock: string; at: number };

beforeAll(async () => {
	// The suite needs ≥ 10 min before China midnight so 23:59 stays ahead while it runs.
	await clearOfChinaMidnight({ beforeMs: 10 * MINUTE });
	app = await startTestApp({ SCENARIO: 'chengmen' });
	commander = (await signedIn(app, 'commander')).cookie;
	leader = (await signedIn(app, 'shift_leader', { townshipId: 't:城门街道' })).cookie;
	wall = await openWall(app);
	const now = Date.now();
	const midnight = serviceDayStart(nextServiceDay(serviceDay(now)));
	const at = Math.min(Math.floor((now + 2 * 60 * MINUTE) / MINUTE) * MINUTE, midnight - MINUTE);
	deadline = { at, clock: new Date(at + 8 * 60 * MINUTE).toISOString().slice(11, 16) };
}, 15 * 60_000);
afterAll(async () => {
	wall?.close();
	await app?.close();
});

const post = (cookie: string, body: unknown) => fetch(`${app.url}/api/coverage/deadline`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: app.url }, body: JSON.stringify(body) });
const coverage = async (): Promise<RoundCoverage> => (await fetch(`${app.url}/api/coverage`, { headers: { cookie: commander } })).json();
const kept = () => readKept(app.database.db, roundDeadlineKey(serviceDay(Date.now())));
const deadlineEvents = async () => (await app.database.db.select().from(commandOutbox)).map((row) => row.payload as { type: string; deadline?: string | null }).filter((event) => event.type === 'round.deadline_set');

describe('the commander’s deadline for the round', () => {
	let startPlus24: string | null;

	it('without one, the target is the round’s start + 24 h', async () => {
		const before = await coverage();
		expect(before.villages.length).toBeGreaterThan(0);
		startPlus24 = before.targetAt;
		expect(startPlus24).not.toBeNull();
		expect(await kept()).toBeUndefined();
	});

	it('refuses a shift leader, a bad time and a time already passed, writing nothing', async () => {
		const refusals = [
			[await post(leader, { deadline: deadline.clock }), 403, '指挥部'],
			[await post(commander, { deadline: '25:00' }), 400, '25:00'],
			// After clearOfChinaMidnight it is past 00:02 China time: 00:00 has passed.
			[await post(commander, { deadline: '00:00' }), 400, '已过']
		] as const;
		for (const [response, status, zh] of refusals) {
			expect(response.status).toBe(status);
			const body = (await response.json()) as { message: { zh: string; en: string } };
			expect(body.message.zh).toContain(zh);
			expect(body.message.en.length).toBeGreaterThan(0);
		}
		expect(await kept()).toBeUndefined();
		expect(await deadlineEvents()).toEqual([]);
		expect(await app.database.db.select().from(auditLog).where(eq(auditLog.action, 'round.deadline_set'))).toEqual([]);
	});

	it('set, it is the target and the forecast names it; the wall is told to re-read', async () => {
		const changesBefore = wall.kpi().overviewChanges;
		const response = await post(commander, { deadline: deadline.clock });
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ day: serviceDay(Date.now()), deadline: new Date(deadline.at).toISOString() });
		const after = await coverage();
		expect(after.targetAt).toBe(new Date(deadline.at).toISOString());
		expect(after.forecastText?.zh).toContain(`目标 ${deadline.clock}`);
		expect(after.forecastText?.en).toContain(`target ${deadline.clock}`);
		expect(await deadlineEvents()).toEqual([expect.objectContaining({ deadline: new Date(deadline.at).toISOString(), actor: expect.stringMatching(/^user:/) })]);
		expect(await app.database.db.select().from(auditLog).where(eq(auditLog.action, 'round.deadline_set'))).toHaveLength(1);
		await until(() => (wall.kpi().overviewChanges !== changesBefore ? true : undefined), 'the wall’s overviewChanges to move');
	});

	it('cleared, the target is the round’s start + 24 h again', async () => {
		const response = await post(commander, { deadline: null });
		expect(response.status).toBe(200);
		expect((await coverage()).targetAt).toBe(startPlus24);
		expect(await kept()).toEqual({ deadline: null });
		expect((await deadlineEvents()).map((event) => event.deadline)).toEqual([new Date(deadline.at).toISOString(), null]);
	});
});
