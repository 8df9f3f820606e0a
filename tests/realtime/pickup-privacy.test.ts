/**
 * A household's home never reaches a wall, a viewer or a dispatcher through the transfer vehicle
 * that collects it. A dispatcher assigns a closed-loop transfer through the API; the vehicle's phone
 * reports its way from the hotel to the home, two minutes there, and back; every frame the sockets
 * receive and every page API answer is searched for any point within 300 m of the home. Once the
 * vehicle is far from the home it must be drawn where it is again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import type { App } from '../../server/app';
import { householdPrivate, quarantineSites } from '../../server/db/schema/index';
import { createDisplayToken } from '../../server/modules/identity/credentials';
import type { ClientToServerEvents, DispatchBoard, ReplayWindow, ServerToClientEvents, Snapshot, TransferBoard, VehicleEntity } from '../../src/lib/protocol/index';
import { socketParser } from '../../src/lib/realtime/socket-parser';
import { distanceMetres, type LatLon } from '../../src/lib/domain/coordinates';
import { deviceToken, postEvents, signedIn, startTestApp } from '../fixtures/app';
import { position } from '../fixtures/events';
import { createTempDatabase, needs, tempRedisPrefix } from '../fixtures/services';
import { until } from '../fixtures/wait';
import { coordinatesIn } from '../fixtures/coordinates';

const HOUSEHOLD = 'CM060190';
const HOTEL_ID = 'qs-chaisang-hotel';
const VEHICLE = 'transfer-1';
/** No point a page receives may come this close to the home. */
const TOO_CLOSE_M = 300;

interface Watcher {
	name: string;
	/** Everything received, decoded: snapshots, deltas of every layer, snapshot answers. */
	frames: unknown[];
	/** The vehicle as this socket last saw it. */
	vehicle(): VehicleEntity | undefined;
	/** Heals a dropped volatile frame the way the browser does: a fresh snapshot of the vehicles. */
	resync(): void;
	close(): void;
}

async function watch(url: string, name: string, credential: { token: string } | { cookie: string }): Promise<Watcher> {
	const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
		transports: ['websocket'], parser: socketParser, forceNew: true,
		...('token' in credential ? { auth: { token: credential.token } } : { extraHeaders: { cookie: credential.cookie } })
	});
	const frames: unknown[] = [];
	const vehicles = new Map<string, VehicleEntity>();
	let snapshots = 0;
	const take = (snapshot: Snapshot) => {
		if (snapshot.layer !== 'vehicles') return;
		vehicles.clear();
		for (const vehicle of snapshot.entities as VehicleEntity[]) vehicles.set(vehicle.id, vehicle);
	};
	socket.onAny((event: string, payload: unknown) => {
		frames.push({ event, payload });
		if (event === 'snapshot') {
			snapshots++;
			take(payload as Snapshot);
		}
		if (event === 'vehicles:delta') for (const vehicle of (payload as { upserts: VehicleEntity[] }).upserts) vehicles.set(vehicle.id, vehicle);
	});
	await until(() => snapshots >= 3, `${name}: the first snapshots`);
	return {
		name,
		frames,
		vehicle: () => vehicles.get(VEHICLE),
		resync: () =>
			void socket
				.timeout(5000)
				.emitWithAck('snapshot:request', { layer: 'vehicles' })
				.then((answer) => {
					frames.push({ event: 'snapshot:request', payload: answer });
					if (answer.ok) take(answer.data);
				})
				.catch(() => {}),
		close: () => socket.close()
	};
}

/** Where the vehicle goes, second by second of device time after the assignment. */
function journey(hotel: LatLon, home: LatLon): { second: number; at: LatLon; metresFromHome: number }[] {
	const towards = (from: LatLon, to: LatLon, metres: number) => {
		const f = metres / distanceMetres(from, to);
		return { lat: from.lat + (to.lat - from.lat) * f, lon: from.lon + (to.lon - from.lon) * f };
	};
	const apart = distanceMetres(hotel, home);
	const stops: LatLon[] = [];
	// From the hotel to the door.
	for (const left of [apart, 2000, 1500, 1000, 700, 400, 200, 50]) stops.push(towards(home, hotel, left));
	// Two minutes at the door, a few metres of jitter.
	for (let n = 0; n <= 30; n++) stops.push({ lat: home.lat + (n % 2 ? 0.00003 : -0.00002), lon: home.lon + (n % 3 ? 0.00002 : -0.00003) });
	// Away, past 500 m, and on to the hotel, where it parks.
	for (const gone of [100, 250, 400, 520, 700, 1000, 1500, 2000]) stops.push(towards(home, hotel, gone));
	stops.push(hotel, hotel, hotel);
	return stops.map((at, index) => ({ second: 4 * (index + 1), at, metresFromHome: distanceMetres(home, at) }));
}

const stacks: { name: string; env: () => Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> }[] = [
	{ name: 'embedded', env: async () => ({ env: {}, cleanup: async () => {} }) }
];
if (needs('pickup privacy on Postgres and Redis', { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL })) {
	stacks.push({
		name: 'Postgres and Redis',
		env: async () => {
			const database = await createTempDatabase(process.env.DATABASE_URL!);
			const keys = tempRedisPrefix(process.env.REDIS_URL!);
			return { env: { DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: keys.prefix }, cleanup: async () => void (await keys.clean(), await database.drop()) };
		}
	});
}

