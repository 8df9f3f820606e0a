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
import { HttpError } from '../server/http/http-utils';
import { listTrackers, registerTracker } from '../server/modules/trackers/trackers';

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
			const { registered, unknown } = await listTrackers(database.db);
			for (const tracker of registered) console.log(`${tracker.id}\t→ ${tracker.vehicleId}\t(${tracker.registeredBy}, ${tracker.registeredAt.toISOString()})`);
			for (const tracker of unknown) console.log(`${tracker.id}\tunknown, ${tracker.attempts} attempts, last ${tracker.lastSeenAt.toISOString()}`);
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
		if (error instanceof HttpError) {
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
