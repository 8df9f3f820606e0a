/**
 * Results on time (issue 15): a box received and not resulted 8 h after sealing raises its lab's
 * alert on the wall (by lab, no person) until the lab's count covers it; a site whose sealed box
 * waited over 2 h for a pickup alerts the dispatcher; the wall's lab readiness figure; the daily
 * report's lab lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import type { DispatchBoard, ResultsBoard, WallOverview } from '../../src/lib/protocol/index';
import { displayToken, postEvents, signedIn, startTestApp } from '../fixtures/app';
import { box, labCounts } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { issueDeviceCredential } from '../../server/modules/identity/credentials';
import { deriveAlerts } from '../../src/lib/domain/alerts';
import { countyLabReadiness } from '../../server/modules/results/lab-readiness';
import { labTurnaroundForDay } from '../../server/modules/results/lab-day-turnaround';
import { deviceEvents, labs, poolResults, sampleBoxes } from '../../server/db/schema/index';
import { eq } from 'drizzle-orm';

let app: App;
let wall: string;
let lims: string;
const LAB = 'lab-chaisang-cdc';
beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	wall = await displayToken(app);
	lims = (await issueDeviceCredential({ db: app.database.db, input: { deviceId: `lims-${LAB}`, kind: 'lab_system', scopeId: LAB }, actor: 'test' })).token;
});
afterAll(async () => {
	await app.close();
});

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
/** As the lab's LIMS posts: with its own credential. */
const fromLab = async (event: object) => ({ json: await (await fetch(`${app.url}/api/ingest/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${lims}` }, body: JSON.stringify({ events: [event] }) })).json() });
let changes = 0;
/** The wall's overview computed afresh (a new ?changes= value passes the 10 s cache), as a wall display reads it. */
const overviewNow = async () => (await (await fetch(`${app.url}/api/wall/overview?changes=${++changes}`, { headers: { authorization: `Bearer ${wall}` } })).json()) as WallOverview;
const alertsOf = (overview: WallOverview) =>
	deriveAlerts({ sites: [], vehicles: [], labs: [], overdueCheckIns: 0, resultsOverdue: overview.resultsOverdue, pickupsOverdue: overview.pickupsOverdue, overviewAt: Date.parse(overview.generatedAt), now: Date.now() });

describe('results overdue, by lab', () => {
	it('a box sealed 9 h ago, received and not resulted, raises the lab’s alert on the wall with its tubes, and nothing of a person', async () => {
		await postEvents(app, { events: [box({ siteId: 'site-baifan', boxId: 'box-late-baifan', at: ago(540), tubes: 12, people: 120 })] });
		expect((await fromLab({ type: 'box.received', id: 'receipt-late-baifan', deviceId: `lims-${LAB}`, at: ago(420), boxId: 'box-late-baifan', labId: LAB, tubesCounted: 12 })).json.accepted).toBe(1);
		expect((await fromLab(labCounts({ at: ago(400), receivedTubes: 12, testedTubes: 0 }))).json.accepted).toBe(1);
		const overview = await until(async () => {
			const fresh = await overviewNow();
			return (fresh.resultsOverdue ?? []).length > 0 && fresh;
		}, 'the overdue results on the overview');
		expect(overview.resultsOverdue).toEqual([{ labId: LAB, lab: '柴桑区疾控中心实验室', lat: expect.any(Number), lon: expect.any(Number), boxes: 1, tubes: 12, oldestDueAt: expect.any(String) }]);
		expect(Date.now() - Date.parse(overview.resultsOverdue![0].oldestDueAt)).toBeGreaterThanOrEqual(59 * 60_000);
		// The server keeps its first time, as for every wall alert.
		expect(overview.alertsSince['results_overdue:lab-chaisang-cdc']).toBeDefined();
		const [alert] = alertsOf(overview).filter((each) => each.kind === 'results_overdue');
		expect(alert).toMatchObject({ id: 'results_overdue:lab-chaisang-cdc', severity: 'critical', subject: '柴桑区疾控中心实验室', value: 12 });
	});

	it('lists the box on the lab’s page with how late, for lab staff only', async () => {
		const operator = await signedIn(app, 'lab_operator');
		const board = (await (await fetch(`${app.url}/api/results?lab=${LAB}`, { headers: { cookie: operator.cookie } })).json()) as ResultsBoard;
		const [lab] = board.labs;
		expect(lab).toMatchObject({ labId: LAB, overdueTubes: 12 });
		expect(lab.boxes[0]).toMatchObject({ boxId: 'box-late-baifan', site: expect.stringContaining('白畈村'), tubes: 12, state: 'overdue' });
		expect(lab.boxes[0].minutesLate).toBeGreaterThanOrEqual(59);
		expect(lab.boxes[0].minutesLate).toBeLessThanOrEqual(61);
		const viewer = await signedIn(app, 'viewer');
		expect((await fetch(`${app.url}/api/results`, { headers: { cookie: viewer.cookie } })).status).toBe(403);
	});

	it('clears when the lab’s tested count passes the box', async () => {
		expect((await fromLab(labCounts({ at: ago(0.1), receivedTubes: 12, testedTubes: 12 }))).json.accepted).toBe(1);
		const overview = await until(async () => {
			const fresh = await overviewNow();
			return (fresh.resultsOverdue ?? []).length === 0 && fresh;
		}, 'the overdue results to clear', 20_000);
		expect(alertsOf(overview).some((each) => each.kind === 'results_overdue')).toBe(false);
		expect(overview.alertsSince['results_overdue:lab-chaisang-cdc']).toBeUndefined();
		// /results says what the wall says the lab received and tested today, in the same minute (review item 8).
		const operator = await signedIn(app, 'lab_operator');
		const [lab] = ((await (await fetch(`${app.url}/api/results?lab=${LAB}`, { headers: { cookie: operator.cookie } })).json()) as ResultsBoard).labs;
		const onWall = overview.labs.find((each) => each.id === LAB)!;
		expect(lab).toMatchObject({ receivedTubes: onWall.receivedToday, testedTubes: onWall.testedToday });
		expect(lab.receivedTubes).toBe(12);
	});
});

