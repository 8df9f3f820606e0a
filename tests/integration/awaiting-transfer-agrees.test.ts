/**
 * Who awaits transfer is one list (server/modules/transfers/awaiting-transfer.ts): the dispatcher's
 * transfer board and the quarantine desk's 待转运 give the same people and numbers, village by
 * village: a close-contact returnee whose case waits for its transfer, and a ledger household on
 * centralised quarantine with no hotel. Both leave both screens once a task is assigned for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import type { TransferBoard } from '../../src/lib/protocol/index';
import { quarantineSites } from '../../server/db/schema/index';
import { postAs, startQuarantineApp, type QuarantineApp } from '../fixtures/quarantine-app';

let app: App;
let officer: string;
let commander: string;
let dispatcher: string;
let villageId: string;

beforeAll(async () => {
	let cookies: QuarantineApp['cookies'];
	({ app, villageA: villageId, officer, cookies } = await startQuarantineApp(['commander', 'dispatcher']));
	[commander, dispatcher] = [cookies.commander!, cookies.dispatcher!];
}, 180_000);
afterAll(async () => {
	await app.close();
});

const HOUR = 3_600_000;
const post = (cookie: string, path: string, body: unknown) => postAs(app, cookie, path, body);
const getJson = async <T>(cookie: string, path: string) => (await (await fetch(`${app.url}${path}`, { headers: { cookie } })).json()) as T;

type Desk = { totals: { awaitingTransfer: number }; villages: { villageName: string; awaitingTransfer: number }[] };

/** The two screens' 待转运, per village name. */
async function bothScreens() {
	const board = await getJson<TransferBoard>(dispatcher, '/api/transfers');
	const desk = await getJson<Desk>(commander, '/api/quarantine/desk');
	const dispatchCounts: Record<string, number> = {};
	for (const subject of board.awaiting) dispatchCounts[subject.label] = (dispatchCounts[subject.label] ?? 0) + 1;
	const deskCounts = Object.fromEntries(desk.villages.filter((row) => row.awaitingTransfer > 0).map((row) => [row.villageName, row.awaitingTransfer]));
	return { board, desk, dispatchCounts, deskCounts };
}

function idNumber(): string {
	const first17 = '36040419850707123';
	const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	const sum = [...first17].reduce((total, digit, index) => total + Number(digit) * weights[index], 0);
	return first17 + '10X98765432'[sum % 11];
}

describe('awaiting transfer, on the dispatcher\'s board and the quarantine desk', () => {
	it('counts the same households and close-contact returnees, village by village, before and after a task is assigned', async () => {
		const registered = await post(officer, '/api/quarantine/returnees', {
			villageId, name: '向五', idNumber: idNumber(), phone: '13800000001', arrivalAt: new Date(Date.now() - 2 * HOUR).toISOString(), originPlace: '福建省厦门市',
			originRisk: 'medium', workPlace: '厦门某厂', transportMode: 'train', transportNumber: 'G1234', lastNegativeTestAt: new Date(Date.now() - 20 * HOUR).toISOString(),
			home: { specialCategory: null, separateRoom: true, separateBathroom: true }, contactKind: 'close'
		});
		expect(registered.status).toBe(201);
		const { returneeId } = (await registered.json()) as { returneeId: string };

		const before = await bothScreens();
		const returnee = before.board.awaiting.find((subject) => subject.id === returneeId);
		// Shown by village, origin and masked name; the id is only there to act on.
		expect(returnee).toMatchObject({ kind: 'returnee', origin: '福建省厦门市', nameMasked: '向*' });
		expect(before.board.awaiting.some((subject) => subject.kind === 'household')).toBe(true);
		expect(before.deskCounts).toEqual(before.dispatchCounts);
		expect(before.desk.totals.awaitingTransfer).toBe(before.board.awaiting.length);

		// Registered without a household on the ledger: the dispatcher names the pickup point.
		const [hotel] = await app.database.db.select({ lat: quarantineSites.lat, lon: quarantineSites.lon }).from(quarantineSites).where(eq(quarantineSites.id, 'qs-chaisang-hotel'));
		const household = before.board.awaiting.find((subject) => subject.kind === 'household')!;
		expect((await post(dispatcher, '/api/transfers', { vehicleId: 'transfer-1', quarantineSiteId: 'qs-chaisang-hotel', householdId: household.id })).status).toBe(201);
		expect((await post(dispatcher, '/api/transfers', { vehicleId: 'transfer-2', quarantineSiteId: 'qs-chaisang-hotel', returneeId, pickup: { label: '村口', lat: hotel.lat, lon: hotel.lon } })).status).toBe(201);
		const after = await bothScreens();
		expect(after.board.awaiting.map((subject) => subject.id)).not.toContain(returneeId);
		expect(after.board.awaiting.map((subject) => subject.id)).not.toContain(household.id);
		expect(after.deskCounts).toEqual(after.dispatchCounts);
		expect(after.desk.totals.awaitingTransfer).toBe(before.desk.totals.awaitingTransfer - 2);
	});
});
