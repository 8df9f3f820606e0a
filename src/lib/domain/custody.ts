/**
 * Sample boxes against their 4-hour limit (domain.md): when a courier's run will reach the lab,
 * whether a box will make it, and which courier should collect which sites in which order and
 * hand the load to which lab. Pure; time is passed in (epoch ms).
 */
import { distanceMetres, type LatLon } from './coordinates';
import { sampleDeadline } from './sample-deadline';
// The run and plan types are the wire contract's (protocol imports only zod): one definition.
import type { BoxRisk, PickupPlan, PickupRun } from '../protocol/dispatch';

export const CUSTODY_RULES = {
	/** Average courier speed on county roads, and the straight-line-to-road factor. */
	speedKmh: 35,
	roadFactor: 1.3,
	/** Minutes at each stop: handing over, counting tubes, signing. */
	minutesPerStop: 5,
	/** A box is flagged this long before its limit, even if it looks on time. */
	warnBeforeMinutes: 60
} as const;

export type CustodyRules = { [K in keyof typeof CUSTODY_RULES]: number };

/** Minutes to drive from one place to another at the rules' speed. */
export function driveMinutes(from: LatLon, to: LatLon, rules: CustodyRules = CUSTODY_RULES): number {
	return ((distanceMetres(from, to) / 1000) * rules.roadFactor * 60) / rules.speedKmh;
}

/** When a courier at `from` reaches each of the stops, in order (epoch ms), stopping at each. */
export function arrivalTimes(from: LatLon, stops: LatLon[], now: number, rules: CustodyRules = CUSTODY_RULES): number[] {
	const times: number[] = [];
	let at = now;
	let here = from;
	for (const [index, stop] of stops.entries()) {
		at += driveMinutes(here, stop, rules) * 60_000 + (index > 0 ? rules.minutesPerStop * 60_000 : 0);
		times.push(at);
		here = stop;
	}
	return times;
}

export type { BoxRisk } from '../protocol/dispatch';

/**
 * A box's state: late once its limit has passed; predicted late when the courier's arrival at the
 * lab is after it (raised as soon as it is predicted, which is long before the limit); near the
 * deadline inside the last warnBeforeMinutes while not received.
 */
export function boxRisk({ sealedAt, labEta, now, rules = CUSTODY_RULES }: { sealedAt: number; labEta: number | null; now: number; rules?: CustodyRules }): BoxRisk {
	const deadline = sampleDeadline(sealedAt);
	if (now > deadline) return 'late';
	if (labEta !== null && labEta > deadline) return 'predicted_late';
	if (deadline - now <= rules.warnBeforeMinutes * 60_000) return 'near_deadline';
	return 'ok';
}

export interface WaitingBoxes {
	siteId: string;
	location: LatLon;
	/** Seal time of the oldest box waiting there: it sets the site's deadline. */
	oldestSealedAt: number;
	tubes: number;
}

export interface CourierState {
	id: string;
	location: LatLon;
	/** Free from this moment (back from its current run), epoch ms. */
	freeAt: number;
}

export interface LabState {
	id: string;
	location: LatLon;
	/** Tubes it can still take today without overload: capacity minus backlog and what is on the way. */
	spareTubes: number;
}

export type { PickupPlan, PickupRun } from '../protocol/dispatch';

/**
 * Plans pickups greedily, most urgent site first: each site joins the run (of any courier, at
 * the end of its sites) that still reaches a lab with spare capacity before every deadline on the
 * run or starts a new run for a courier still free, whichever reaches a lab earliest (so free
 * couriers share the work rather than one courier taking every site). Each run goes to the lab
 * with room for its tubes that it reaches first.
 */