describe.each(stacks)('a transfer vehicle collecting a household ($name)', (stack) => {
	let app: App;
	let cleanup: () => Promise<void>;
	beforeAll(async () => {
		const prepared = await stack.env();
		cleanup = prepared.cleanup;
		app = await startTestApp({ SCENARIO: 'chengmen', ...prepared.env });
	}, 120_000);
	afterAll(async () => {
		await app?.close();
		await cleanup?.();
	});

	it('never shows any wall, viewer or dispatcher a point within 300 m of the home, and shows the vehicle where it is once it is away', async () => {
		const db = app.database.db;
		const [home] = await db.select().from(householdPrivate).where(eq(householdPrivate.householdId, HOUSEHOLD));
		const [hotel] = await db.select().from(quarantineSites).where(eq(quarantineSites.id, HOTEL_ID));
		const pickup = { lat: home.lat!, lon: home.lon! };
		const dispatcher = await signedIn(app, 'dispatcher');
		const viewer = await signedIn(app, 'viewer');
		const countyWall = (await createDisplayToken({ db, input: { label: 'county wall' }, actor: 'test' })).token;
		const townshipWall = (await createDisplayToken({ db, input: { label: 'township wall', regionId: 't:城门街道' }, actor: 'test' })).token;
		const principals = { 'county wall': { authorization: `Bearer ${countyWall}` }, 'township wall': { authorization: `Bearer ${townshipWall}` }, viewer: { cookie: viewer.cookie }, dispatcher: { cookie: dispatcher.cookie } };

		const responses: { who: string; path: string; body: unknown }[] = [];
		const read = async (who: keyof typeof principals, path: string) => {
			let response = await fetch(`${app.url}${path}`, { headers: principals[who] });
			// Like the pages, waits out a refusal for asking too often and asks again.
			for (let attempt = 0; response.status === 429 && attempt < 10; attempt++) {
				await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
				response = await fetch(`${app.url}${path}`, { headers: principals[who] });
			}
			const body = await response.json();
			responses.push({ who, path, body });
			return { status: response.status, body };
		};
		const readEverything = async (window: { from: number; to: number }) => {
			const replay = `/api/replay?vehicles=all&from=${new Date(window.from).toISOString()}&to=${new Date(window.to).toISOString()}`;
			for (const who of Object.keys(principals) as (keyof typeof principals)[]) {
				for (const path of ['/api/config', '/api/basemap.geojson', '/api/wall/overview', '/api/dispatch/board', '/api/transfers', replay]) await read(who, path);
			}
		};
		const closeTo = (value: unknown) => coordinatesIn(value).filter((point) => distanceMetres(pickup, point) < TOO_CLOSE_M);

		// The map a wall has before any transfer has nothing near this home, or the search below would prove nothing.
		await readEverything({ from: Date.now() - 3_600_000, to: Date.now() });
		expect(responses.flatMap((response) => closeTo(response.body))).toEqual([]);
		responses.length = 0;

		const watchers = await Promise.all([
			watch(app.url, 'county wall', { token: countyWall }),
			watch(app.url, 'township wall', { token: townshipWall }),
			watch(app.url, 'viewer', { cookie: viewer.cookie }),
			watch(app.url, 'dispatcher', { cookie: dispatcher.cookie })
		]);

		const assigned = await fetch(`${app.url}/api/transfers`, { method: 'POST', headers: { cookie: dispatcher.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ vehicleId: VEHICLE, quarantineSiteId: HOTEL_ID, householdId: HOUSEHOLD }) });
		expect(assigned.status).toBe(201);
		const { taskId } = (await assigned.json()) as { taskId: number };
		const task = (await read('dispatcher', '/api/transfers')).body.tasks.find((each: { id: number }) => each.id === taskId) as TransferBoard['tasks'][number];
		const assignedAt = Date.parse(task.createdAt);

		// The driver's phone, and only it, gets the pickup point.
		const phone = await fetch(`${app.url}/api/field/transfer`, { headers: { authorization: `Bearer ${await deviceToken(app, `phone-${VEHICLE}`)}` } });
		expect(((await phone.json()) as { task: { pickup: LatLon } }).task.pickup).toMatchObject(pickup);

		const plan = journey(hotel, pickup);
		for (const [index, step] of plan.entries()) {
			const at = new Date(assignedAt + step.second * 1000).toISOString();
			const answer = await postEvents(app, { events: [position({ vehicleId: VEHICLE, deviceId: `phone-${VEHICLE}`, at, lat: step.at.lat, lon: step.at.lon, speedKmh: 20, heading: 45 })] });
			expect(answer.json.accepted).toBe(1);
			let asked = Date.now();
			await until(() => {
				const behind = watchers.filter((watcher) => watcher.vehicle()?.fixAt !== at);
				if (behind.length > 0 && Date.now() - asked > 1000) {
					behind.forEach((watcher) => watcher.resync());
					asked = Date.now();
				}
				return behind.length === 0;
			}, `every socket to hear of the fix ${index + 1} (${Math.round(step.metresFromHome)} m from the home)`);
			// The pages, read while the vehicle stands at the door.
			if (index === 20) await readEverything({ from: assignedAt - 600_000, to: assignedAt + 600_000 });
		}
		// The whole trip stays shielded while the task is open (a track shown on the way out points back at
		// the door); closed at the hotel, the vehicle's next fix 500 m from the door is shown where it is.
		const cancelled = await fetch(`${app.url}/api/transfers/${taskId}/cancel`, { method: 'POST', headers: { cookie: dispatcher.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ reason: '测试：到达后关闭任务' }) });
		expect(cancelled.status).toBe(200);
		const lastSecond = Math.max(plan[plan.length - 1].second + 4, Math.ceil((Date.now() + 1000 - assignedAt) / 1000));
		const last = { second: lastSecond, at: hotel };
		const lastAt = new Date(assignedAt + last.second * 1000).toISOString();
		expect((await postEvents(app, { events: [position({ vehicleId: VEHICLE, deviceId: `phone-${VEHICLE}`, at: lastAt, lat: hotel.lat, lon: hotel.lon, speedKmh: 20, heading: 45 })] })).json.accepted).toBe(1);
		await until(() => watchers.every((watcher) => watcher.vehicle()?.fixAt === lastAt && watcher.vehicle()?.coarse !== true), 'every socket to see the vehicle at the hotel after the close');
		// Once stored, the pages read the whole trip: the board and replay have the vehicle back at the hotel.
		// Polled: a refusal for asking too often (429) is only a reason to ask again.
		const polled = async <T>(path: string) => {
			const response = await fetch(`${app.url}${path}`, { headers: principals.dispatcher });
			return response.ok ? ((await response.json()) as T) : undefined;
		};
		await until(async () => {
			const board = await polled<DispatchBoard>('/api/dispatch/board');
			const replay = await polled<ReplayWindow>(`/api/replay?vehicles=${VEHICLE}&from=${new Date(assignedAt - 600_000).toISOString()}&to=${new Date(assignedAt + 900_000).toISOString()}`);
			return board?.vehicles.find((vehicle) => vehicle.id === VEHICLE)?.lat === last.at.lat && replay?.vehicles[0].fixes.at(-1)?.[0] === assignedAt + last.second * 1000;
		}, 'the trip to be stored', 20_000);
		await readEverything({ from: assignedAt - 600_000, to: assignedAt + 900_000 });

		const leaks = [
			...watchers.flatMap((watcher) => watcher.frames.flatMap((frame) => closeTo(frame).map((point) => `${watcher.name} socket: ${(frame as { event: string }).event} at ${Math.round(distanceMetres(pickup, point))} m`))),
			...responses.flatMap((response) => closeTo(response.body).map((point) => `${response.who}: ${response.path.split('?')[0]} at ${Math.round(distanceMetres(pickup, point))} m`))
		];
		expect([...new Set(leaks)]).toEqual([]);

		// Away from the home the vehicle is drawn where it is again, on every socket and page.
		for (const watcher of watchers) expect(watcher.vehicle(), watcher.name).toMatchObject({ lat: last.at.lat, lon: last.at.lon, heading: 45 });
		expect(watchers[0].vehicle()?.coarse).not.toBe(true);
		const board = responses.filter((response) => response.who === 'dispatcher' && response.path === '/api/dispatch/board').at(-1)!.body as DispatchBoard;
		expect(board.vehicles.find((vehicle) => vehicle.id === VEHICLE)).toMatchObject({ lat: last.at.lat, lon: last.at.lon });
		const replay = responses.filter((response) => response.who === 'dispatcher' && response.path.startsWith('/api/replay')).at(-1)!.body as ReplayWindow;
		const track = replay.vehicles.find((vehicle) => vehicle.id === VEHICLE)!;
		// Replay shows the vehicle at the hotel after the close, and nothing of the trip within 500 m of the door.
		const shownSinceAssigned = track.fixes.filter(([at]) => at >= assignedAt);
		expect(shownSinceAssigned.at(-1)?.slice(0, 3)).toEqual([assignedAt + last.second * 1000, hotel.lat, hotel.lon]);
		expect(shownSinceAssigned.filter(([, lat, lon]) => distanceMetres(pickup, { lat, lon }) < 500)).toEqual([]);
		// While it was near the home, the walls saw it at village level only, without heading or speed.
		const seenNear = watchers[0].frames.flatMap((frame) => {
			const { event, payload } = frame as { event: string; payload: { upserts?: VehicleEntity[] } };
			return event === 'vehicles:delta' ? (payload.upserts ?? []).filter((vehicle) => vehicle.id === VEHICLE && vehicle.fixAt === new Date(assignedAt + 80_000).toISOString()) : [];
		});
		expect(seenNear).toEqual([expect.objectContaining({ coarse: true, heading: null, speedKmh: null })]);
		watchers.forEach((watcher) => watcher.close());
	}, 120_000);
});
