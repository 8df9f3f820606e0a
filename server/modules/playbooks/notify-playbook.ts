/**
 * 已收到: an officer of one of the pool's villages acknowledges the positive on the phone. The
 * first acknowledgement is the playbook's `notified` step (positive_playbooks.notified_at); a
 * second, from the same or another village's officer, is recorded on the audit log only.
 */
import { eq } from 'drizzle-orm';
import { positivePlaybooks } from '../../db/schema/index';
import { commitCommand } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { villageInScope } from '../quarantine/village-scope';
import { refuseDoorVisit, type DoorVisitContext } from '../door-visits/door-visit-refusals';

export async function notifyPlaybook({ ctx, input }: { ctx: DoorVisitContext; input: { playbookId: string } }) {
	const now = ctx.now ?? Date.now();
	return (
		await commitCommand(ctx, async (tx, emit) => {
			const [found] = await tx.select().from(positivePlaybooks).where(eq(positivePlaybooks.id, input.playbookId)).for('update');
			if (!found) throw refuseDoorVisit('playbook_not_found');
			const villageId = found.villageIds.find((id) => villageInScope(ctx.scope, id));
			// Another village's officer learns nothing of the pool, not even that it exists.
			if (!villageId) throw refuseDoorVisit('playbook_not_found');
			await recordAudit({ db: tx, entry: { actor: ctx.actor, action: 'playbook.notified', subject: `playbook:${found.id}`, details: { villageId, first: found.notifiedAt === null } } });
			if (found.notifiedAt) return { playbookId: found.id, notifiedAt: found.notifiedAt.toISOString(), already: true };
			await tx.update(positivePlaybooks).set({ notifiedAt: new Date(now) }).where(eq(positivePlaybooks.id, found.id));
			emit({ type: 'playbook.notified', playbookId: found.id, villageId });
			return { playbookId: found.id, notifiedAt: new Date(now).toISOString(), already: false };
		})
	).result;
}
