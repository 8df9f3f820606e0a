/**
 * Alerts people handle, end to end on the server: a crowded site raises a record (alert.raised),
 * nobody acknowledges it so it escalates after its kind's minutes (time injected, no sleeping),
 * the township's shift leader acknowledges it with a note (audited, the wall shows it by role),
 * it closes when the queue clears, and the same condition back is a new record. Refusals and scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import type { App } from '../../server/app';
import { alertRecords, auditLog, commandOutbox, regions } from '../../server/db/schema/index';
import { reconcileAlertRecords } from '../../server/modules/alerts/reconcile-alert-records';
import { serviceDay } from '../../src/lib/domain/service-day';
import { ESCALATION_MINUTES } from '../../src/lib/domain/alert-lifecycle';
import type { WallOverview } from '../../src/lib/protocol/wall-overview';
import { displayToken, postEvents, signedIn, startTestApp } from '../fixtures/app';
import { queue } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { clearOfChinaMidnight } from '../fixtures/china-midnight';

const ALERT = 'site_crowded:site-baifan';
let app: App;
const users: Record<string, { cookie: string }> = {};

beforeAll(async () => {
	await clearOfChinaMidnight();
	app = await startTestApp({ SCENARIO: 'chengmen' });
	await app.database.db.insert(regions).values({ id: 't:黄宅镇', parentId: null, level: 'township', name: '黄宅镇' });
	users.leader = await signedIn(app, 'shift_leader', { townshipId: 't:城门街道' });
	users.elsewhere = await signedIn(app, 'shift_leader', { townshipId: 't:黄宅镇' });
	users.dispatcher = await signedIn(app, 'dispatcher');
	users.viewer = await signedIn(app, 'viewer');
	users.commander = await signedIn(app, 'commander');
});
afterAll(async () => app?.close());

const as = (user: { cookie: string }, path: string, init: RequestInit = {}) =>
	fetch(`${app.url}${path}`, { ...init, headers: { 'content-type': 'application/json', cookie: user.cookie, origin: app.url, ...(init.headers as Record<string, string>) } });
const acknowledge = (user: { cookie: string }, id: number, note: string) => as(user, `/api/alerts/${id}/acknowledge`, { method: 'POST', body: JSON.stringify({ note }) });
const openRecord = async () => (await app.database.db.select().from(alertRecords).where(and(eq(alertRecords.alertId, ALERT), isNull(alertRecords.closedAt))))[0];
const eventsOf = async (recordId: number) => (await app.database.db.select().from(commandOutbox)).filter((row) => (row.payload as { recordId?: number }).recordId === recordId).map((row) => row.type);

describe('the alert lifecycle', () => {
	let recordId = 0;

	it('raises a record when a site becomes crowded, scoped to its township, on the log', async () => {
		await postEvents(app, { events: [queue({ siteId: 'site-baifan', queueLength: 900 })] });
		const record = await until(openRecord, 'the watcher to raise the crowded site', 15_000);
		recordId = record.id;
		expect(record).toMatchObject({ kind: 'site_crowded', severity: 'critical', townshipId: 't:城门街道', day: serviceDay(Date.now()), acknowledgedAt: null, escalatedAt: null });
		expect(record.title?.zh).toContain('拥挤');
		expect(await eventsOf(recordId)).toEqual(['alert.raised']);
		const open = await (await as(users.leader, '/api/alerts/open')).json();
		expect(open.alerts.map((alert: { alertId: string; state: string }) => [alert.alertId, alert.state])).toContainEqual([ALERT, 'open']);
		expect((await (await as(users.elsewhere, '/api/alerts/open')).json()).alerts).toEqual([]);
		expect((await (await as(users.dispatcher, '/api/alerts/open')).json()).alerts.some((alert: { alertId: string }) => alert.alertId === ALERT)).toBe(false);
	});

	it('escalates once nobody acknowledged it within its kind’s minutes, not before, and only once', async () => {
		const record = await openRecord();
		const standing = (await app.database.db.select().from(alertRecords).where(isNull(alertRecords.closedAt))).map((row) => ({ id: row.alertId, kind: row.kind, severity: row.severity, subject: row.subject }));
		const at = (minutes: number) => record.raisedAt.getTime() + minutes * 60_000;
		const ctx = { db: app.database.db, log: app.log, actor: 'test' };
		expect((await reconcileAlertRecords({ ctx, input: { derived: standing, now: at(ESCALATION_MINUTES.site_crowded! - 1) } })).escalated).toEqual([]);
		expect((await reconcileAlertRecords({ ctx, input: { derived: standing, now: at(ESCALATION_MINUTES.site_crowded! + 1) } })).escalated).toEqual([recordId]);
		expect((await reconcileAlertRecords({ ctx, input: { derived: standing, now: at(60) } })).escalated).toEqual([]);
		expect((await openRecord()).escalatedAt?.getTime()).toBe(at(ESCALATION_MINUTES.site_crowded!));
		expect(await eventsOf(recordId)).toEqual(['alert.raised', 'alert.escalated']);
	});

	it('refuses those whose alert it is not, a note too long, and an unknown record, changing nothing', async () => {
		for (const who of ['dispatcher', 'elsewhere', 'viewer']) {
			const refused = await acknowledge(users[who], recordId, '看到了');
			expect(refused.status, who).toBe(403);
			expect((await refused.json()).message.zh).toMatch(/[\u4e00-\u9fff]/);
		}
		expect((await acknowledge(users.leader, recordId, '长'.repeat(201))).status).toBe(400);
		expect((await acknowledge(users.leader, 999_999, '')).status).toBe(404);
		expect((await openRecord()).acknowledgedAt).toBeNull();
	});

	it('is acknowledged by the township’s shift leader with a note, audited; the wall shows it by role, never the note', async () => {
		const answer = await acknowledge(users.leader, recordId, '  已调派两名采样人员  ');
		expect(answer.status).toBe(200);
		const record = await openRecord();
		expect(record).toMatchObject({ note: '已调派两名采样人员', acknowledgedBy: expect.stringMatching(/^user:shift_leader-/) });
		const audit = await app.database.db.select().from(auditLog).where(eq(auditLog.subject, `alert:${recordId}`));
		expect(audit).toEqual([expect.objectContaining({ action: 'alert.acknowledge', reason: '已调派两名采样人员' })]);
		const again = await acknowledge(users.commander, recordId, '');
		expect(again.status).toBe(409);
		expect((await again.json()).message.zh).toContain('已由');
		expect(await eventsOf(recordId)).toEqual(['alert.raised', 'alert.escalated', 'alert.acknowledged']);

		const token = await displayToken(app);
		const overview: WallOverview = await until(async () => {
			const read: WallOverview = await (await fetch(`${app.url}/api/wall/overview?changes=${Date.now()}`, { headers: { authorization: `Bearer ${token}` } })).json();
			return read.alertRecords?.[ALERT]?.state === 'acknowledged' && read;
		}, 'the wall to read the acknowledgement');
		expect(overview.alertRecords![ALERT]).toMatchObject({ recordId, acknowledgedRole: 'shift_leader' });
		expect(JSON.stringify(overview)).not.toContain('已调派');
	});

	it('closes when the queue clears; acknowledging it then is refused; the condition back is a new record', async () => {
		await postEvents(app, { events: [queue({ siteId: 'site-baifan', queueLength: 0 })] });
		const closed = await until(async () => {
			const [row] = await app.database.db.select().from(alertRecords).where(eq(alertRecords.id, recordId));
			return row.closedAt !== null && row;
		}, 'the watcher to close the cleared alert', 15_000);
		expect(closed.note).toBe('已调派两名采样人员');
		expect(await eventsOf(recordId)).toEqual(['alert.raised', 'alert.escalated', 'alert.acknowledged', 'alert.closed']);
		expect((await acknowledge(users.commander, recordId, '')).status).toBe(409);

		await postEvents(app, { events: [queue({ siteId: 'site-baifan', queueLength: 900 })] });
		const fresh = await until(openRecord, 'the watcher to raise it anew', 15_000);
		expect(fresh.id).not.toBe(recordId);
		expect(fresh).toMatchObject({ acknowledgedAt: null, escalatedAt: null });
	});
});

describe('the alert history', () => {
	it('lists records newest first with each step, filtered by kind, township and day, scoped by role', async () => {
		const day = serviceDay(Date.now());
		const history = await (await as(users.commander, `/api/alerts?kind=site_crowded&township=${encodeURIComponent('t:城门街道')}&day=${day}`)).json();
		const rows = history.rows.filter((row: { alertId: string }) => row.alertId === ALERT);
		expect(rows.map((row: { state: string }) => row.state)).toEqual(['open', 'closed']);
		expect(rows[1]).toMatchObject({ note: '已调派两名采样人员', acknowledgedBy: { role: 'shift_leader', masked: 's*' }, escalatedAt: expect.any(String), closedAt: expect.any(String) });
		expect(history.kinds).toContain('site_crowded');
		expect((await (await as(users.commander, '/api/alerts?day=2020-01-01')).json()).rows).toEqual([]);
		expect((await (await as(users.leader, '/api/alerts?kind=site_crowded')).json()).total).toBeGreaterThanOrEqual(2);
		expect((await (await as(users.elsewhere, '/api/alerts?kind=site_crowded')).json()).total).toBe(0);
		expect((await (await as(users.dispatcher, '/api/alerts?kind=site_crowded')).json()).total).toBe(0);
		expect((await as(users.viewer, '/api/alerts')).status).toBe(403);
		expect((await as(users.commander, '/api/alerts?day=tomorrow')).status).toBe(400);
	});
});
