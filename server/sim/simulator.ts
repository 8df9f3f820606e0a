/**
 * The scenario simulator: plays the site tablets and courier phones of a scenario and posts their
 * events to the ingest API over HTTP, exactly as real devices do. It never touches the state.
 * Unsent events stay in an outbox (device-outbox.ts) and are resent with the same ids.
 */
import type { DeviceEvent } from '../../src/lib/protocol/index';
import { CourierDriver } from './courier-driver';
import { placeOf, type Scenario } from './scenarios/index';
import { SiteQueueModel } from './site-queue-model';
import { TransferDriver, type TransferOrder } from './transfer-driver';
import { ErrandDriver } from './errand-driver';
import { DeviceOutbox } from './device-outbox';
import { BoxSealer, SEAL_EVERY_MS } from './box-sealer';
import { serviceDay } from '../../src/lib/domain/service-day';
import { desksStaffedBy } from '../../src/lib/domain/staff-transit';
import { OfficerPhones } from './officer-phone';
import { SimDispatcher } from './sim-dispatcher';
import type { SealedBox, SimulatedCourier, SimulatedSite } from './sim-devices';
import { RosterQueue } from './roster-queue';
import { RosterDesk, rosterFromLedger } from './roster-desk';
import type { SiteRoster } from './roster-arrivals';
import { mulberry32 } from './site-queue-model';

const POSITION_EVERY_MS = 1000;
const QUEUE_EVERY_MS = 5000;
/** Each lab reports its running totals this often. */
const LAB_EVERY_MS = 30_000;
/**
 * The demo's compressed lab: a box is received this long after sealing (the courier's run) and
 * tested this long after that. Real labs: within 2–4 h and 8 h (domain.md).
 */
const LAB_RECEIVED_AFTER_MS = 10 * 60 * 1000;
const LAB_TESTED_AFTER_MS = 25 * 60 * 1000;
/** One box in this many has a positive pool in the demo: about one an hour across Chengmen's ten sites (a box each an hour). */
const POSITIVE_EVERY_BOXES = 10;
const HOUSEHOLDS_PER_TUBE = 2;
/** A transfer vehicle's phone checks for its task this often, and passengers take this long to board. */
const TRANSFER_POLL_MS = 5000;
/** Each tablet looks at its own page (staff on duty) in turn, one every this often: moves reach the queues. */
const STAFF_POLL_MS = 6000;
const BOARDING_MS = 2 * 60 * 1000;
/** One village officer's phone looks at its village this often, in turn (ten villages: each every 20 s). */
const OFFICER_EVERY_MS = 2000;

export interface SimulatorOptions {
	scenario: Scenario;
	ingestUrl: string;
	/** Each simulated device's credential (device id → token), as a real device is provisioned. */
	devices: Map<string, string>;
	seed?: number;
	/**
	 * When the emergency round was declared (epoch ms): the sites' arrivals are laid out from it
	 * (site-queue-model.ts). The demo passes the kept one, so a restart resumes the same round;
	 * without it a round starts as the simulator is built.
	 */
	roundStart?: number;
	logger?: Pick<Console, 'warn'>;
	/**
	 * The village officers' phones (village id → the officer's session), once they are ready: the
	 * demo signs them in after its quarantine population is loaded; the other devices start at once.
	 */
	officerPhones?: Promise<Map<string, string>>;
	/** The demo dispatcher's session (sim-dispatcher.ts), once signed in; without it nobody confirms or hands over but people. */
	dispatcherSession?: Promise<string | null>;
	/** Each site's roster and timetable (sim-roster.ts), arrivals come from it; absent: built from the household ledger. */
	roster?: Promise<SiteRoster[] | null>;
}

