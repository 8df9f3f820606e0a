import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { writeLedgerFile } from '../../server/modules/ledgers/ledger-files';
import { generateMetro } from '../../server/sim/scenarios/metro';
import { householdsLedger } from '../../src/lib/ledgers/definitions';
import { toLedgerTable } from '../../src/lib/ledgers/ledger';
import { postEvents, signedIn, startTestApp } from '../fixtures/app';
import { position } from '../fixtures/events';
import { until } from '../fixtures/wait';

/**
 * A large household import while a courier's phone keeps posting and a load balancer keeps probing
 * /healthz: the server answers them all, and answers while the file is being checked and while its
 * rows are being written, not only once the import is over. 20,000 rows keep each phase seconds
 * long, enough for many posts and probes inside it; the largest import an admin makes (200,000)
 * took 4-6 minutes of CI here, and is measured by `npm run bench:import-load` (bench/import-under-load.ts).
 * (LEDGER_LOAD_ROWS=200000 runs it full size.)
 */
const ROWS = Number(process.env.LEDGER_LOAD_ROWS ?? 20_000);

let app: App;
let admin: { cookie: string };
let file: Buffer;
beforeAll(async () => {
	// The file first: making it holds this process's event loop for seconds, and a kept-alive
	// connection the server closed meanwhile would be reused and reset (ECONNRESET).
	const { ledgers } = generateMetro({ households: ROWS, sites: 10, vehicles: 1, labs: 1, townships: 40 });
	file = await writeLedgerFile(toLedgerTable(householdsLedger, ledgers.households), 'csv', 'households');
	app = await startTestApp({ SCENARIO: 'none' });
	admin = await signedIn(app, 'admin');
	const vehicles = '编号,名称,类型\ncourier-1,送样车1,送样车\n';
	const started = await fetch(`${app.url}/api/ledgers/vehicles/import?mode=import&filename=v.csv`, { method: 'POST', headers: { cookie: admin.cookie }, body: vehicles });
	expect(started.status).toBe(202);
	// Until the vehicles job has written courier-1, its phone's credential is refused: ask again.
	await until(async () => (await postEvents(app, { events: [position()] }).catch(() => null))?.json.accepted === 1, 'ingest to know courier-1');
}, 180_000);
afterAll(async () => {
	await app?.close();
});

type Answer = { kind: 'post' | 'healthz'; ok: boolean; ms: number };
type Observation = { kind: 'job'; phase: string; done: number; total: number } | Answer;

describe(`a ${ROWS.toLocaleString('en')}-row ledger import under device traffic`, () => {
	it('refuses an empty upload with a 400 and starts no job', async () => {
		const answer = await fetch(`${app.url}/api/ledgers/households/import?mode=import&filename=h.csv`, { method: 'POST', headers: { cookie: admin.cookie }, body: '' });
		expect(answer.status).toBe(400);
		expect(await answer.json()).toMatchObject({ error: 'the file is empty', code: 'body_empty', message: { zh: '文件是空的', en: 'the file is empty' } });
	});

	it('answers every device post and every /healthz while it reads, checks and writes the file', async () => {
		const base = app.url.replace('localhost', '127.0.0.1');
		// Everything the test sees, in the order it saw it.
		const seen: Observation[] = [];
		let finished = false;
		const repeat = async (kind: 'post' | 'healthz', call: () => Promise<boolean>) => {
			while (!finished) {
				const sent = performance.now();
				const ok = await call().catch(() => false);
				seen.push({ kind, ok, ms: performance.now() - sent });
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		};
		const device = repeat('post', async () => {
			const answer = await postEvents(app, { events: [position()] });
			return answer.status === 200 && answer.json.accepted === 1;
		});
		const probe = repeat('healthz', async () => (await fetch(`${base}/healthz`)).status === 200);

		const started = await fetch(`${base}/api/ledgers/households/import?mode=import&filename=households.csv`, { method: 'POST', headers: { cookie: admin.cookie }, body: new Blob([new Uint8Array(file)]) });
		expect(started.status).toBe(202);
		const { id } = await started.json();
		let job: { status: string; progress: { phase: string; done: number; total: number }; report: { written: unknown; issues: unknown[] } | null; error: string | null };
		do {
			await new Promise((resolve) => setTimeout(resolve, 50));
			job = await (await fetch(`${base}/api/ledgers/jobs/${id}`, { headers: { cookie: admin.cookie } })).json();
			seen.push({ kind: 'job', ...job.progress });
		} while (job.status === 'running');
		finished = true;
		await Promise.all([device, probe]);

		expect(job.error).toBeNull();
		expect(job.report).toMatchObject({ issues: [], written: { created: ROWS, updated: 0, unchanged: 0 } });
		const posts = seen.filter((each): each is Answer => each.kind === 'post');
		const probes = seen.filter((each): each is Answer => each.kind === 'healthz');
		expect(posts.filter((each) => !each.ok)).toEqual([]);
		expect(probes.filter((each) => !each.ok)).toEqual([]);
		console.log(`import of ${ROWS} rows: ${posts.length} device posts (slowest ${Math.round(Math.max(...posts.map((each) => each.ms)))} ms), ${probes.length} /healthz (slowest ${Math.round(Math.max(...probes.map((each) => each.ms)))} ms)`);

		// Answered between two looks at the job that both found it in the same phase.
		const answeredDuring = (kind: 'post' | 'healthz', phases: string[]) =>
			seen.some((each, index) => {
				// (A look at the job is itself a signed-in request, so it too must be answered mid-phase.)
				if (each.kind !== kind) return false;
				const before = seen.slice(0, index).findLast((other) => other.kind === 'job');
				const after = seen.slice(index + 1).find((other) => other.kind === 'job');
				return before?.kind === 'job' && after?.kind === 'job' && phases.includes(before.phase) && before.phase === after.phase && after.done < after.total;
			});
		expect(answeredDuring('post', ['validating']), 'a device post answered while the rows were being checked').toBe(true);
		expect(answeredDuring('healthz', ['validating']), '/healthz answered while the rows were being checked').toBe(true);
		expect(answeredDuring('post', ['writing']), 'a device post answered while the rows were being written').toBe(true);
		expect(answeredDuring('healthz', ['writing']), '/healthz answered while the rows were being written').toBe(true);
		// Minutes on a busy 2-core machine at full size: the embedded database writes a few thousand households a second.
	}, 600_000);
});