export function planPickups({ sites, couriers, labs, now, maxSitesPerRun = 10, rules = CUSTODY_RULES }: { sites: WaitingBoxes[]; couriers: CourierState[]; labs: LabState[]; now: number; maxSitesPerRun?: number; rules?: CustodyRules }): PickupPlan {
	const spare = new Map(labs.map((lab) => [lab.id, lab.spareTubes]));
	const runs: (PickupRun & { start: LatLon; startAt: number; stops: WaitingBoxes[] })[] = [];
	const unplanned: PickupPlan['unplanned'] = [];
	const byUrgency = [...sites].sort((a, b) => a.oldestSealedAt - b.oldestSealedAt || a.siteId.localeCompare(b.siteId));

	/** The run through these stops from a start, ending at the best lab, or null if none works. */
	/** `current`: the run being extended, whose tubes its lab already counts as taken. */
	const evaluate = (courierId: string, start: LatLon, startAt: number, stops: WaitingBoxes[], current: { labId: string; tubes: number } | null = null, late = false) => {
		const tubes = stops.reduce((total, stop) => total + stop.tubes, 0);
		const deadline = Math.min(...stops.map((stop) => sampleDeadline(stop.oldestSealedAt)));
		let best: PickupRun | null = null;
		let capacityShort = true;
		for (const lab of labs) {
			const available = (spare.get(lab.id) ?? 0) + (current?.labId === lab.id ? current.tubes : 0);
			if (available < tubes) continue;
			capacityShort = false;
			const arrivals = arrivalTimes(start, [...stops.map((stop) => stop.location), lab.location], Math.max(now, startAt), rules);
			const atLab = arrivals[arrivals.length - 1];
			if (atLab > deadline && !late) continue;
			if (!best || atLab < best.arrivals[best.arrivals.length - 1]) best = { courierId, siteIds: stops.map((stop) => stop.siteId), labId: lab.id, arrivals, tubes, deadline, late };
		}
		return { run: best, capacityShort };
	};

	for (const site of byUrgency) {
		let chosen: { index: number | null; run: PickupRun; start: LatLon; startAt: number; stops: WaitingBoxes[] } | null = null;
		let capacityShort = false;
		for (const [index, run] of runs.entries()) {
			if (run.stops.length >= maxSitesPerRun) continue;
			const stops = [...run.stops, site];
			const tried = evaluate(run.courierId, run.start, run.startAt, stops, { labId: run.labId, tubes: run.tubes });
			capacityShort ||= tried.capacityShort;
			if (tried.run && (!chosen || tried.run.arrivals.at(-1)! < chosen.run.arrivals.at(-1)!)) chosen = { index, run: tried.run, start: run.start, startAt: run.startAt, stops };
		}
		{
			// A free courier's own run competes with joining a run: whichever reaches a lab first.
			for (const courier of couriers) {
				if (runs.some((run) => run.courierId === courier.id)) continue;
				const tried = evaluate(courier.id, courier.location, courier.freeAt, [site]);
				capacityShort ||= tried.capacityShort;
				if (tried.run && (!chosen || tried.run.arrivals.at(-1)! < chosen.run.arrivals.at(-1)!)) chosen = { index: null, run: tried.run, start: courier.location, startAt: courier.freeAt, stops: [site] };
			}
		}
		if (!chosen) {
			unplanned.push({ siteId: site.siteId, reason: capacityShort && !labs.some((lab) => (spare.get(lab.id) ?? 0) >= site.tubes) ? 'no_lab_capacity' : 'no_courier_in_time' });
			continue;
		}
		const entry = { ...chosen.run, start: chosen.start, startAt: chosen.startAt, stops: chosen.stops };
		if (chosen.index === null) runs.push(entry);
		else {
			const previous = runs[chosen.index];
			spare.set(previous.labId, (spare.get(previous.labId) ?? 0) + previous.tubes);
			runs[chosen.index] = entry;
		}
		spare.set(entry.labId, (spare.get(entry.labId) ?? 0) - entry.tubes);
	}
	// What cannot be in time is still collected, most urgent first: on a run passing by if that
	// run's own boxes stay on time, else on a rescue run of a courier left over. The sites stay
	// listed as unplanned (the dispatcher must know), but no box is abandoned while a courier can go.
	for (const missing of unplanned.filter((each) => each.reason === 'no_courier_in_time')) {
		const site = byUrgency.find((each) => each.siteId === missing.siteId)!;
		let chosen: { index: number | null; run: PickupRun; start: LatLon; startAt: number; stops: WaitingBoxes[] } | null = null;
		for (const [index, run] of runs.entries()) {
			if (run.stops.length >= maxSitesPerRun) continue;
			const tried = evaluate(run.courierId, run.start, run.startAt, [...run.stops, site], { labId: run.labId, tubes: run.tubes }, true).run;
			// A run that is on time takes a late site only if its own boxes stay on time.
			const keepsItsBoxes = run.late || (tried !== null && tried.arrivals.at(-1)! <= run.deadline);
			if (tried && keepsItsBoxes && (!chosen || tried.arrivals.at(-1)! < chosen.run.arrivals.at(-1)!)) chosen = { index, run: { ...tried, late: run.late, deadline: run.late ? tried.deadline : run.deadline }, start: run.start, startAt: run.startAt, stops: [...run.stops, site] };
		}
		for (const courier of couriers) {
			if (runs.some((run) => run.courierId === courier.id)) continue;
			const tried = evaluate(courier.id, courier.location, courier.freeAt, [site], null, true).run;
			if (tried && (!chosen || tried.arrivals.at(-1)! < chosen.run.arrivals.at(-1)!)) chosen = { index: null, run: tried, start: courier.location, startAt: courier.freeAt, stops: [site] };
		}
		if (!chosen) continue;
		const entry = { ...chosen.run, start: chosen.start, startAt: chosen.startAt, stops: chosen.stops };
		if (chosen.index === null) runs.push(entry);
		else {
			spare.set(runs[chosen.index].labId, (spare.get(runs[chosen.index].labId) ?? 0) + runs[chosen.index].tubes);
			runs[chosen.index] = entry;
		}
		spare.set(entry.labId, (spare.get(entry.labId) ?? 0) - entry.tubes);
	}
	return { runs: runs.map(({ start: _start, startAt: _startAt, stops: _stops, ...run }) => run), unplanned };
}
