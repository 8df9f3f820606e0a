/**
 * The step events of playbooks as they stand on the log's record (command_outbox, the commands'
 * history): which members were proposed a transfer, and when. The other steps are rows
 * (notified_at, the re-test visits' done_at and result_at).
 */
import { and, inArray, sql, eq } from 'drizzle-orm';
import { commandOutbox } from '../../db/schema/index';
import type { Db } from '../../db/client';

/** Per playbook: member code → when its transfer was first proposed (epoch ms). */
export async function proposedMembers(db: Db, playbookIds: readonly string[]): Promise<Map<string, Map<string, number>>> {
	const byPlaybook = new Map<string, Map<string, number>>();
	if (playbookIds.length === 0) return byPlaybook;
	const rows = await db
		.select({ playbookId: sql<string>`${commandOutbox.payload}->>'playbookId'`, memberCode: sql<string>`${commandOutbox.payload}->>'memberCode'`, at: commandOutbox.at })
		.from(commandOutbox)
		.where(and(eq(commandOutbox.type, 'playbook.transfer_proposed'), inArray(sql`${commandOutbox.payload}->>'playbookId'`, [...playbookIds])));
	for (const row of rows) {
		const members = byPlaybook.get(row.playbookId) ?? new Map<string, number>();
		const at = row.at.getTime();
		if (!members.has(row.memberCode) || at < members.get(row.memberCode)!) members.set(row.memberCode, at);
		byPlaybook.set(row.playbookId, members);
	}
	return byPlaybook;
}
