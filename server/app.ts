/**
 * Starts the roles this process runs (config.ROLES) over the stores the config names, and
 * returns a handle to stop them. server/index.ts is the command-line entry; tests call this.
 */
import { existsSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { redactUrl, type Config } from './config';
import { openDatabase, type Database } from './db/client';
import { sendError } from './http/http-utils';
import type { IngestContext } from './ingest/ingest-events';
import { rosterLookup } from './modules/coverage/roster-lookup';
import { MemoryDeltaBus, MemoryLiveStore } from './live/memory-live';
import type { DeltaBus, LiveStore } from './live/live-store';
import { RedisDeltaBus, RedisLiveStore } from './live/redis-live';
import { Metrics } from './metrics';
import { parseRequestTarget, timestampedLogger, type Logger } from './log';
import { loadRegistry, type Registry } from './modules/registry/load-registry';
import { loadScenario, registryIsEmpty } from './modules/registry/load-scenario';
import { keepDemoRoundStart } from './modules/registry/demo-round-start';
import { loadQuarantinePopulation } from './modules/registry/load-quarantine-population';
import { provisionSimulatedOfficers } from './modules/identity/demo-officers';
import { provisionSimulatedDispatcher } from './modules/identity/demo-dispatcher';
import { startCommandRelay } from './modules/command-events';
import { startLabResultMatcher } from './modules/quarantine/match-lab-results';
import { EmbeddedEventLog } from './pipeline/event-log/embedded-event-log';
import type { EventLog } from './pipeline/event-log/event-log';
import { RedisStreamEventLog } from './pipeline/event-log/redis-stream-event-log';
import { Projector } from './pipeline/projector';
import { ProjectorLease } from './pipeline/projector-lease';
import { startHub, type Hub } from './realtime/hub';
import { createIoServer } from './realtime/io-server';
import { attachDeviceIngest } from './ingest/device-socket';
import { DEVICE_NAMESPACE } from '../src/lib/protocol/index';
import { SCENARIOS } from './sim/scenarios/index';
import { Simulator } from './sim/simulator';
import { loadSimRoster } from './modules/coverage/sim-roster';
import { ImportJobs } from './modules/ledgers/import-jobs';
import { MemoryControlBus, RedisControlBus, type ControlBus } from './live/control-bus';
import { Authenticator } from './auth/authenticate';
import { RateLimiter } from './auth/rate-limit';
import { SignInThrottle } from './auth/sign-in-throttle';
import { dummyPasswordHash, hashing } from './auth/passwords';
import { WallOverviews } from './modules/wall/wall-overview';
import { ShownPlans } from './modules/staffing/shown-plans';
import { TrackerDirectory } from './modules/trackers/trackers';
import { handleOsmAnd } from './ingest/osmand-ingest';
import { applySecurityHeaders, basemapOrigins, BASE_HEADERS } from './http/security-headers';
import { compileRoutes, dispatch } from './web/router';
import { ROUTES } from './web/routes';
import type { WebContext } from './web/web-context';
import { openSetup } from './modules/identity/first-admin';
import { startupLinksOf } from './modules/identity/startup-links';
import { openStartupWall, provisionSimulatedDevices } from './modules/identity/demo-credentials';
import { startRetention } from './modules/identity/retention';
import { startReportLocker } from './modules/reports/lock-reports';
import { startAlertWatcher, wallAlertSource } from './modules/alerts/alert-watcher';

/** A start-up failure that names the setting to fix; index.ts prints just this line. */
export class StartupError extends Error {}

export interface App {
	url: string;
	port: number;
	/** What start-up prints: the wall (with a display token for the demo) and, while no admin exists, the one-time setup link. */
	links: { wall: string; setup: string | null };
	metrics: Metrics;
	database: Database;
	projector: Projector | null;
	hub: Hub | null;
	/** The event log, for tests that run an operation themselves (the alert watcher's check at a set time). */
	log: EventLog;
	close(): Promise<void>;
}

/** `newWallLink`: revoke the demo wall's start-up link and print a new one (the default keeps the last start's). */
export async function startApp(config: Config, logger: Logger = timestampedLogger(), options: { newWallLink?: boolean } = {}): Promise<App> {
	const scenario = config.SCENARIO === 'none' ? null : SCENARIOS[config.SCENARIO]();
	const roles = new Set(config.ROLES);
	const metrics = new Metrics();
	const closers: (() => Promise<unknown> | unknown)[] = [];
	const close = async () => {
		for (const closer of closers.reverse()) await Promise.resolve(closer()).catch((error) => logger.warn(`shutdown: ${(error as Error).message}`));
	};

	try {
		const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }).catch((error: Error) => {
			throw new StartupError(
				config.DATABASE_URL
					? `DATABASE_URL: ${redactUrl(config.DATABASE_URL)} is not usable: ${error.message}`
					: `DATA_DIR: cannot open the embedded database under ${config.DATA_DIR}: ${error.message}`
			);
		});
		closers.push(() => database.close());

		const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL) : null;
		if (redis) closers.push(() => redis.disconnect());

		const log: EventLog = redis ? new RedisStreamEventLog(redis, config.REDIS_PREFIX) : new EmbeddedEventLog(database.db);
		closers.push(() => log.close());
		const store: LiveStore = redis ? new RedisLiveStore(redis, config.REDIS_PREFIX) : new MemoryLiveStore();
		const bus: DeltaBus = redis ? new RedisDeltaBus(redis, config.REDIS_PREFIX) : new MemoryDeltaBus();
		closers.push(() => bus.close());

		// A scenario fills a new database once; after that the registry is whatever was imported.
		if (scenario && roles.has('projector') && (await registryIsEmpty({ db: database.db }))) {
			logger.log(`loading the ${scenario.id} scenario into the new database…`);
			// The demo's emergency round is declared now: its timetable and arrivals are laid out from this instant, across restarts.
			const roundStart = await keepDemoRoundStart({ db: database.db });
			await loadScenario({ db: database.db, scenario, roundStart });
		}
		const registry = await loadRegistry({ db: database.db });

		const control: ControlBus = redis ? new RedisControlBus(redis, config.REDIS_PREFIX) : new MemoryControlBus();
		closers.push(() => control.close());

		let projector: Projector | null = null;
		if (roles.has('projector')) {
			projector = new Projector({ log, db: database.db, store, bus, registry, tickMs: config.TICK_MS, logger });
			const running = projector;
			if (redis) {
				const lease = new ProjectorLease(redis, config.REDIS_PREFIX, `${process.pid}-${Date.now()}`);
				closers.push(() => lease.release());
				// Stand by until no other projector holds the lease, then run; if another node takes the
				// lease, stop and stand by again.
				const standBy = (): void =>
					void lease
						.acquire(() => {
							logger.error('projector: another node holds the lease; this projector stands by');
							void running.stop().then(standBy);
						})
						.then(() => running.start());
				standBy();
			} else {
				await running.start();
			}
			closers.push(() => running.stop());
			// People's commands committed but not yet in the log (a crash after the commit) reach it.
			const relay = startCommandRelay({ db: database.db, log, logger });
			closers.push(() => relay.stop());
			// Door-to-door samples in single-person tubes take their lab result as it comes.
			const labResults = startLabResultMatcher({ db: database.db, log, logger });
			closers.push(() => labResults.stop());
		}

		const ingestCtx: IngestContext = {
			log,
			metrics,
			known: knownOf(registry),
			now: Date.now,
			roster: rosterLookup(database.db)
		};
		const authenticator = new Authenticator(database.db);
		// After an import anywhere, every node reloads the registry: ingest accepts the new ids, the map shows the new sites.
		control.subscribe((message) => {
			if (message.type === 'session.ended' || message.type === 'display.revoked') authenticator.forget();
			// A transfer assigned, cancelled or handed over anywhere: the projector watches its pickup.
			if (message.type === 'transfers.changed') void projector?.reloadPickupWatches();
			if (message.type !== 'registry.changed') return;
			loadRegistry({ db: database.db })
				.then((fresh) => {
					ingestCtx.known = knownOf(fresh);
					projector?.syncRegistry(fresh);
				})
				.catch((error: Error) => logger.warn(`registry reload failed: ${(error as Error).message}`));
		});
		// The plans shift leaders were looking at before a restart: the next board keeps them.
		const plans = new ShownPlans(database.db);
		await plans.load();
		const webCtx: WebContext = {
			config,
			database,
			metrics,
			log,
			projector,
			ingest: ingestCtx,
			jobs: new ImportJobs(database.db, () => void control.publish({ type: 'registry.changed' }), { commitEachBatch: database.kind === 'pglite' }),
			authenticator,
			control,
			scenario,
			limits: { device: new RateLimiter({ capacity: config.DEVICE_RATE_BURST, perSecond: config.DEVICE_RATE_PER_SECOND }), user: new RateLimiter({ capacity: 60, perSecond: 20 }), signIn: new SignInThrottle() },
			overviews: new WallOverviews(database.db, store),
			plans,
			osmand: { ingest: ingestCtx, trackers: new TrackerDirectory(database.db), limiter: new RateLimiter({ capacity: 20, perSecond: 5 }) }
		};
		const loopDelay = monitorEventLoopDelay({ resolution: 10 });
		loopDelay.enable();
		closers.push(() => loopDelay.disable());
		metrics.gauge('event_loop_lag_p99_ms', () => loopDelay.percentile(99) / 1e6);
		metrics.gauge('password_hashing_active', () => hashing.load.active);
		metrics.gauge('password_hashing_waiting', () => hashing.load.waiting);
		metrics.gauge('sign_in_throttled_accounts', () => webCtx.limits.signIn.tracked.accounts);
		metrics.gauge('sign_in_throttled_addresses', () => webCtx.limits.signIn.tracked.addresses);
		// Made now, so that the first sign-in of an unknown user takes no longer than any other.
		if (roles.has('web')) void dummyPasswordHash();
		const routes = compileRoutes(ROUTES);
		const webHandler = roles.has('web') ? await loadWebHandler() : null;

		const basemap = basemapOrigins(config);
		const server = createServer((req, res) => {
			applySecurityHeaders(req, res, basemap);
			if (!parseRequestTarget(req.url)) {
				// The client's mistake ("//", "http://[x"): one line (its length, not the text, which may hold a token), no stack.
				logger.warn(`http: ${req.method} with a malformed URL (${(req.url ?? '').length} characters) refused with 400`);
				return sendError(res, 400, { zh: '请求地址格式有误（百分号编码或写法不对）', en: 'malformed URL: bad percent-encoding or form' }, 'malformed_url');
			}
			const fallback = () => {
				if (webHandler) return webHandler(req, res, () => sendError(res, 404, { zh: '没有这个页面', en: 'not found' }, 'not_found'));
				sendError(res, 404, roles.has('web') ? 'not found' : 'this node does not serve the web app');
			};
			dispatch(webCtx, routes, req, res, fallback).catch((error) => {
				logger.error(`http: ${req.method} ${req.url} failed: ${(error as Error).stack}`);
				if (!res.headersSent) sendError(res, 500, { zh: '服务器内部出错，请稍后重试', en: 'internal error' }, 'internal_error');
				else res.destroy();
			});
		});

		const ioServer = roles.has('hub') || roles.has('ingest') ? createIoServer(server, config.ALLOWED_ORIGINS) : null;
		// Socket.io answers its long-polling requests itself, past the handler above.
		ioServer?.engine.on('headers', (headers: Record<string, string>) => Object.assign(headers, BASE_HEADERS));
		let hub: Hub | null = null;
		if (ioServer && roles.has('hub')) {
			hub = startHub({ ioServer, store, bus, control, authenticator, regionId: scenario?.id ?? 'registry', logger });
		}
		if (ioServer && roles.has('ingest')) {
			attachDeviceIngest({ namespace: ioServer.of(DEVICE_NAMESPACE), ctx: ingestCtx, authenticator, limiter: webCtx.limits.device });
		}
		await listen(server, config.PORT, config.HOST);
		if (roles.has('ingest') && config.OSMAND_PORT !== undefined) {
			// Traccar Client's default address is port 5055 at "/": every path of this port takes OsmAnd positions.
			const osmandServer = createServer((req, res) => {
				applySecurityHeaders(req, res, []);
				handleOsmAnd(webCtx.osmand, req, res, new URL(req.url ?? '/', 'http://localhost')).catch((error) => {
					logger.error(`osmand: ${req.method} ${req.url} failed: ${(error as Error).stack}`);
					if (!res.headersSent) sendError(res, 500, { zh: '服务器内部出错，请稍后重试', en: 'internal error' }, 'internal_error');
				});
			});
			await listen(osmandServer, config.OSMAND_PORT, config.HOST);
			closers.push(() => new Promise((resolve) => osmandServer.close(() => resolve(null))));
		}
		closers.push(async () => {
			await hub?.close();
			// Closing the Socket.io server closes the HTTP server under it.
			await new Promise((resolve) => (ioServer ? ioServer.close(() => resolve(null)) : server.close(() => resolve(null))));
		});
		const port = (server.address() as AddressInfo).port;
		const url = `http://localhost:${port}`;

		if (scenario && roles.has('sim') && config.SIMULATE) {
			// The demo's quarantine population, once into a new database, through the quarantine commands; in the
			// background (a few seconds), then the village officers' phones sign in and start their rounds. A shutdown waits for it.
			const officerPhones = loadQuarantinePopulation({ db: database.db, scenario, log, logger })
				.then((report) => report.loaded && logger.log(`registered the ${scenario.id} scenario's ${report.returnees} returnees under a measure`))
				.then(() => provisionSimulatedOfficers({ db: database.db, scenario }))
				.catch((error: Error) => {
					logger.error(`the ${scenario.id} scenario's quarantine population or officers' phones were not set up: ${error.message}`);
					return new Map<string, string>();
				});
			closers.push(() => officerPhones);
			// The demo's dispatcher (confirms positives' transfers and hands over; a person at /dispatch can act first).
			const dispatcherSession = provisionSimulatedDispatcher({ db: database.db }).catch((error: Error) => {
				logger.error(`the demo's simulated dispatcher was not signed in: ${error.message}`);
				return null;
			});
			closers.push(() => dispatcherSession);
			const devices = await provisionSimulatedDevices({ db: database.db, scenario });
			// The same round after a restart (kept when the scenario was loaded, or from now for an older database).
			const roundStart = await keepDemoRoundStart({ db: database.db });
			// The site tablets sample the roster (roster_members and the timetable), read once here: the simulator never touches the database.
			const roster = loadSimRoster({ db: database.db }).catch(() => null);
			const simulator = new Simulator({ scenario, ingestUrl: `http://127.0.0.1:${port}/api/ingest/events`, devices, roundStart, logger, officerPhones, dispatcherSession, roster });
			simulator.start();
			closers.push(() => simulator.stop());
		}
		if (roles.has('projector')) {
			const retention = startRetention({ db: database.db, days: config.PERSONAL_DATA_RETENTION_DAYS, logger });
			closers.push(() => retention.stop());
			// The 24:00 daily report: past days locked at start, each day just after 24:00 China time (idempotent on the day across nodes).
			const reports = startReportLocker({ db: database.db, log, logger });
			closers.push(() => reports.stop());
			// Alerts become records people acknowledge; escalated and closed by this one watcher (modules/alerts).
			const alertWatcher = startAlertWatcher({ db: database.db, log, sources: [wallAlertSource(webCtx.overviews, store)], bus, logger });
			closers.push(() => alertWatcher.stop());
		}
		// One process makes each start-up link (startup-links.ts): another's wall token would revoke it, and a cluster printed a setup link per process.
		const makes = startupLinksOf(roles, scenario !== null);
		const wallToken = scenario && makes.wall ? await openStartupWall({ db: database.db, dataDir: config.DATA_DIR, fresh: options.newWallLink }) : null;
		const setupToken = makes.setup ? await openSetup({ db: database.db }) : null;
		const links = {
			wall: wallToken ? `${url}/wall?display=${wallToken}` : `${url}/wall`,
			setup: setupToken ? `${url}/setup?token=${setupToken}` : null
		};

		return { url, port, links, metrics, database, projector, hub, log, close };
	} catch (error) {
		await close();
		throw error;
	}
}

