import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/client';
import type { EventLog } from '../../server/pipeline/event-log/event-log';
import type { Projector } from '../../server/pipeline/projector';
import { handleReady } from '../../server/web/health';

/** What /readyz would send, from stores in the given condition. */
async function readiness(detailed: boolean): Promise<{ status: number; body: string }> {
	const database = { kind: 'postgres', ping: () => Promise.reject(new Error('connect ECONNREFUSED 10.20.30.40:5432')) } as unknown as Database;
	const log = { kind: 'redis', ping: () => Promise.resolve() } as unknown as EventLog;
	const projector = { status: { unpersisted: 12, backlog: 40, lastPersistError: 'password authentication failed for user "cc_app"', lastPersistAt: 1 } } as unknown as Projector;
	let status = 0;
	let body = '';
	const res = { writeHead: (code: number) => (status = code), end: (text: string) => (body = text) } as unknown as ServerResponse;
	await handleReady({ database, log, projector, detailed }, res);
	return { status, body };
}

describe('/readyz', () => {
	it('tells anyone only ready or not and which store is unreachable, with no error text', async () => {
		const { status, body } = await readiness(false);
		expect(status).toBe(503);
		expect(JSON.parse(body)).toEqual({
			status: 'not ready',
			database: { kind: 'postgres', status: 'unreachable' },
			eventLog: { kind: 'redis', status: 'ok' },
			projector: { behind: false, storing: 'failing' }
		});
		expect(body).not.toMatch(/10\.20\.30\.40|ECONNREFUSED|password|cc_app/);
	});

	it('gives a signed-in admin the errors themselves', async () => {
		const { status, body } = await readiness(true);
		expect(status).toBe(503);
		expect(JSON.parse(body)).toMatchObject({
			database: { status: 'unreachable: connect ECONNREFUSED 10.20.30.40:5432' },
			projector: { lastPersistError: 'password authentication failed for user "cc_app"', unpersisted: 12, backlog: 40 }
		});
	});
});
