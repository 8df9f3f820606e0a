import type { ServerResponse } from 'node:http';
import type { Database } from '../db/client';
import { sendJson } from '../http/http-utils';
import type { EventLog } from '../pipeline/event-log/event-log';
import type { Projector } from '../pipeline/projector';

/** GET /healthz: the process is up and answering. */
export function handleHealth(res: ServerResponse): void {
	sendJson(res, 200, { status: 'ok' });
}

const PING_TIMEOUT_MS = 2000;

/** A backlog above this many events means the pipeline is behind; readiness says so but stays 200 (the node still serves). */
export const BEHIND_AFTER_EVENTS = 50_000;

/**
 * GET /readyz: the database and the event log answer; 503 names the store that does not. Anyone
 * may ask (load balancers do), so the public answer carries no error text: an error names hosts,
 * addresses and the database's own words. A signed-in admin gets the details.
 */
export async function handleReady({ database, log, projector, detailed }: { database: Database; log: EventLog; projector: Projector | null; detailed: boolean }, res: ServerResponse): Promise<void> {
	const [db, eventLog] = await Promise.all([check(() => database.ping()), check(() => log.ping())]);
	const ready = db === 'ok' && eventLog === 'ok';
	const store = (kind: string, status: string) => ({ kind, status: detailed || status === 'ok' ? status : 'unreachable' });
	const projectorStatus = projector?.status;
	sendJson(res, ready ? 200 : 503, {
		status: ready ? 'ready' : 'not ready',
		database: store(database.kind, db),
		eventLog: store(log.kind, eventLog),
		projector: !projectorStatus
			? 'not on this node'
			: detailed
				? { ...projectorStatus, behind: projectorStatus.backlog > BEHIND_AFTER_EVENTS }
				: { behind: projectorStatus.backlog > BEHIND_AFTER_EVENTS, storing: projectorStatus.lastPersistError === null ? 'ok' : 'failing' }
	});
}

async function check(ping: () => Promise<void>): Promise<string> {
	try {
		await Promise.race([ping(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS))]);
		return 'ok';
	} catch (error) {
		return `unreachable: ${(error as Error).message}`;
	}
}