const knownOf = (registry: Registry) => ({ sites: new Set(registry.sites.map((site) => site.id)), vehicles: new Set(registry.vehicles.map((vehicle) => vehicle.id)), labs: new Set(registry.labIds) });

async function connectRedis(url: string): Promise<Redis> {
	let connected = false;
	let lastError: Error | null = null;
	const redis = new Redis(url, {
		lazyConnect: true,
		maxRetriesPerRequest: 2,
		connectTimeout: 5000,
		// Commands issued in the same tick by concurrent requests go out in one write (one round trip).
		enableAutoPipelining: true,
		// Fail fast at start-up with the real cause; once connected, reconnect with a capped backoff.
		retryStrategy: (attempt) => (connected ? Math.min(attempt * 200, 2000) : null)
	});
	redis.on('error', (error: Error) => {
		// After start-up ioredis reconnects by itself; readiness and the 503s of ingest report the outage.
		lastError = error;
	});
	try {
		await redis.connect();
		await redis.ping();
		connected = true;
		return redis;
	} catch (error) {
		redis.disconnect();
		const cause = (lastError as Error | null)?.message ?? (error as Error).message;
		throw new StartupError(`REDIS_URL: ${redactUrl(url)} is not reachable: ${cause}`);
	}
}

type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** The SvelteKit app built by `vite build`; without a build, pages answer 503 with the fix. */
async function loadWebHandler(): Promise<WebHandler> {
	const handlerPath = fileURLToPath(new URL('../build/handler.js', import.meta.url));
	if (!existsSync(handlerPath)) {
		return (_req, res) => sendError(res, 503, 'the web app is not built: run `npm run build` (npm start does it for you)');
	}
	const module = (await import(pathToFileURL(handlerPath).href)) as { handler: WebHandler };
	return module.handler;
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
	return new Promise((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) => {
			reject(new StartupError(error.code === 'EADDRINUSE' ? `PORT: ${port} is already in use; set PORT to a free port` : `PORT: cannot listen on ${host}:${port}: ${error.message}`));
		});
		server.listen(port, host, () => resolve());
	});
}
