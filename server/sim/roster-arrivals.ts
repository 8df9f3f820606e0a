/**
 * Who comes to a site, from its villages' roster (花名册, issue 15): each household comes at a time
 * drawn once from the seed and the round's start, its members together, and the desks sample
 * them first come first served. So the site's queue, its day count (sampledToday) and the
 * `site.sampled` batches are the same people, and a site finishes when its roster is done.
 *
 * The day (per round, laid out from its start so a demo started at night is not idle):
 * - 2 % of households never come (away, refusing): the gap list is never empty by evening;
 *   members who cannot come (roster cannot_come: aged, bedridden, 敬老院) never do either, they
 *   are visited at home (door-to-door, not this model).
 * - 90 % come over their village's main window: its slot in the timetable (各村时间安排表) when it
 *   has one, else from the round's start over about the time the site's staffed desks take to
 *   sample its roster at 115 % of their pace (5–12 h), so a queue builds without growing without
 *   end; half spread evenly, half front-loaded (the call just went out).
 * - 8 % are late-comers, spread over the 4 hours after the window.
 * Pure and deterministic; times are epoch ms.
 */
import { ROUND_WINDOW, samplingWindowMs, slotInRound } from '../../src/lib/domain/round-window';
import { mulberry32 } from './site-queue-model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const ROSTER_DAY = {
	absentShare: 0.02,
	lateShare: 0.08,
	lateSpanMs: 4 * HOUR,
	/** Arrivals relative to the staffed desks' pace over the main window without a timetable (round-window.ts). */
	...ROUND_WINDOW
} as const;

export interface RosterHousehold {
	code: string;
	villageId: string;
	/** Roster codes of its members (`CM010001-2`), with whether each can come to a site. */
	members: { code: string; canCome: boolean }[];
}

export interface SiteRoster {
	siteId: string;
	/** In the order the site takes its villages (the timetable's, else the ledger's). */
	households: RosterHousehold[];
	/** A village's slot at this site (HH:MM China time, 各村时间安排表); absent: the main window from the round's start. */
	timetable?: ReadonlyMap<string, { startsAt: string; endsAt: string }>;
}

export interface ArrivingHousehold {
	code: string;
	villageId: string;
	/** Epoch ms; Infinity: never comes. */
	at: number;
	/** Those of its members who come with it. */
	members: string[];
}


/** When each household of a site comes in the round that starts at `roundStart`, in arrival order. */
export function rosterArrivals({ roster, roundStart, staffedDesks, seed }: { roster: SiteRoster; roundStart: number; staffedDesks: number; seed: number }): ArrivingHousehold[] {
	const random = mulberry32(seed);
	const comers = roster.households.reduce((sum, household) => sum + household.members.filter((member) => member.canCome).length, 0);
	const fallback = { from: roundStart, to: roundStart + samplingWindowMs(comers, staffedDesks) };
	const arriving = roster.households.map((household): ArrivingHousehold => {
		const [absent, late, spread, shape] = [random(), random(), random(), random()];
		const members = household.members.filter((member) => member.canCome).map((member) => member.code);
		const slot = roster.timetable?.get(household.villageId);
		const window = slot ? slotInRound(slot, roundStart) : fallback;
		const length = Math.max(0, window.to - window.from);
		let at: number;
		if (members.length === 0 || absent < ROSTER_DAY.absentShare) at = Infinity;
		else if (late < ROSTER_DAY.lateShare) at = window.to + spread * ROSTER_DAY.lateSpanMs;
		// Half evenly, half front-loaded (a triangle falling from the window's start).
		else at = window.from + length * (shape < 0.5 ? spread : 1 - Math.sqrt(1 - spread));
		return { code: household.code, villageId: household.villageId, at: Math.round(at), members };
	});
	return arriving.filter((household) => household.members.length > 0).sort((a, b) => a.at - b.at);
}