export class Simulator {
	#options: SimulatorOptions;
	#couriers: SimulatedCourier[];
	#transfers: { id: string; driver: TransferDriver }[];
	#places: Map<string, { lat: number; lon: number }>;
	/** Labs and transfer stations: where a courier hands its boxes over. */
	#allLabs: Set<string>;
	#lastTransferPollAt = 0;
	#lastStaffPollAt = 0;
	#lastOfficerAt = 0;
	#officers: OfficerPhones;
	#dispatcher: SimDispatcher;
	#nextStaffPoll = 0;
	/** Each site's tablet: its queue, its box sealer, and the people it has scanned as sampled today (day: their service day). */
	#sites: SimulatedSite[];
	#roundStart: number;
	#seed: number;
	#outbox: DeviceOutbox;
	#timer: NodeJS.Timeout | null = null;
	#lastQueueAt = 0;
	#lastLabAt = 0;
	#pickups = 0;
	#boxesSealed = 0;
	#labs: string[];
	/** The boxes this run sealed, for the lab model and the couriers' pickups. */
	#sealed: SealedBox[] = [];
	#counter = 0;
	#stopped = false;
	#runId = Date.now().toString(36);

	constructor(options: SimulatorOptions) {
		this.#options = options;
		this.#outbox = new DeviceOutbox({ ingestUrl: options.ingestUrl, devices: options.devices, logger: options.logger });
		const seed = options.seed ?? 20220401;
		const roundStart = options.roundStart ?? Date.now();
		[this.#roundStart, this.#seed] = [roundStart, seed];
		const { scenario } = options;
		const ledgers = scenario.ledgers();
		this.#couriers = scenario.routes.map((route, index) => ({
			id: route.vehicleId,
			driver: new CourierDriver({ stops: route.stops.map((stop) => placeOf(ledgers, stop)), speedKmh: 40, dwellMs: 20_000, offsetMs: index * 97_000 }),
			stops: route.stops,
			lastStop: null,
			carried: [],
			errand: null,
			runId: null,
			runBoxes: new Map()
		}));
		this.#places = new Map([...ledgers.sites.map((site) => site.code), ...ledgers.labs.map((lab) => lab.code)].map((code) => [code, placeOf(ledgers, code)]));
		this.#allLabs = new Set(ledgers.labs.map((lab) => lab.code));
		// Transfer vehicles wait at the first quarantine hotel, or at the scenario's centre without one.
		const base = scenario.places?.quarantineSites[0] ?? scenario.center;
		this.#transfers = ledgers.vehicles.filter((vehicle) => vehicle.kind === 'transfer').map((vehicle) => ({ id: vehicle.code, driver: new TransferDriver({ base: { lat: base.lat, lon: base.lon }, speedKmh: 40, boardingMs: BOARDING_MS }) }));
		this.#dispatcher = new SimDispatcher({ origin: new URL(options.ingestUrl).origin, session: options.dispatcherSession ?? null, logger: options.logger });
		this.#officers = new OfficerPhones({ origin: new URL(options.ingestUrl).origin, phones: options.officerPhones ?? Promise.resolve(new Map()), arrivals: scenario.arrivals, logger: options.logger });
		this.#labs = ledgers.labs.filter((lab) => lab.kind === 'lab').map((lab) => lab.code);
		const householdsOf = new Map<string, string[]>();
		for (const household of ledgers.households) {
			const codes = householdsOf.get(household.village) ?? [];
			codes.push(household.code);
			householdsOf.set(household.village, codes);
		}
		// The desks the staff ledger fills at the start (pairs of samplers), or every desk without one.
		const samplersAt = new Map<string, number>();
		for (const member of ledgers.staff ?? []) if (member.role === 'sampler' && member.site) samplersAt.set(member.site, (samplersAt.get(member.site) ?? 0) + 1);
		const desksAt = (site: { code: string; desks: number }) => (samplersAt.size === 0 ? site.desks : desksStaffedBy(site.desks, samplersAt.get(site.code) ?? 0));
		this.#sites = ledgers.sites.map((site, index) => ({
			id: site.code,
			desks: desksAt(site),
			model: new SiteQueueModel({ desks: desksAt(site), seed: seed + index * 7919, roundStart }),
			roster: null,
			desk: null,
			// Each site seals at its own minutes past the hour, one site after another across the hour.
			sealer: new BoxSealer({ now: Date.now(), slotMs: ((index + 1) * SEAL_EVERY_MS) / (ledgers.sites.length + 1), seed: seed + index * 104_729 }),
			// The households of the villages the site samples, registered into tubes in turn.
			households: site.villages.flatMap((village) => householdsOf.get(village) ?? []),
			nextHousehold: 0,
			sampled: { day: serviceDay(Date.now()), people: 0 }
		}));
	}

	/**
	 * Starts playing. After a restart the devices go on from what the server has, as real ones
	 * would (a queue does not empty because the server restarted): each tablet from its site's
	 * last queue, each courier phone with the boxes it had on board. Resolves once they have.
	 */
	start(): Promise<void> {
		this.#stopped = false;
		return this.#resume().then(() => {
			if (this.#stopped) return;
			this.#timer = setInterval(() => void this.#tick(), POSITION_EVERY_MS);
			void this.#tick();
		});
	}

	/** What the server has of each simulated device's world; a device it cannot ask starts afresh. */
	async #resume(): Promise<void> {
		const views = await Promise.all(this.#sites.map((site) => this.#askAs<{ site: { queueLength: number; coverage?: { sampled: number } } }>('/api/field/site', `tablet-${site.id}`).then((view) => view?.site)));
		const queues = views.map((view) => view?.queueLength);
		// A new database knows no queue (every site reads 0): then the round starts with the queues drawn at its call.
		if (queues.some((queueLength) => typeof queueLength === 'number' && queueLength > 0)) {
			this.#sites.forEach((site, index) => typeof queues[index] === 'number' && site.model.continueFrom(queues[index]));
		}
		// A tablet's count of the day goes on from what the server has (it survives a restart, as on a real tablet).
		this.#sites.forEach((site, index) => {
			const sampled = views[index]?.coverage?.sampled;
			if (typeof sampled === 'number' && sampled > site.sampled.people) site.sampled.people = sampled;
		});
		await this.#takeRosters(queues.some((queueLength) => typeof queueLength === 'number' && queueLength > 0) ? queues : []);
		await Promise.all([
			...this.#couriers.map(async (courier) => {
				const view = await this.#askAs<{ carried: { id: string; siteId: string; tubes: number }[] }>('/api/field/courier', `phone-${courier.id}`);
				for (const box of view?.carried ?? []) {
					if (courier.carried.some((each) => each.boxId === box.id)) continue;
					courier.carried.push({ at: Date.now(), tubes: box.tubes, counted: box.tubes, boxId: box.id, siteId: box.siteId, picked: true, positiveTube: null, resulted: true });
				}
			})
		]);
	}

	/** Each site with a roster takes its arrivals from it, going on from the server's count and queue after a restart. */
	async #takeRosters(queues: readonly (number | undefined)[]): Promise<void> {
		const given = await (this.#options.roster ?? Promise.resolve(null)).catch(() => null);
		const ledgers = this.#options.scenario.ledgers();
		const rosters = given && given.some((roster) => roster.households.length > 0) ? given : rosterFromLedger(ledgers.sites, ledgers.households);
		const now = Date.now();
		this.#sites.forEach((site, index) => {
			const roster = rosters.find((each) => each.siteId === site.id);
			if (!roster || roster.households.length === 0) return;
			site.roster = new RosterQueue({ roster, roundStart: this.#roundStart, seed: this.#seed + index * 7919, desks: site.desks });
			site.roster.continueFrom(now, site.sampled.people, queues[index] ?? null);
			site.desk = new RosterDesk({ siteId: site.id, now, random: mulberry32(this.#seed + index * 31), nextBoxId: () => `box-${this.#nextId(site.id)}` });
		});
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	async #tick(): Promise<void> {
		const now = Date.now();
		const at = new Date(now).toISOString();
		for (const courier of this.#couriers) {
			const fix = courier.errand ? courier.errand.fixAt(now) : courier.driver.fixAt(now);
			this.#queue({ type: 'courier.position', id: this.#nextId(courier.id), deviceId: `phone-${courier.id}`, at, vehicleId: courier.id, crs: 'wgs84', lat: round6(fix.lat), lon: round6(fix.lon), heading: Math.round(fix.heading), speedKmh: Math.round(fix.speedKmh) });
		}
		for (const transfer of this.#transfers) {
			const fix = transfer.driver.fixAt(now);
			this.#queue({ type: 'courier.position', id: this.#nextId(transfer.id), deviceId: `phone-${transfer.id}`, at, vehicleId: transfer.id, crs: 'wgs84', lat: round6(fix.lat), lon: round6(fix.lon), heading: Math.round(fix.heading), speedKmh: Math.round(fix.speedKmh) });
		}
		if (now - this.#lastTransferPollAt >= TRANSFER_POLL_MS) {
			this.#lastTransferPollAt = now;
			void this.#pollTransfers(now);
			void this.#pollCouriers(now);
			// The dispatcher looks at its board as often as the vehicles at their tasks.
			void this.#dispatcher.tick(now);
		}
		if (now - this.#lastStaffPollAt >= STAFF_POLL_MS && this.#sites.length > 0) {
			this.#lastStaffPollAt = now;
			void this.#pollStaff(this.#sites[this.#nextStaffPoll++ % this.#sites.length]);
		}
		if (now - this.#lastOfficerAt >= OFFICER_EVERY_MS) {
			this.#lastOfficerAt = now;
			void this.#officers.tick(now);
		}
		if (now - this.#lastQueueAt >= QUEUE_EVERY_MS) {
			const dt = this.#lastQueueAt === 0 ? QUEUE_EVERY_MS : now - this.#lastQueueAt;
			this.#lastQueueAt = now;
			for (const site of this.#sites) {
				const step = site.roster ? site.roster.step(now, dt) : { ...site.model.step(now, dt), sampled: [] };
				site.desk?.sample(step.sampled);
				for (const batch of site.desk?.due(now) ?? []) this.#queue({ type: 'site.sampled', id: this.#nextId(site.id), deviceId: `tablet-${site.id}`, at, siteId: site.id, via: 'site', samples: batch.samples });
				const today = serviceDay(now);
				if (site.sampled.day !== today) site.sampled = { day: today, people: 0 };
				// The tablet scans each person it samples: its running count of the day goes with every queue report.
				site.sampled.people += step.served;
				this.#queue({ type: 'site.queue', id: this.#nextId(site.id), deviceId: `tablet-${site.id}`, at, siteId: site.id, queueLength: step.queueLength, sampledToday: site.sampled.people });
				const sealed = site.sealer.add(now, step.served);
				if (!sealed) continue;
				const id = this.#nextId(site.id);
				// A roster desk's box is the one its tubes were named after, its pools the households in them.
				const box = site.desk?.seal() ?? { boxId: `box-${id}`, pools: this.#registerPools(site, `box-${id}`, sealed.tubes) };
				const pools = box.pools.slice(0, sealed.tubes);
				this.#queue({ type: 'site.box_sealed', id, deviceId: `tablet-${site.id}`, at, siteId: site.id, boxId: box.boxId, tubes: sealed.tubes, people: sealed.people, pooling: '10:1', ...(pools.length > 0 ? { pools } : {}) });
				this.#sealed.push({ at: now, tubes: sealed.tubes, boxId: box.boxId, siteId: site.id, picked: false, positiveTube: ++this.#boxesSealed % POSITIVE_EVERY_BOXES === 0 ? (pools[0]?.tube ?? null) : null, resulted: false });
			}
		}
		for (const courier of this.#couriers) this.#custody(courier, now, at);
		if (now - this.#lastLabAt >= LAB_EVERY_MS && this.#labs.length > 0) {
			this.#lastLabAt = now;
			this.#reportLabs(now, at);
		}
		await this.#outbox.flush();
	}

	/**
	 * When a courier comes to a stop: at a site it takes the boxes sealed there (counting the
	 * tubes; now and then one is missing, as happens), at a lab it hands over what it carries.
	 */
	#custody(courier: SimulatedCourier, now: number, at: string): void {
		if (courier.errand) {
			for (const code of courier.errand.reached(now)) this.#atStop(courier, code, now, at);
			return;
		}
		const stop = courier.driver.stopAt(now);
		if (stop === courier.lastStop) return;
		courier.lastStop = stop;
		if (stop !== null) this.#atStop(courier, courier.stops[stop], now, at);
	}

	#atStop(courier: SimulatedCourier, code: string, now: number, at: string): void {
		if (this.#allLabs.has(code)) {
			for (const box of courier.carried) {
				this.#queue({ type: 'box.received', id: this.#nextId(`${code}-r`), deviceId: `lims-${code}`, at, boxId: box.boxId, labId: code, tubesCounted: box.counted ?? box.tubes });
			}
			courier.carried = [];
			return;
		}
		// The boxes this simulation sealed there, and any other the dispatcher's run lists there (sealed before a restart).
		const listed = (courier.runBoxes.get(code) ?? []).filter((listedBox) => !this.#sealed.some((box) => box.boxId === listedBox.id));
		const waiting: SealedBox[] = [...this.#sealed.filter((box) => box.siteId === code && !box.picked), ...listed.map((box) => ({ at: now, tubes: box.tubes, boxId: box.id, siteId: code, picked: false, positiveTube: null, resulted: true }))];
		courier.runBoxes.delete(code);
		for (const box of waiting) {
			box.picked = true;
			box.counted = ++this.#pickups % 40 === 0 ? box.tubes - 1 : box.tubes;
			courier.carried.push(box);
			this.#queue({ type: 'box.picked_up', id: this.#nextId(`${courier.id}-p`), deviceId: `phone-${courier.id}`, at, boxId: box.boxId, siteId: code, vehicleId: courier.id, tubesCounted: box.counted });
		}
	}

	/**
	 * Each courier's phone asks for its run, as /field/courier does. A courier given a run drives
	 * it (its sites in order, then the lab) instead of its fixed loop, and afterwards waits at the
	 * lab for the next one: once the dispatcher runs the couriers, they follow the dispatcher.
	 */
	async #pollCouriers(now: number): Promise<void> {
		await Promise.all(
			this.#couriers.map(async (courier) => {
				const view = await this.#askAsPhone<{ run: { id: number; stops: { siteId: string; boxes: { id: string; tubes: number }[] }[]; lab: { id: string } } | null }>('/api/field/courier', courier.id);
				const run = view?.run;
				if (!run) return;
				courier.runBoxes = new Map(run.stops.map((stop) => [stop.siteId, stop.boxes]));
				if (run.id === courier.runId) return;
				const stops = [...run.stops.map((stop) => stop.siteId), run.lab.id].filter((code) => this.#places.has(code));
				const start = courier.errand ? courier.errand.fixAt(now) : courier.driver.fixAt(now);
				courier.errand ??= new ErrandDriver({ start, speedKmh: 40, dwellMs: 20_000 });
				courier.errand.go(stops.map((code) => ({ code, location: this.#places.get(code)! })), now);
				courier.runId = run.id;
			})
		);
	}

	/**
	 * A tablet reads who is on duty at its site, as its page does: samplers moved in serve the
	 * queue once they have arrived (confirmed or past their ETA), and those moved out no longer do.
	 */
	async #pollStaff(site: SimulatedSite): Promise<void> {
		const view = await this.#askAs<{ site: { desks: number; samplers: unknown[] } }>('/api/field/site', `tablet-${site.id}`);
		if (!view?.site) return;
		site.model.setStaffedDesks(desksStaffedBy(view.site.desks, view.site.samplers.length));
		site.roster?.setStaffedDesks(desksStaffedBy(view.site.desks, view.site.samplers.length));
	}

	/** A vehicle phone's GET of its own page data; null when offline or refused (the next poll catches up). */
	#askAsPhone<T>(path: string, vehicleId: string): Promise<T | null> {
		return this.#askAs<T>(path, `phone-${vehicleId}`);
	}

	/** A device's GET of its own page data; null when offline or refused. */
	async #askAs<T>(path: string, deviceId: string): Promise<T | null> {
		try {
			const response = await fetch(`${new URL(this.#options.ingestUrl).origin}${path}`, { headers: { authorization: `Bearer ${this.#options.devices.get(deviceId) ?? ''}` }, signal: AbortSignal.timeout(5000) });
			return response.ok ? ((await response.json()) as T) : null;
		} catch {
			return null;
		}
	}

	/** The registration desk puts the people of about two households into each tube, in turn through the villages. */
	#registerPools(site: { households: string[]; nextHousehold: number }, boxId: string, tubes: number): { tube: string; householdIds: string[] }[] {
		if (site.households.length === 0) return [];
		return Array.from({ length: tubes }, (_, index) => ({
			tube: `${boxId}-T${String(index + 1).padStart(2, '0')}`,
			householdIds: Array.from({ length: HOUSEHOLDS_PER_TUBE }, () => site.households[site.nextHousehold++ % site.households.length])
		}));
	}

	/** The boxes are shared out among the labs by turn; each lab reports what it has received and tested. */
	#reportLabs(now: number, at: string): void {
		this.#labs.forEach((labId, labIndex) => {
			let receivedTubes = 0;
			let testedTubes = 0;
			const today = serviceDay(now);
			this.#sealed.forEach((box, boxIndex) => {
				if (boxIndex % this.#labs.length !== labIndex || serviceDay(box.at) !== today) return;
				if (now - box.at >= LAB_RECEIVED_AFTER_MS) receivedTubes += box.tubes;
				if (now - box.at >= LAB_RECEIVED_AFTER_MS + LAB_TESTED_AFTER_MS) testedTubes += box.tubes;
			});
			this.#queue({ type: 'lab.counts', id: this.#nextId(labId), deviceId: `lims-${labId}`, at, labId, receivedTubes, testedTubes });
			// Results of a tested box: the rare positive pool is reported (negatives are implied by the count).
			this.#sealed.forEach((box, boxIndex) => {
				if (boxIndex % this.#labs.length !== labIndex || box.resulted || now - box.at < LAB_RECEIVED_AFTER_MS + LAB_TESTED_AFTER_MS) return;
				box.resulted = true;
				if (box.positiveTube) this.#queue({ type: 'lab.pool_result', id: this.#nextId(`${labId}-result`), deviceId: `lims-${labId}`, at, labId, boxId: box.boxId, tube: box.positiveTube, result: 'positive' });
			});
		});
	}

	/** Each transfer vehicle's phone asks for its open task, as the driver's app would. */
	async #pollTransfers(now: number): Promise<void> {
		await Promise.all(
			this.#transfers.map(async (transfer) => {
				const view = await this.#askAsPhone<{ task: TransferOrder | null }>('/api/field/transfer', transfer.id);
				if (view) transfer.driver.assign(view.task, now);
			})
		);
	}

	#queue(event: DeviceEvent): void {
		this.#outbox.queue(event);
	}

	#nextId(entity: string): string {
		return `sim-${this.#runId}-${entity}-${++this.#counter}`;
	}
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
