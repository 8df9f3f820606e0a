/**
 * The demo's timetable at first start: each site samples its villages from 07:00 to 12:00, or one
 * after the other when it serves several (the morning split evenly, as seed 001's groups serve
 * villages in turn). Loaded with the scenario, so the simulator and the forecast find it there.
 */
import type { Db } from '../../db/client';
import { villageTimetable } from '../../db/schema/index';
import type { LedgerKind, SiteRecord } from '../../../src/lib/ledgers/definitions';
import { villageId } from '../ledgers/region-ids';

const DAY_START = 7 * 60;
const DAY_END = 12 * 60;

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function defaultTimetable(sites: readonly Pick<SiteRecord, 'code' | 'township' | 'villages'>[]): { villageId: string; siteId: string; startsAt: string; endsAt: string }[] {
	return sites.flatMap((site) => {
		// Half-hour turns; a site serving more villages than the morning has turns samples them all at once.
		const share = Math.floor((DAY_END - DAY_START) / site.villages.length / 30) * 30;
		if (share === 0) return site.villages.map((village) => ({ villageId: villageId(site.township, village), siteId: site.code, startsAt: clock(DAY_START), endsAt: clock(DAY_END) }));
		return site.villages.map((village, index) => ({
			villageId: villageId(site.township, village),
			siteId: site.code,
			startsAt: clock(DAY_START + index * share),
			endsAt: clock(index === site.villages.length - 1 ? DAY_END : DAY_START + (index + 1) * share)
		}));
	});
}

/** Into a new database only: a timetable someone has edited is never overwritten. */
export async function loadDefaultTimetable({ db, scenario, kinds }: { db: Db; scenario: { sites: SiteRecord[] }; kinds: readonly LedgerKind[] }): Promise<void> {
	if (!kinds.includes('sites')) return;
	const rows = defaultTimetable(scenario.sites.filter((site) => site.kind !== 'door_to_door'));
	if (rows.length === 0) return;
	const now = new Date();
	for (let start = 0; start < rows.length; start += 1000) {
		await db.insert(villageTimetable).values(rows.slice(start, start + 1000).map((row) => ({ ...row, note: null, updatedBy: 'scenario', updatedAt: now }))).onConflictDoNothing();
	}
}