describe('sites waiting for a pickup', () => {
	it('a box sealed 2 h 10 min ago and not picked up alerts the dispatcher; one sealed 1 h 40 min ago does not', async () => {
		await postEvents(app, { events: [box({ siteId: 'site-jinlan', boxId: 'box-waiting-jinlan', at: ago(130), tubes: 15, people: 150 }), box({ siteId: 'site-lixin', boxId: 'box-fresh-lixin', at: ago(100), tubes: 15, people: 150 })] });
		const dispatcher = await signedIn(app, 'dispatcher');
		const board = await until(async () => {
			const fresh = (await (await fetch(`${app.url}/api/dispatch/board`, { headers: { cookie: dispatcher.cookie } })).json()) as DispatchBoard;
			return fresh.boxes.some((each) => each.id === 'box-fresh-lixin') && fresh;
		}, 'the boxes to be stored');
		expect(board.pickupsOverdue).toEqual([expect.objectContaining({ siteId: 'site-jinlan', site: '金兰村采样点', boxes: 1, tubes: 15, critical: false })]);
		expect(board.pickupsOverdue![0].waitedMinutes).toBeGreaterThanOrEqual(130);
		const overview = await overviewNow();
		expect(alertsOf(overview).filter((each) => each.kind === 'pickup_overdue')).toEqual([expect.objectContaining({ id: 'pickup_overdue:site-jinlan', severity: 'warning', subject: '金兰村采样点' })]);
	});

	it('clears once a courier has picked the box up', async () => {
		await postEvents(app, { events: [{ type: 'box.picked_up', id: 'pickup-waiting-jinlan', deviceId: 'phone-courier-2', at: ago(0.05), boxId: 'box-waiting-jinlan', siteId: 'site-jinlan', vehicleId: 'courier-2', tubesCounted: 15 }] });
		await until(async () => (await overviewNow()).pickupsOverdue?.length === 0, 'the pickup to clear the wait');
	});
});

describe('lab readiness', () => {
	it('says whether the county’s labs test every resident at 20:1 within 24 h, on the wall', async () => {
		const { labReadiness } = await overviewNow();
		expect(labReadiness).toBeDefined();
		const { residents, tubesNeeded, capacityTubes, ready, ratio } = labReadiness!;
		expect(residents).toBeGreaterThan(20_000);
		expect(tubesNeeded).toBe(Math.ceil(residents / 20));
		expect(capacityTubes).toBe(3000);
		expect(ready).toBe(3000 >= tubesNeeded);
		expect(ratio).toBeCloseTo(3000 / tubesNeeded, 2);
	});

	it('is short (red on the wall) when the labs cannot, with the hours they would need', async () => {
		await app.database.db.update(labs).set({ capacityTubesPerDay: 500 }).where(eq(labs.id, LAB));
		try {
			const figure = await countyLabReadiness(app.database.db);
			expect(figure).toMatchObject({ ready: false, capacityTubes: 500 });
			expect(figure.hoursNeeded).toBeCloseTo((figure.tubesNeeded / 500) * 24, 0);
		} finally {
			await app.database.db.update(labs).set({ capacityTubesPerDay: 3000 }).where(eq(labs.id, LAB));
		}
	});
});

describe('labTurnaroundForDay (the daily report’s lab lines)', () => {
	it('gives received and tested as reported, positives, pending at the day’s end and the median turnaround per tube', async () => {
		const day = '2026-11-20';
		const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
		const sealed = (id: string, hhmm: string, tubes: number, received: string | null) => ({ id, siteId: 'site-baihe', sealedAt: at(hhmm), deadlineAt: new Date(at(hhmm).getTime() + 4 * 3_600_000), tubes, people: tubes * 10, pooling: '10:1', eventId: `e-${id}`, labId: received ? LAB : null, receivedAt: received ? at(received) : null, receivedTubes: received ? tubes : null });
		await app.database.db.insert(sampleBoxes).values([sealed('d-1', '08:00', 10, '10:00'), sealed('d-2', '09:00', 30, '11:00'), sealed('d-3', '20:00', 20, '22:00')]);
		const counts = (id: string, hhmm: string, received: number, tested: number) => ({ id, type: 'lab.counts', deviceId: `lims-${LAB}`, at: at(hhmm), payload: { type: 'lab.counts', labId: LAB, receivedTubes: received, testedTubes: tested } });
		// 10 tubes tested by 14:00 (d-1: 6 h from sealing), 40 by 19:00 (d-2: 10 h, late); d-3 still pending at 24:00.
		await app.database.db.insert(deviceEvents).values([counts('c-1', '14:00', 40, 10), counts('c-2', '19:00', 40, 40), counts('c-3', '23:00', 60, 40)]);
		await app.database.db.insert(poolResults).values({ boxId: 'd-2', tube: 'd-2-T01', labId: LAB, result: 'positive', at: at('18:30'), eventId: 'pr-d-2' });
		const [line] = await labTurnaroundForDay(app.database.db, day);
		// The lab_counters row was not written (events inserted directly): received and tested are the lab's report, 0 here.
		expect(line).toMatchObject({ labId: LAB, lab: '柴桑区疾控中心实验室', positiveTubes: 1, pendingTubes: 20, lateTubes: 30 });
		// Per tube: 10 tubes at 360 min, 30 at 600 min: the median tube took 600 min.
		expect(line.medianTurnaroundMinutes).toBe(600);
	});
});
