/**
 * OsmAnd trackers (Traccar Client phones) from the command line, against the database the
 * environment names (with the embedded database, stop the server first, or use the admin API
 * POST /api/admin/trackers while it runs):
 *
 *   npm run devices -- add <device-id> [--vehicle <vehicle code or name>]
 *       registers the id; without --vehicle a new courier vehicle is created for it
 *   npm run devices -- list
 *       registered trackers, and the unknown ids that tried to report
 */
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/client';
import { ServiceError } from '../server/modules/service-error';
import { listTrackerPage, registerTracker, UNKNOWN_TRACKERS } from '../server/modules/trackers/trackers';

async function main(): Promise<number> {
	const [command, ...rest] = process.argv.slice(2);
	if (command !== 'add' && command !== 'list') {
		console.error('usage: npm run devices -- add <device-id> [--vehicle <name>] | list');
		return 2;
	}
	const config = loadConfig();
	const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
	try {
		if (command === 'list') {
			// Page by page, so a long list never sits in memory at once.
			let next: { registeredAfter: string | null; unknownAfter: string | null } = { registeredAfter: null, unknownAfter: null };
			for (let first = true; first || next.registeredAfter || next.unknownAfter; first = false) {
				const page = await listTrackerPage(database.db, { limit: UNKNOWN_TRACKERS.maxPage, ...next });
				if (first || next.registeredAfter) for (const tracker of page.registered) console.log(`${tracker.id}\t→ ${tracker.vehicleId}\t(${tracker.registeredBy}, ${tracker.registeredAt.toISOString()})`);
				if (first || next.unknownAfter) for (const tracker of page.unknown) console.log(`${tracker.id}\tunknown, ${tracker.attempts} attempts, last ${tracker.lastSeenAt.toISOString()}`);
				next = page.next;
			}
			return 0;
		}
		const [trackerId] = rest;
		if (!trackerId) {
			console.error('usage: npm run devices -- add <device-id> [--vehicle <name>]');
			return 2;
		}
		const vehicleAt = rest.indexOf('--vehicle');
		const vehicle = vehicleAt > 0 ? rest[vehicleAt + 1] : null;
		const registered = await registerTracker(database.db, { trackerId, vehicle, actor: `cli:${process.env.USER ?? 'unknown'}` });
		console.log(`registered ${registered.trackerId} → vehicle ${registered.vehicleId}${registered.createdVehicle ? ' (a new courier vehicle)' : ''}; restart or import a ledger for a running server to see a new vehicle`);
		return 0;
	} catch (error) {
		if (error instanceof ServiceError) {
			console.error(`cannot register: ${error.message}`);
			return 1;
		}
		throw error;
	} finally {
		await database.close();
	}
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(`devices: ${error.message}`);
		process.exit(1);
	}
);
