/**
 * The projector's live state: the latest of every site and vehicle and the counters of the day.
 * Pure (no I/O; time is passed in) and idempotent: applying an event twice, or an older reading
 * after a newer one, changes nothing, so replays after a crash are harmless.
 */
import type { Delta, KpiEntity, LayerName, SiteEntity, Snapshot, VehicleEntity } from '../../src/lib/protocol/index';
import { serviceDay } from '../../src/lib/domain/service-day';
import type { LoggedEvent, NormalizedEvent } from './normalized-event';
import { isCommandEvent, type CommandEvent } from '../../src/lib/protocol/command-events';
import type { Remembered } from '../../src/lib/domain/pickup-privacy';
import { PickupShield } from './pickup-shield';
import { desksStaffedBy } from '../../src/lib/domain/staff-transit';
import { FeverWatch, type RestoredFever } from './fever-watch';
import { QuarantineWatch } from './quarantine-watch';
import { DispatchLive, type RestoredRun } from './dispatch-live';
import type { TransferEntity } from '../../src/lib/protocol/index';
import { concernsDesk, DeskSignal } from './desk-signal';
import { ScannedToday } from './scanned-today';

export type SiteRecord = Omit<SiteEntity, 'queueLength' | 'queueAt' | 'tubesToday' | 'peopleToday' | 'boxesToday'>;

export interface VehicleRecord {
	id: string;
	name: string;
	kind: VehicleEntity['kind'];
}

export interface BoxRecord {
	id: string;
	siteId: string;
	sealedAt: string;
	tubes: number;
	people: number;
}

/**
 * Where a sampler is: at siteId, or on the way there until arrivesAt (epoch ms). moveId and step
 * (0 started, 1 arrived, 2 undone) order the staff events about them: one older than what is
 * known changes nothing, so a replayed or late event never moves a sampler back.
 */
export interface SamplerPlacement {
	id: string;
	siteId: string;
	arrivesAt: number | null;
	moveId: number;
	step: number;
}

export type ApplyOutcome = 'applied' | 'stale' | 'duplicate' | 'unknown-entity';

/** A courier whose last fix is younger than this counts as "on the road". */
const ON_ROAD_WINDOW_MS = 2 * 60 * 1000;
const ON_ROAD_RECOUNT_MS = 1000;
const KPI_ID = 'county';

export class LiveState {
	#sites = new Map<string, SiteEntity>();
	#vehicles = new Map<string, VehicleEntity>();
	/** The last count of couriers on the road, and when it was made. */
	#onRoad: { at: number; count: number } | null = null;
	/** Boxes of the current service day, by box id. */
	#boxes = new Map<string, BoxRecord>();
	/**
	 * People sampled today per site, as its tablet counts them (each person scanned) and as its
	 * sealed boxes add up. Boxes are sealed about hourly, so the tablet's count is the live one;
	 * a site's people today is the larger of the two, so a box never counts its people twice.
	 */
	#tabletSampled = new Map<string, number>();
	#boxedPeople = new Map<string, number>();
	/** Members scanned at the desks today (site.sampled): each counts once, at the first site. */
	#scanned = new ScannedToday();
	#day: string;
	#dataTime: number | null = null;
	#storageDegraded = false;
	#backlog = 0;
	#kpi: KpiEntity;
	#dirtySites = new Set<string>();
	/** Device time of each site's last status report: an older one never overrides it. */
	#statusAt = new Map<string, number>();
	#dirtyVehicles = new Set<string>();
	/** Vehicles near a transfer's pickup leave this state only at village level. */
	#shield = new PickupShield();
	/** The fevers that stand, per case (the KPI's fevers per village; fever-watch.ts). */
	#fevers = new FeverWatch();
	/** Returnees, cases and positive tests per village, and cases per hotel (quarantine-watch.ts). */
	#quarantine = new QuarantineWatch();
	/** Runs in progress and transfer tasks, for the dispatcher's board. */
	#dispatch = new DispatchLive();
	/** Quarantine events applied, for the desk page to re-read on (desk-signal.ts). */
	#desk = new DeskSignal();
	/** Events applied that change the wall's overview counts (KpiEntity.overviewChanges). */
	#overviewChanges = 0;
	#seq: Record<LayerName, number> = { sites: 0, vehicles: 0, kpis: 0, runs: 0, transfers: 0, desk: 0 };

