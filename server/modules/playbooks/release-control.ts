/**
 * When a playbook closes, the home quarantine it put on a household was "pending the re-test":
 * a household whose every member re-tested negative goes back to the measure it had before
 * (as the opening's audit entry recorded it), unless someone changed it since. A household with a
 * positive member keeps it. Audited.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { auditLog, doorVisits, households } from '../../db/schema/index';
import type { Tx } from '../command-events';
import { recordAudit } from '../identity/record-audit';

type MeasureSet = { householdId: string; from: 'none' | 'home_monitoring'; to: 'home_quarantine' };

export async function releaseControl(tx: Tx, playbookId: string, actor: string): Promise<string[]> {
	const [opened] = await tx.select({ details: auditLog.details }).from(auditLog).where(and(eq(auditLog.action, 'playbook.opened'), eq(auditLog.subject, `playbook:${playbookId}`))).limit(1);
	const measureSet = ((opened?.details as { measureSet?: MeasureSet[] } | undefined)?.measureSet ?? []);
	if (measureSet.length === 0) return [];
	const retests = await tx.select({ householdId: doorVisits.householdId, result: doorVisits.result, status: doorVisits.status }).from(doorVisits).where(and(eq(doorVisits.playbookId, playbookId), eq(doorVisits.reason, 'retest')));
	const clear = measureSet.filter((set) => {
		const own = retests.filter((visit) => visit.householdId === set.householdId && visit.status !== 'cancelled');
		return own.length > 0 && own.every((visit) => visit.result === 'negative');
	});
	if (clear.length === 0) return [];
	const still = new Set((await tx.select({ id: households.id }).from(households).where(and(inArray(households.id, clear.map((set) => set.householdId)), eq(households.measure, 'home_quarantine')))).map((row) => row.id));
	const released: string[] = [];
	for (const set of clear) {
		if (!still.has(set.householdId)) continue;
		await tx.update(households).set({ measure: set.from }).where(eq(households.id, set.householdId));
		released.push(set.householdId);
	}
	if (released.length > 0) await recordAudit({ db: tx, entry: { actor, action: 'playbook.control_released', subject: `playbook:${playbookId}`, details: { households: released } } });
	return released;
}
