/**
 * Registering OsmAnd trackers (Traccar Client phones) to vehicles: from the admin API, the CLI
 * (`npm run devices -- add <id> [--vehicle <name>]`), and the ledger import. Registering an id
 * with no vehicle named creates a courier vehicle for it.
 */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { trackers, unknownTrackers, vehicles } from '../../db/schema/index';
import { serviceErrors } from '../service-error';
import { RateLimiter } from '../../auth/rate-limit';
import { recordAudit } from '../identity/record-audit';
import { noteUnknownTracker, UNKNOWN_TRACKERS } from './unknown-trackers';

export { listTrackerPage, UNKNOWN_TRACKERS, type TrackerPage } from './unknown-trackers';

const TRACKER_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** How registering a tracker says no. */
const refuse = serviceErrors({
	bad_tracker_id: { kind: 'invalid', text: () => ({ zh: '定位终端编号只能用字母、数字和 _ . : -，最多 64 个字符', en: 'trackerId: may use only letters, digits and _ . : -, at most 64' }) },
	no_such_vehicle: { kind: 'not_found', text: ({ vehicle }: { vehicle: string }) => ({ zh: `没有登记名为“${vehicle}”的车辆：请先在车辆台账中登记，或不填车辆以新建一辆送样车`, en: `vehicle: no vehicle "${vehicle}" is registered; register it in the vehicles ledger, or leave it out to create a courier vehicle` }) }
});

export async function registerTracker(db: Db, { trackerId, vehicle, actor }: { trackerId: string; vehicle?: string | null; actor: string }): Promise<{ trackerId: string; vehicleId: string; createdVehicle: boolean }> {
	if (!TRACKER_ID.test(trackerId)) throw refuse('bad_tracker_id');
	let vehicleId: string;
	let createdVehicle = false;
	if (vehicle) {
		// A vehicle is named by its code or its name, as people know it.
		const [found] = await db.select({ id: vehicles.id }).from(vehicles).where(sql`${vehicles.id} = ${vehicle} or ${vehicles.name} = ${vehicle}`).limit(1);
		if (!found) throw refuse('no_such_vehicle', { vehicle });
		vehicleId = found.id;
	} else {
		vehicleId = vehicleIdFor(trackerId);
		const inserted = await db.insert(vehicles).values({ id: vehicleId, name: `送样车 ${trackerId}`, kind: 'courier', plate: null, permitNumber: null }).onConflictDoNothing().returning({ id: vehicles.id });
		createdVehicle = inserted.length > 0;
	}
	await db.insert(trackers).values({ id: trackerId, vehicleId, registeredBy: actor }).onConflictDoUpdate({ target: trackers.id, set: { vehicleId, registeredBy: actor, registeredAt: new Date() } });
	await db.delete(unknownTrackers).where(eq(unknownTrackers.id, trackerId));
	await recordAudit({ db, entry: { actor, action: 'tracker.register', subject: `tracker:${trackerId}`, details: { vehicleId, createdVehicle } } });
	return { trackerId, vehicleId, createdVehicle };
}

/**
 * The id of the courier vehicle made for a tracker: `tracker-<id>`, or, when that would pass the
 * 64 characters an event's vehicleId may have, a hash of the id under its own prefix (so it can
 * never equal another tracker's readable form).
 */
export function vehicleIdFor(trackerId: string): string {
	const readable = `tracker-${trackerId}`;
	return readable.length <= 64 ? readable : `trackerh-${createHash('sha256').update(trackerId).digest('base64url').slice(0, 22)}`;
}

/** The vehicle a tracker reports for; a lookup per fix, cached briefly so a fleet at 1 Hz costs little. */
export class TrackerDirectory {
	#db: Db;
	#cache = new Map<string, { vehicleId: string | null; at: number }>();
	/** Unknown ids noted per source address: anyone can make ids up, and each new one is a row. */
	#notes = new RateLimiter({ capacity: UNKNOWN_TRACKERS.burstPerAddress, perSecond: UNKNOWN_TRACKERS.perAddressPerMinute / 60 });
	constructor(db: Db) {
		this.#db = db;
	}

	async vehicleOf(trackerId: string, now = Date.now()): Promise<string | null> {
		const cached = this.#cache.get(trackerId);
		if (cached && now - cached.at < 10_000) return cached.vehicleId;
		const [row] = await this.#db.select({ vehicleId: trackers.vehicleId }).from(trackers).where(eq(trackers.id, trackerId));
		if (this.#cache.size > 50_000) this.#cache.clear();
		this.#cache.set(trackerId, { vehicleId: row?.vehicleId ?? null, at: now });
		return row?.vehicleId ?? null;
	}

	forget(): void {
		this.#cache.clear();
	}

	/**
	 * Lists an unregistered id for the admins, with when and where it was last heard, unless its
	 * source address has noted too many lately. Says whether it was noted.
	 */
	async noteUnknown(trackerId: string, fix: { lat: number; lon: number }, source: string, now = Date.now()): Promise<boolean> {
		if (!this.#notes.take(source, now)) return false;
		await noteUnknownTracker(this.#db, trackerId, fix, now);
		return true;
	}
}
