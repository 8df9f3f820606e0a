/**
 * The demo's timetable at first start (各村时间安排表). The demo declares an emergency round
 * (应急全员核酸) when its scenario is loaded, so its timetable starts then, whatever the hour: each
 * site samples its villages one after the other (as seed 001's groups serve villages in turn),
 * over the time its staffed desks need for its residents (round-window.ts: 5–12 h), each village a
 * turn in proportion to its residents. Loaded with the scenario, so the simulator and the forecast
 * find it there; a real county's office edits it on /timetable.
 */
import type { Db } from '../../db/client';
import { villageTimetable } from '../../db/schema/index';
import type { HouseholdRecord, LedgerKind, SiteRecord, StaffRecord } from '../../../src/lib/ledgers/definitions';
import { samplingWindowMs } from '../../../src/lib/domain/round-window';
import { desksStaffedBy } from '../../../src/lib/domain/staff-transit';
import { villageId } from '../ledgers/region-ids';

const MINUTE = 60_000;
/** Turns begin and end on a 5-minute mark, as a timetable is written. */
const MARK = 5 * MINUTE;

/** HH:MM China time of an instant. */
const clock = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(11, 16);

export interface DefaultTimetableInput {
	sites: readonly Pick<SiteRecord, 'code' | 'township' | 'villages' | 'desks'>[];
	/** Residents per village name (the household ledger's 人数). */
	residents: ReadonlyMap<string, number>;
	/** Samplers the staff ledger puts at each site at the start. */
	samplers: ReadonlyMap<string, number>;
	roundStart: number;
}

export function defaultTimetable({ sites, residents, samplers, roundStart }: DefaultTimetableInput): { villageId: string; siteId: string; startsAt: string; endsAt: string }[] {
	// From the 5-minute mark the round was declared in: the first people are already on their way.
	const start = Math.floor(roundStart / MARK) * MARK;
	return sites.flatMap((site) => {
		const people = site.villages.map((village) => residents.get(village) ?? 0);
		const total = people.reduce((sum, count) => sum + count, 0);
		const window = samplingWindowMs(total, desksStaffedBy(site.desks, samplers.get(site.code) ?? 0) || site.desks);
		let from = start;
		let before = 0;
		return site.villages.map((village, index) => {
			before += people[index];
			const to = index === site.villages.length - 1 ? start + Math.ceil(window / MARK) * MARK : start + Math.round(((total > 0 ? before / total : (index + 1) / site.villages.length) * window) / MARK) * MARK;
			const slot = { villageId: villageId(site.township, village), siteId: site.code, startsAt: clock(from), endsAt: clock(Math.max(to, from + MARK)) };
			from = Math.max(to, from + MARK);
			return slot;
		});
	});
}

/** Into a new database only: a timetable someone has edited is never overwritten. */
export async function loadDefaultTimetable({ db, scenario, kinds, roundStart }: { db: Db; scenario: { sites: SiteRecord[]; households: HouseholdRecord[]; staff: StaffRecord[] }; kinds: readonly LedgerKind[]; roundStart: number }): Promise<void> {
	if (!kinds.includes('sites')) return;
	const residents = new Map<string, number>();
	for (const household of scenario.households) residents.set(household.village, (residents.get(household.village) ?? 0) + household.members);
	const samplers = new Map<string, number>();
	for (const member of scenario.staff) if (member.role === 'sampler' && member.site) samplers.set(member.site, (samplers.get(member.site) ?? 0) + 1);
	const rows = defaultTimetable({ sites: scenario.sites.filter((site) => site.kind !== 'door_to_door'), residents, samplers, roundStart });
	if (rows.length === 0) return;
	const now = new Date();
	for (let start = 0; start < rows.length; start += 1000) {
		await db.insert(villageTimetable).values(rows.slice(start, start + 1000).map((row) => ({ ...row, note: null, updatedBy: 'scenario', updatedAt: now }))).onConflictDoNothing();
	}
}