	/** Samplers by staff id (empty for a county without a staff ledger: its desks stay as the registry says). */
	#samplers = new Map<string, SamplerPlacement>();

	constructor(registry: { sites: SiteRecord[]; vehicles: VehicleRecord[]; samplers?: SamplerPlacement[] }, now: number) {
		this.#day = serviceDay(now);
		for (const sampler of registry.samplers ?? []) this.#samplers.set(sampler.id, sampler);
		for (const site of registry.sites) {
			this.#sites.set(site.id, { ...site, queueLength: 0, queueAt: null, tubesToday: 0, peopleToday: 0, boxesToday: 0 });
		}
		for (const vehicle of registry.vehicles) {
			this.#vehicles.set(vehicle.id, { ...vehicle, lat: null, lon: null, heading: null, speedKmh: null, fixAt: null });
		}
		for (const siteId of this.#sitesWithIncoming()) this.#restaff(siteId);
		this.#kpi = this.#computeKpi(now);
	}

	apply(event: LoggedEvent): ApplyOutcome {
		const outcome = isCommandEvent(event) ? this.#applyCommand(event) : this.#applyOne(event);
		if (outcome === 'applied') {
			const at = Date.parse(event.at);
			if (this.#dataTime === null || at > this.#dataTime) this.#dataTime = at;
		}
		return outcome;
	}

	#applyOne(event: NormalizedEvent): ApplyOutcome {
		switch (event.type) {
			case 'courier.position': {
				const vehicle = this.#vehicles.get(event.vehicleId);
				if (!vehicle) return 'unknown-entity';
				// Late fixes count for the pickup rule too (one may show the vehicle had reached the door).
				if (this.#shield.observe(vehicle.id, { lat: event.lat, lon: event.lon, at: Date.parse(event.at) })) this.#dirtyVehicles.add(vehicle.id);
				if (vehicle.fixAt !== null) {
					const difference = Date.parse(event.at) - Date.parse(vehicle.fixAt);
					if (difference === 0) return 'duplicate';
					// A late fix is history, not the present: it never moves the marker backwards.
					if (difference < 0) return 'stale';
				}
				// A courier coming onto the road counts at once; one leaving it may wait for the next recount.
				if (vehicle.kind === 'courier' && (vehicle.fixAt === null || Date.parse(event.at) - Date.parse(vehicle.fixAt) >= ON_ROAD_WINDOW_MS)) this.#onRoad = null;
				this.#vehicles.set(vehicle.id, {
					...vehicle,
					lat: event.lat,
					lon: event.lon,
					heading: event.heading ?? vehicle.heading,
					speedKmh: event.speedKmh ?? null,
					fixAt: event.at
				});
				this.#dirtyVehicles.add(vehicle.id);
				return 'applied';
			}
			case 'site.queue': {
				const site = this.#sites.get(event.siteId);
				if (!site) return 'unknown-entity';
				if (site.queueAt !== null) {
					const difference = Date.parse(event.at) - Date.parse(site.queueAt);
					if (difference === 0 && site.queueLength === event.queueLength) return 'duplicate';
					if (difference < 0) return 'stale';
				}
				this.#sites.set(site.id, { ...site, queueLength: event.queueLength, queueAt: event.at });
				if (event.sampledToday !== undefined) this.#countSampled(site.id, Date.parse(event.at), event.sampledToday);
				this.#dirtySites.add(site.id);
				return 'applied';
			}
			case 'site.box_sealed': {
				if (!this.#sites.has(event.siteId)) return 'unknown-entity';
				return this.addBox({ id: event.boxId, siteId: event.siteId, sealedAt: event.at, tubes: event.tubes, people: event.people });
			}
			case 'site.status': {
				const site = this.#sites.get(event.siteId);
				if (!site) return 'unknown-entity';
				const known = this.#statusAt.get(site.id);
				if (known !== undefined && Date.parse(event.at) <= known) return known === Date.parse(event.at) ? 'duplicate' : 'stale';
				this.#statusAt.set(site.id, Date.parse(event.at));
				this.#sites.set(site.id, { ...site, status: event.status });
				this.#dirtySites.add(site.id);
				return 'applied';
			}
			case 'box.picked_up':
				// Custody itself lives in the database; a run in progress learns which boxes are on it.
				this.#dispatch.pickedUp(event.boxId, event.vehicleId, event.at);
				return 'applied';
			case 'box.received':
				this.#dispatch.received(event.boxId);
				return 'applied';
			case 'site.sampled': {
				if (!this.#sites.has(event.siteId)) return 'unknown-entity';
				// Another day's scans are history (sampled_members keeps them); they move no count of today.
				if (serviceDay(Date.parse(event.at)) !== this.#day) return 'stale';
				const first = !this.#scanned.any();
				const added = this.#scanned.add(event.siteId, (event.members ?? []).map((member) => member.memberCode));
				if (added === 0) return 'duplicate';
				this.#recountScanned(first, event.siteId);
				return 'applied';
			}
			case 'lab.counts':
			case 'lab.pool_result':
				// Lab totals, results and custody live in the database and reach the wall and the dispatcher from there.
				return 'applied';
		}
	}

	/** A person's command (server/modules/command-events.ts), applied like a device's event. */
	#applyCommand(event: CommandEvent): ApplyOutcome {
		const outcome = this.#applyCommandTo(event);
		if (outcome === 'applied' && concernsDesk(event.type)) this.#desk.touch(event.at);
		// The same events move the wall's overview counts (cases, beds, zones): its KPI says so within the tick.
		if (outcome === 'applied' && (concernsDesk(event.type) || event.type.startsWith('alert.') || event.type.startsWith('playbook.') || event.type === 'round.deadline_set')) this.#overviewChanges += 1;
		return outcome;
	}

	#applyCommandTo(event: CommandEvent): ApplyOutcome {
		switch (event.type) {
			case 'staff.move_started':
				return this.#place(event.staffIds, { siteId: event.toSiteId, arrivesAt: Date.parse(event.arrivesAt), moveId: event.moveId, step: 0 });
			case 'staff.arrived':
				return this.#place(event.staffIds, { siteId: event.toSiteId, arrivesAt: null, moveId: event.moveId, step: 1 });
			case 'staff.move_undone':
				return this.#place(event.staffIds, { siteId: event.fromSiteId, arrivesAt: null, moveId: event.moveId, step: 2 });
			case 'run.accepted':
			case 'run.edited':
			case 'run.cancelled':
				return this.#dispatch.applyRun(event);
			case 'case.follow_up':
				return this.#fevers.apply(event);
			case 'case.transfer_proposed':
			case 'supply.delivered':
			case 'zone.added':
			case 'zone.redrawn':
			case 'zone.lifted':
			case 'timetable.slot_set':
			case 'timetable.slot_removed':
				// Proposals, deliveries and zones live in the database (written with the event) and reach
				// the dispatcher, the desk and the wall's overview from there.
				return 'applied';
			case 'report.locked':
			case 'report.amended':
				// The daily report lives in the database (daily_reports, report_amendments); no live layer shows it.
				return 'applied';
			case 'alert.raised':
			case 'alert.escalated':
			case 'alert.acknowledged':
			case 'alert.closed':
				// Records live in alert_records; the KPI's overviewChanges moves so walls and pages re-read them.
				return 'applied';
			case 'round.deadline_set':
				// The deadline is kept (kept_screen_state); overviewChanges moves so walls re-read the forecast against it.
				return 'applied';
			case 'door_visit.sampled': {
				// Members sampled at home count in the county's 今日采样 as in the coverage (at no site).
				if (event.day === this.#day) {
					const first = !this.#scanned.any();
					if (this.#scanned.addAtHome(event.memberCodes) > 0) this.#recountScanned(first, null);
				}
				return 'applied';
			}
			case 'door_visits.generated':
			case 'playbook.opened':
			case 'playbook.notified':
			case 'playbook.retest_result':
			case 'playbook.transfer_proposed':
			case 'playbook.closed':
				// Door visits and playbooks live in the database (door_visits, positive_playbooks); phones, map and wall read them there.
				return 'applied';
			case 'returnee.registered':
			case 'case.measure_overridden':
			case 'case.opened':
			case 'case.placed':
			case 'case.test_result':
			case 'case.extended':
				return this.#quarantine.apply(event);
			case 'case.released': {
				// A released case has no fever standing any more.
				const counted = this.#quarantine.apply(event);
				const fever = this.#fevers.end(event.caseId, event.villageId, Date.parse(event.at), `released:${event.id}`);
				return counted === 'applied' || fever === 'applied' ? 'applied' : counted;
			}
			case 'case.concern_dismissed':
				// An officer dismissed the fever with a reason: it no longer stands for its village.
				return this.#fevers.end(event.caseId, event.villageId, Date.parse(event.at), `dismissed:${event.id}`);
			case 'case.transferred': {
				const counted = this.#quarantine.apply(event);
				const fever = this.#fevers.applyTransfer(event);
				return counted === 'applied' || fever === 'applied' ? 'applied' : counted;
			}
			case 'transfer.assigned':
			case 'transfer.handed_over':
			case 'transfer.cancelled':
				return this.#dispatch.applyTransfer(event);
		}
	}

	/** Puts samplers where a staff event says, unless a later event about them is already known. */
	#place(staffIds: string[], placement: Omit<SamplerPlacement, 'id'>): ApplyOutcome {
		const touched = new Set<string>();
		for (const id of staffIds) {
			const known = this.#samplers.get(id);
			if (known && (known.moveId > placement.moveId || (known.moveId === placement.moveId && known.step >= placement.step))) continue;
			if (known) touched.add(known.siteId);
			touched.add(placement.siteId);
			this.#samplers.set(id, { id, ...placement });
		}
		for (const siteId of touched) this.#restaff(siteId);
		return touched.size > 0 ? 'applied' : 'duplicate';
	}

	/** A site's staffed desks (samplers there, not on the way) and who is on the way, from the placements. */
	#restaff(siteId: string): void {
		const site = this.#sites.get(siteId);
		if (!site || this.#samplers.size === 0) return;
		let present = 0;
		const incoming = new Map<number, { samplers: number; arrivesAt: string }>();
		for (const sampler of this.#samplers.values()) {
			if (sampler.siteId !== siteId) continue;
			if (sampler.arrivesAt === null) present++;
			else {
				const move = incoming.get(sampler.moveId) ?? { samplers: 0, arrivesAt: new Date(sampler.arrivesAt).toISOString() };
				move.samplers++;
				incoming.set(sampler.moveId, move);
			}
		}
		const next = { ...site, staffedDesks: desksStaffedBy(site.desks, present), incoming: [...incoming.values()].sort((a, b) => a.arrivesAt.localeCompare(b.arrivesAt)) };
		if (next.staffedDesks === site.staffedDesks && JSON.stringify(next.incoming) === JSON.stringify(site.incoming ?? [])) return;
		this.#sites.set(siteId, next);
		this.#dirtySites.add(siteId);
	}

	/** Samplers whose ETA has passed without a confirmation have arrived: they count at their site from now. */
	#landDue(now: number): void {
		const landed = new Set<string>();
		for (const sampler of this.#samplers.values()) {
			if (sampler.arrivesAt === null || sampler.arrivesAt > now) continue;
			this.#samplers.set(sampler.id, { ...sampler, arrivesAt: null, step: 1 });
			landed.add(sampler.siteId);
		}
		for (const siteId of landed) this.#restaff(siteId);
	}

