/**
 * 已采样: a mobile team took the tube at a household. The members sampled count for today's
 * coverage (sampled_members, via door_to_door, the first sample of a day stands), the visits are
 * done, and `door_visit.sampled` goes on the log; for a re-test it is the playbook's re-sample.
 * H2's `site.sampled` ingest is a device's path; an officer's phone is a person, so this is a
 * command on the write path, writing the same rows the ingest writes.
 * One household per tube (一户一管); a re-test is one member per tube (单采).
 */
import { inArray } from 'drizzle-orm';
import { doorVisits, sampledMembers } from '../../db/schema/index';
import { commitCommand } from '../command-events';
import { villageInScope } from '../quarantine/village-scope';
import { refuseDoorVisit, type DoorVisitContext } from './door-visit-refusals';

export async function recordDoorSample({ ctx, input }: { ctx: DoorVisitContext; input: { visitIds: number[]; tube: string } }) {
	const now = ctx.now ?? Date.now();
	return (
		await commitCommand(ctx, async (tx, emit) => {
			const ids = [...new Set(input.visitIds)];
			const visits = await tx.select().from(doorVisits).where(inArray(doorVisits.id, ids)).for('update');
			if (visits.length !== ids.length || visits.some((visit) => visit.status === 'cancelled')) throw refuseDoorVisit('visit_not_found');
			// Scope first: another village's officer learns nothing more of these visits.
			if (visits.some((visit) => !villageInScope(ctx.scope, visit.villageId))) throw refuseDoorVisit('outside_villages');
			if (new Set(visits.map((visit) => `${visit.householdId} ${visit.reason} ${visit.day}`)).size > 1) throw refuseDoorVisit('visits_mixed');
			const [first] = visits;
			if (first.reason === 'retest' && visits.length > 1) throw refuseDoorVisit('single_tube');
			if (visits.some((visit) => visit.status === 'sampled')) throw refuseDoorVisit('visit_done', { tube: input.tube });
			const event = emit({ type: 'door_visit.sampled', day: first.day, villageId: first.villageId, reason: first.reason, memberCodes: visits.map((visit) => visit.memberCode), tube: input.tube, playbookId: first.playbookId });
			await tx.update(doorVisits).set({ status: 'sampled', doneAt: new Date(now), doneBy: ctx.actor }).where(inArray(doorVisits.id, ids));
			const inserted = await tx
				.insert(sampledMembers)
				.values(visits.map((visit) => ({ day: visit.day, memberCode: visit.memberCode, siteId: null, via: 'door_to_door' as const, tube: input.tube, sampledAt: new Date(now), eventId: event.id, deviceId: ctx.actor })))
				.onConflictDoNothing()
				.returning({ memberCode: sampledMembers.memberCode });
			// Members already sampled today (at a site, or an earlier tube) keep their first sample: the team is told, not left to think the count grew.
			const alreadySampled = visits.length - inserted.length;
			return { visitIds: ids, memberCodes: visits.map((visit) => visit.memberCode), tube: input.tube, playbookId: first.playbookId, alreadySampled };
		})
	).result;
}
