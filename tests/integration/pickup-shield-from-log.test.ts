/**
 * A pickup stays shielded on a projector that never hears the `transfers.changed` notification (one
 * on another node whose control message was lost): it reads the transfer.assigned event from the
 * log and watches the task before it judges the vehicle's next fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import { householdPrivate } from '../../server/db/schema/index';
import { MemoryDeltaBus, MemoryLiveStore } from '../../server/live/memory-live';
import { loadRegistry } from '../../server/modules/registry/load-registry';
import { EmbeddedEventLog } from '../../server/pipeline/event-log/embedded-event-log';
import { Projector } from '../../server/pipeline/projector';
import type { VehicleEntity } from '../../src/lib/protocol/index';
import { distanceMetres } from '../../src/lib/domain/coordinates';
import { postEvents, quietLogger, signedIn, startTestApp } from '../fixtures/app';
import { position } from '../fixtures/events';
import { until } from '../fixtures/wait';

const HOUSEHOLD = 'CM060190';
const VEHICLE = 'transfer-1';

let app: App;
let store: MemoryLiveStore;
let otherNode: Projector;
beforeAll(async () => {
	app = await startTestApp({ SCENARIO: 'chengmen' });
	const db = app.database.db;
	// A second node's projector over the same database and log, subscribed to no control bus.
	store = new MemoryLiveStore();
	otherNode = new Projector({ log: new EmbeddedEventLog(db), db, store, bus: new MemoryDeltaBus(), registry: await loadRegistry({ db }), tickMs: 50, logger: quietLogger });
	await otherNode.start();
}, 120_000);
afterAll(async () => {
	await otherNode?.stop();
	await app?.close();
});

describe('the pickup shield on a node that missed the notification', () => {
	it('shows the vehicle at the door only at village level, from the transfer event on the log', async () => {
		const [home] = await app.database.db.select().from(householdPrivate).where(eq(householdPrivate.householdId, HOUSEHOLD));
		const pickup = { lat: home.lat!, lon: home.lon! };
		const dispatcher = await signedIn(app, 'dispatcher');
		const assigned = await fetch(`${app.url}/api/transfers`, { method: 'POST', headers: { cookie: dispatcher.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ vehicleId: VEHICLE, quarantineSiteId: 'qs-chaisang-hotel', householdId: HOUSEHOLD }) });
		expect(assigned.status).toBe(201);

		const at = new Date(Date.now() + 1000).toISOString();
		const posted = await postEvents(app, { events: [position({ vehicleId: VEHICLE, lat: pickup.lat, lon: pickup.lon, at })] }, { as: `phone-${VEHICLE}` });
		expect(posted.json.accepted).toBe(1);

		const shown = await until(async () => {
			const vehicle = ((await store.snapshot('vehicles')).entities as VehicleEntity[]).find((each) => each.id === VEHICLE);
			return vehicle?.fixAt === at && vehicle;
		}, 'the other node to publish the fix');
		expect(shown.coarse).toBe(true);
		expect(distanceMetres(pickup, { lat: shown.lat!, lon: shown.lon! })).toBeGreaterThan(300);
	});
});