	#sitesWithIncoming(): Set<string> {
		return new Set([...this.#samplers.values()].filter((sampler) => sampler.arrivesAt !== null).map((sampler) => sampler.siteId));
	}

	/** Restores a vehicle's newest fix from storage after a restart (same rules as a live fix). */
	restoreFix(vehicleId: string, fix: { at: string; lat: number; lon: number; heading: number | null; speedKmh: number | null }): ApplyOutcome {
		return this.apply({
			type: 'courier.position', id: `restore:${vehicleId}`, deviceId: 'restore', vehicleId, at: fix.at, lat: fix.lat, lon: fix.lon,
			heading: fix.heading ?? undefined, speedKmh: fix.speedKmh ?? undefined, crs: 'wgs84', raw: { crs: 'wgs84', lat: fix.lat, lon: fix.lon }
		});
	}

	/** Restores a site's newest queue reading from storage after a restart. */
	restoreQueue(siteId: string, queueLength: number, at: string): ApplyOutcome {
		return this.apply({ type: 'site.queue', id: `restore:${siteId}`, deviceId: 'restore', siteId, queueLength, at });
	}

	/** Restores a site tablet's count of the day (as of `at`) from storage after a restart. */
	restoreSampled(siteId: string, sampledToday: number, at: string): void {
		if (this.#sites.has(siteId)) this.#countSampled(siteId, Date.parse(at), sampledToday);
	}

	/** Restores today's scanned members (sampled_members) after a restart; another day's are ignored. */
	restoreScanned(day: string, rows: Iterable<{ siteId: string | null; memberCode: string }>): void {
		if (day !== this.#day) return;
		const first = !this.#scanned.any();
		const bySite = new Map<string, string[]>();
		const atHome: string[] = [];
		for (const row of rows) {
			if (row.siteId === null) atHome.push(row.memberCode);
			else if (this.#sites.has(row.siteId)) bySite.set(row.siteId, [...(bySite.get(row.siteId) ?? []), row.memberCode]);
		}
		for (const [siteId, codes] of bySite) this.#scanned.add(siteId, codes);
		this.#scanned.addAtHome(atHome);
		if (this.#scanned.any()) this.#recountScanned(first, null);
	}

	/**
	 * After a scan: the site scanned recounts; the day's first scan recounts every site, since from
	 * then on the scans are the day's count everywhere (a tablet's own count no longer adds people the
	 * roster coverage does not have), and members sampled at home reach the KPI at its next computation.
	 */
	#recountScanned(first: boolean, siteId: string | null): void {
		if (first) for (const id of this.#sites.keys()) this.#recountPeople(id);
		else if (siteId !== null) this.#recountPeople(siteId);
	}

	/** A tablet's running count of the day: only today's, and it only grows (a late report never lowers it). */
	#countSampled(siteId: string, at: number, sampledToday: number): void {
		if (serviceDay(at) !== this.#day) return;
		const counted = Math.max(this.#tabletSampled.get(siteId) ?? 0, sampledToday);
		this.#tabletSampled.set(siteId, counted);
		this.#recountPeople(siteId);
	}

	/**
	 * A site's people today. One rule, the same as GET /api/coverage: once anyone is scanned against
	 * the roster today, the day's people are the members scanned (each once, at the first site). Only
	 * a county that does not scan counts the larger of the tablet's own count and its boxes' people.
	 */
	#recountPeople(siteId: string): void {
		const site = this.#sites.get(siteId);
		if (!site) return;
		const people = this.#scanned.any() ? this.#scanned.count(siteId) : Math.max(this.#tabletSampled.get(siteId) ?? 0, this.#boxedPeople.get(siteId) ?? 0);
		if (people === site.peopleToday) return;
		this.#sites.set(siteId, { ...site, peopleToday: people });
		this.#dirtySites.add(siteId);
	}

	/** Counts a sealed box into its site's day, once per box id; boxes of other days are history only. */
	addBox(box: BoxRecord): ApplyOutcome {
		const site = this.#sites.get(box.siteId);
		if (!site) return 'unknown-entity';
		if (this.#boxes.has(box.id)) return 'duplicate';
		if (serviceDay(Date.parse(box.sealedAt)) !== this.#day) return 'stale';
		this.#boxes.set(box.id, box);
		this.#boxedPeople.set(site.id, (this.#boxedPeople.get(site.id) ?? 0) + box.people);
		this.#sites.set(site.id, { ...site, tubesToday: site.tubesToday + box.tubes, boxesToday: site.boxesToday + 1 });
		this.#recountPeople(site.id);
		this.#dirtySites.add(site.id);
		return 'applied';
	}

	/**
	 * The changes since the last call, one delta per changed layer with the next sequence number.
	 * Each entity appears once, in its latest state: a tick coalesces every event in it.
	 */
	takeDeltas(now: number): Delta[] {
		this.#rollDay(now);
		this.#landDue(now);
		const deltas: Delta[] = [];
		if (this.#dirtySites.size > 0) {
			deltas.push({ layer: 'sites', seq: ++this.#seq.sites, upserts: [...this.#dirtySites].map((id) => this.#sites.get(id)!), removes: [] });
			this.#dirtySites.clear();
		}
		if (this.#dirtyVehicles.size > 0) {
			deltas.push({ layer: 'vehicles', seq: ++this.#seq.vehicles, upserts: [...this.#dirtyVehicles].map((id) => this.#shield.view(this.#vehicles.get(id)!)), removes: [] });
			this.#dirtyVehicles.clear();
		}
		const runs = this.#dispatch.takeRuns();
		if (runs) deltas.push({ layer: 'runs', seq: ++this.#seq.runs, ...runs });
		const transfers = this.#dispatch.takeTransfers(now);
		if (transfers) deltas.push({ layer: 'transfers', seq: ++this.#seq.transfers, ...transfers });
		const desk = this.#desk.take();
		if (desk) deltas.push({ layer: 'desk', seq: ++this.#seq.desk, upserts: [desk], removes: [] });
		const kpi = this.#computeKpi(now);
		if (!sameKpi(kpi, this.#kpi)) {
			this.#kpi = kpi;
			deltas.push({ layer: 'kpis', seq: ++this.#seq.kpis, upserts: [kpi], removes: [] });
		}
		return deltas;
	}

	/** Takes in a changed registry (an import): new sites and vehicles appear, changed ones update; live readings stay. */
	syncRegistry(registry: { sites: SiteRecord[]; vehicles: VehicleRecord[]; samplers?: SamplerPlacement[] }): void {
		// A vehicle may have become a courier or stopped being one.
		this.#onRoad = null;
		// The staff ledger as stored now (an import may add, drop or reassign samplers); a placement
		// the live state learnt from a later event than the registry read stands.
		if (registry.samplers) {
			const fresh = new Map(registry.samplers.map((sampler) => [sampler.id, sampler]));
			for (const [id, known] of this.#samplers) {
				const stored = fresh.get(id);
				if (stored && (known.moveId > stored.moveId || (known.moveId === stored.moveId && known.step > stored.step))) fresh.set(id, known);
			}
			this.#samplers = fresh;
		}
		for (const site of registry.sites) {
			const current = this.#sites.get(site.id);
			const next = current ? { ...current, ...site } : { ...site, queueLength: 0, queueAt: null, tubesToday: 0, peopleToday: 0, boxesToday: 0 };
			if (!current || JSON.stringify(current) !== JSON.stringify(next)) {
				this.#sites.set(site.id, next);
				this.#dirtySites.add(site.id);
			}
			if (registry.samplers) this.#restaff(site.id);
		}
		for (const vehicle of registry.vehicles) {
			const current = this.#vehicles.get(vehicle.id);
			const next = current ? { ...current, ...vehicle } : { ...vehicle, lat: null, lon: null, heading: null, speedKmh: null, fixAt: null };
			if (!current || JSON.stringify(current) !== JSON.stringify(next)) {
				this.#vehicles.set(vehicle.id, next);
				this.#dirtyVehicles.add(vehicle.id);
			}
		}
	}

	/**
	 * The closed-loop transfers whose pickups are to be shielded now (assigned, or closed and maybe
	 * still near the door), each with what storage has of its vehicle's fixes.
	 */
	watchPickups(watched: readonly Remembered[]): void {
		const current = (vehicleId: string) => {
			const vehicle = this.#vehicles.get(vehicleId);
			return vehicle && vehicle.lat !== null && vehicle.lon !== null && vehicle.fixAt !== null ? { lat: vehicle.lat, lon: vehicle.lon, at: Date.parse(vehicle.fixAt) } : null;
		};
		for (const id of this.#shield.watch(watched, current)) if (this.#vehicles.has(id)) this.#dirtyVehicles.add(id);
	}

	/** The projector's word on the database: while it refuses writes, the KPIs say so. */
	setStorageDegraded(degraded: boolean): void {
		this.#storageDegraded = degraded;
	}

	/** Events waiting in the log or for the database, as the projector last measured. */
	setBacklog(backlog: number): void {
		this.#backlog = backlog;
	}

	/** A projector taking over continues the sequence the store already has, so clients see a gap, never a rewind. */
	continueSequence(layer: LayerName, seq: number): void {
		this.#seq[layer] = Math.max(this.#seq[layer], seq);
	}

	/** The fevers standing as storage has them at start (standing-fevers.ts), so a village with fever shows at once, whatever day it was reported. */
	restoreFevers(fevers: Iterable<RestoredFever>): void {
		this.#fevers.restore(fevers);
	}

	/** The open runs and recent transfer tasks as storage has them at start (before the log's events). */
	restoreDispatch(stored: { runs: readonly RestoredRun[]; transfers: readonly TransferEntity[] }): void {
		this.#dispatch.restore(stored);
	}

	/** The quarantine counts the log has brought (counts only; see quarantine-watch.ts). */
	get quarantine(): QuarantineWatch {
		return this.#quarantine;
	}

	snapshot(layer: LayerName): Snapshot {
		return { layer, seq: this.#seq[layer], entities: this.#entities(layer) } as Snapshot;
	}

	#entities(layer: LayerName): Snapshot['entities'] {
		switch (layer) {
			case 'sites':
				return [...this.#sites.values()];
			case 'vehicles':
				return [...this.#vehicles.values()].map((vehicle) => this.#shield.view(vehicle));
			case 'kpis':
				return [this.#kpi];
			case 'runs':
				return this.#dispatch.runs;
			case 'transfers':
				return this.#dispatch.transfers;
			case 'desk':
				return [this.#desk.entity];
		}
	}

	get dataTime(): string | null {
		return this.#dataTime === null ? null : new Date(this.#dataTime).toISOString();
	}

	#rollDay(now: number): void {
		const today = serviceDay(now);
		if (today === this.#day) return;
		this.#day = today;
		this.#fevers.forgetSettled(now);
		for (const box of this.#boxes.values()) this.#dirtySites.add(box.siteId);
		this.#boxes.clear();
		this.#boxedPeople.clear();
		this.#tabletSampled.clear();
		this.#scanned.clear();
		for (const site of this.#sites.values()) {
			if (site.tubesToday === 0 && site.boxesToday === 0 && site.peopleToday === 0) continue;
			this.#sites.set(site.id, { ...site, tubesToday: 0, peopleToday: 0, boxesToday: 0 });
			this.#dirtySites.add(site.id);
		}
	}

	/**
	 * Couriers with a fix inside the on-road window, counted at most once a second: the count moves
	 * by the minute, and counting parses the time of every vehicle (10,000 in a megacity) each tick.
	 */
	#couriersOnRoad(now: number): number {
		if (this.#onRoad !== null && now >= this.#onRoad.at && now - this.#onRoad.at < ON_ROAD_RECOUNT_MS) return this.#onRoad.count;
		let count = 0;
		for (const vehicle of this.#vehicles.values()) {
			if (vehicle.kind === 'courier' && vehicle.fixAt !== null && now - Date.parse(vehicle.fixAt) < ON_ROAD_WINDOW_MS) count++;
		}
		this.#onRoad = { at: now, count };
		return count;
	}

	#computeKpi(now: number): KpiEntity {
		let peopleQueueing = 0;
		let tubesToday = 0;
		let peopleSampledToday = 0;
		for (const site of this.#sites.values()) {
			peopleQueueing += site.queueLength;
			tubesToday += site.tubesToday;
			peopleSampledToday += site.peopleToday;
		}
		peopleSampledToday += this.#scanned.atHome();
		return { id: KPI_ID, peopleQueueing, tubesToday, peopleSampledToday, couriersOnRoad: this.#couriersOnRoad(now), dataTime: this.dataTime, storageDegraded: this.#storageDegraded, backlog: this.#backlog, fevers: this.#fevers.villages(), overviewChanges: this.#overviewChanges };
	}
}

function sameKpi(a: KpiEntity, b: KpiEntity): boolean {
	return (
		a.peopleQueueing === b.peopleQueueing &&
		a.tubesToday === b.tubesToday &&
		a.peopleSampledToday === b.peopleSampledToday &&
		a.couriersOnRoad === b.couriersOnRoad &&
		a.dataTime === b.dataTime &&
		a.storageDegraded === b.storageDegraded &&
		a.backlog === b.backlog &&
		JSON.stringify(a.fevers ?? []) === JSON.stringify(b.fevers ?? []) &&
		a.overviewChanges === b.overviewChanges
	);
}
