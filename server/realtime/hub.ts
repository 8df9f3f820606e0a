/**
 * The Socket.io hub: a browser gets a snapshot of every layer on connect, then deltas; it asks for
 * a snapshot again when it sees a gap. Reads only the live store and the delta bus, never the
 * projector, so a hub can run on a node without one.
 *
 * Guards: those of io-server.ts (origin, message size), then a principal on the handshake (a
 * display token or a signed-in session), the policy of every event and room
 * (server/auth/policies.ts), and a per-socket rate limit.
 */
import { Server, type Socket } from 'socket.io';
import { DESK_LAYERS, DISPATCH_LAYERS, HEARTBEAT_INTERVAL_MS, LAYERS, snapshotRequest, type ClientToServerEvents, type Delta, type KpiEntity, type ServerToClientEvents, type Snapshot } from '../../src/lib/protocol/index';
import type { Authenticator } from '../auth/authenticate';
import { authorize } from '../auth/authorize';
import { NEEDS, ROOM_POLICIES, SOCKET_CONNECT_POLICY, SOCKET_EVENT_POLICIES } from '../auth/policies';
import type { Principal } from '../auth/principal';
import { scopeRefusal } from '../auth/user-scope';
import { RateLimiter } from '../auth/rate-limit';
import type { ControlBus } from '../live/control-bus';
import type { DeltaBus, LiveStore } from '../live/live-store';
import { broadcastDelta, broadcastHeartbeat, type Io } from './broadcaster';
import { countyRoom, deskRoom, dispatchRoom, displayRoom, scopeRoomOf, townshipRoom, townshipScopeOf, userRoom } from './rooms';
import { snapshotForTownship } from './scope-filter';
import { TownshipExtents } from './township-extents';
import { TownshipVehicles } from './township-vehicles';

export interface Hub {
	io: Io;
	close(): Promise<void>;
}

interface HubOptions {
	/** The node's Socket.io server (io-server.ts); the hub uses its main namespace. */
	ioServer: Server;
	store: LiveStore;
	bus: DeltaBus;
	control: ControlBus;
	authenticator: Authenticator;
	/** The county this hub serves; sockets scoped to one of its townships see only that township's sites. */
	regionId: string;
	logger?: Pick<Console, 'warn'>;
}

type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { principal: Principal }>;

