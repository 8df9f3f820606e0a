/**
 * The roster the demo's simulated site tablets sample (server/sim/roster-queue.ts): each site's
 * households from roster_members (who cannot come marked), its villages in the timetable's order
 * with their slots (village_timetable), else site_villages' order. Read once at the simulator's
 * start, in the composition root; the simulator itself never touches the database. Roster codes
 * only, no name or ID number.
 */
import type { Db } from '../../db/client';
import { rosterMembers, villageTimetable } from '../../db/schema/roster';
import { siteVillages } from '../../db/schema/site-villages';
import type { RosterHousehold, SiteRoster } from '../../sim/roster-arrivals';

export async function loadSimRoster({ db }: { db: Db }): Promise<SiteRoster[]> {
	const [members, slots, links] = await Promise.all([
		db.select({ code: rosterMembers.code, householdId: rosterMembers.householdId, villageId: rosterMembers.villageId, memberNo: rosterMembers.memberNo, cannotCome: rosterMembers.cannotCome }).from(rosterMembers),
		db.select().from(villageTimetable),
		db.select().from(siteVillages)
	]);
	const byVillage = new Map<string, Map<string, RosterHousehold>>();
	for (const member of members.sort((a, b) => a.householdId.localeCompare(b.householdId) || a.memberNo - b.memberNo)) {
		const households = byVillage.get(member.villageId) ?? new Map<string, RosterHousehold>();
		byVillage.set(member.villageId, households);
		const household = households.get(member.householdId) ?? { code: member.householdId, villageId: member.villageId, members: [] };
		households.set(member.householdId, household);
		household.members.push({ code: member.code, canCome: member.cannotCome.length === 0 });
	}
	const siteIds = [...new Set([...links.map((link) => link.siteId), ...slots.map((slot) => slot.siteId)])];
	return siteIds.map((siteId) => {
		const timetabled = slots.filter((slot) => slot.siteId === siteId).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
		const villages = [...new Set([...timetabled.map((slot) => slot.villageId), ...links.filter((link) => link.siteId === siteId).map((link) => link.villageId)])];
		return {
			siteId,
			households: villages.flatMap((villageId) => [...(byVillage.get(villageId)?.values() ?? [])]),
			timetable: new Map(timetabled.map((slot) => [slot.villageId, { startsAt: slot.startsAt, endsAt: slot.endsAt }]))
		};
	});
}
