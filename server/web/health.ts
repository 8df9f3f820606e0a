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

/** GET /readyz: the database and the event log answer. 503 names what does not. */
export async function handleReady({ database, log, projector }: { database: Database; log: EventLog; projector: Projector | null }, res: ServerResponse): Promise<void> {
	const [db, eventLog] = await Promise.all([check(() => database.ping()), check(() => log.ping())]);
	const ready = db === 'ok' && eventLog === 'ok';
	sendJson(res, ready ? 200 : 503, {
		status: ready ? 'ready' : 'not ready',
		database: { kind: database.kind, status: db },
		eventLog: { kind: log.kind, status: eventLog },
		projector: projector ? { ...projector.status, behind: projector.status.backlog > BEHIND_AFTER_EVENTS } : 'not on this node'
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