export function startHub({ ioServer, store, bus, control, authenticator, regionId, logger }: HubOptions): Hub {
	const io = ioServer as Io;
	const rooms = { county: countyRoom(regionId), dispatch: dispatchRoom(regionId), desk: deskRoom(regionId) };
	/** Whether a principal may see the dispatcher's layers (runs, transfer tasks). */
	const mayDispatch = (principal: Principal) => authorize(NEEDS('dispatch:view'), principal).ok;
	/** Whether a principal may see the quarantine desk's signal. */
	const mayViewDesk = (principal: Principal) => authorize(NEEDS('quarantine:view'), principal).ok;
	const eventLimiter = new RateLimiter({ capacity: 20, perSecond: 5 });
	let dataTime: string | null = null;
	// Where each township is (from the sites layer), and which vehicles each township room shows.
	const extents = new TownshipExtents();
	const townshipVehicles = new TownshipVehicles(extents);
	const learnSites = (snapshot: Snapshot) => {
		if (snapshot.layer === 'sites') extents.learnSnapshot(snapshot as Snapshot<'sites'>);
	};
	const seeded = store.snapshot('sites').then(learnSites, (error) => logger?.warn(`hub: sites for the township extents failed: ${(error as Error).message}`));
	const onRoomDeleted = (room: string) => townshipVehicles.forget(room);
	io.of('/').adapter.on('delete-room', onRoomDeleted);
	/** A snapshot as a socket of this scope may see it: a township's sites, KPIs and vehicles only. */
	const scoped = (snapshot: Snapshot, township: string | null): Snapshot => {
		learnSites(snapshot);
		if (township && snapshot.layer === 'vehicles') return townshipVehicles.snapshotFor(townshipRoom(township), township, snapshot as Snapshot<'vehicles'>);
		return snapshotForTownship(snapshot, township);
	};

	io.use(async (socket, next) => {
		const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : null;
		const principal = await authenticator.fromHeaders(socket.request.headers, token).catch(() => ({ kind: 'anonymous' }) as Principal);
		const verdict = authorize(SOCKET_CONNECT_POLICY, principal);
		// The reason in both languages travels as the error's data (socket.io's connect_error carries it).
		if (!verdict.ok) return next(Object.assign(new Error(verdict.reason), { data: { code: verdict.code, message: verdict.message } }));
		// A user stored with an impossible scope sees nothing (never the county) and is told why.
		const refusal = scopeRefusal(principal);
		if (refusal) return next(new Error(refusal));
		socket.data.principal = principal;
		next();
	});

	const join = (socket: HubSocket, name: string) => {
		const policy = ROOM_POLICIES.find((each) => each.pattern.test(name))?.policy;
		if (!policy || !authorize(policy, socket.data.principal).ok) throw new Error(`room ${name} is not allowed for this socket`);
		socket.join(name);
	};

	const unsubscribe = bus.subscribe((delta) => {
		if (delta.layer === 'kpis') dataTime = (delta.upserts[0] as KpiEntity | undefined)?.dataTime ?? dataTime;
		if (delta.layer === 'sites') extents.learnDelta(delta as Delta<'sites'>);
		broadcastDelta(io, rooms, delta, townshipVehicles);
	});
	control.subscribe((message) => {
		if (message.type === 'session.ended') io.local.in(userRoom(message.userId)).disconnectSockets(true);
		if (message.type === 'display.revoked') io.local.in(displayRoom(message.displayId)).disconnectSockets(true);
	});
	const heartbeat = setInterval(() => broadcastHeartbeat(io, dataTime), HEARTBEAT_INTERVAL_MS);

	io.on('connection', async (socket: HubSocket) => {
		const principal = socket.data.principal;
		const township = townshipScopeOf(principal);
		join(socket, scopeRoomOf(principal, regionId));
		if (principal.kind === 'user') join(socket, userRoom(principal.userId));
		if (principal.kind === 'display') join(socket, displayRoom(principal.displayId));
		const dispatcher = mayDispatch(principal);
		if (dispatcher) join(socket, rooms.dispatch);
		const desk = mayViewDesk(principal);
		if (desk) join(socket, rooms.desk);
		const visible = LAYERS.filter((layer) => (dispatcher || !DISPATCH_LAYERS.has(layer)) && (desk || !DESK_LAYERS.has(layer)));

		socket.on('snapshot:request', async (request, ack) => {
			if (typeof ack !== 'function') return;
			// Refusals come in both languages, like the HTTP API's: the page shows its own.
			const refuse = (zh: string, en: string) => ack({ ok: false, error: en, message: { zh, en } });
			if (!authorize(SOCKET_EVENT_POLICIES['snapshot:request'], principal).ok) return refuse('您的角色无权读取此图层', 'not allowed');
			if (!eventLimiter.take(socket.id)) return refuse('请求过于频繁，请稍后再试', 'too many requests; slow down');
			const parsed = snapshotRequest.safeParse(request);
			// Named as this socket may see them: a wall is not told of the dispatcher's layers.
			if (!parsed.success) return refuse(`图层须为 ${visible.join('、')} 之一`, `layer must be one of ${visible.join(', ')}`);
			if (!visible.includes(parsed.data.layer)) {
				return DESK_LAYERS.has(parsed.data.layer)
					? refuse('您的角色无权查看隔离管控图层', `your role may not view the ${parsed.data.layer} layer (it needs quarantine:view)`)
					: refuse('您的角色无权查看调度图层', `your role may not view the ${parsed.data.layer} layer (it needs dispatch:view)`);
			}
			try {
				ack({ ok: true, data: scoped(await store.snapshot(parsed.data.layer), township) });
			} catch (error) {
				// The store's own error text stays in the server's log, not in a page.
				logger?.warn(`hub: snapshot of ${parsed.data.layer} failed: ${(error as Error).message}`);
				refuse('实时数据暂不可用，请稍后再试', 'live store unavailable; try again shortly');
			}
		});
		try {
			// A township's board waits for the hub to know where the townships are.
			if (township) await seeded;
			for (const layer of visible) {
				const snapshot = await store.snapshot(layer);
				if (layer === 'kpis') dataTime = (snapshot.entities[0] as KpiEntity | undefined)?.dataTime ?? dataTime;
				socket.emit('snapshot', scoped(snapshot, township));
			}
			socket.emit('heartbeat', { serverTime: Date.now(), dataTime });
		} catch (error) {
			logger?.warn(`hub: snapshot for a new socket failed: ${(error as Error).message}`);
		}
	});

	return {
		io,
		close: async () => {
			clearInterval(heartbeat);
			unsubscribe();
			io.of('/').adapter.off('delete-room', onRoomDeleted);
			io.disconnectSockets(true);
		}
	};
}
