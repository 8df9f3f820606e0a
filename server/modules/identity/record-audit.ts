import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema/index';

export interface AuditEntry {
	actor: string;
	action: string;
	subject: string;
	reason?: string | null;
	details?: Record<string, unknown>;
}

/** Appends to the audit log. Callers await it before they hand out what they audit. */
export async function recordAudit({ db, entry }: { db: Db; entry: AuditEntry }): Promise<void> {
	await db.insert(auditLog).values({ actor: entry.actor, action: entry.action, subject: entry.subject, reason: entry.reason ?? null, details: entry.details ?? {} });
}
