/**
 * Several processes of the scaled layout on one machine: one core process (projector, and the
 * demo simulator) and N front processes (web, hub, ingest) behind a small TCP balancer on PORT
 * that sends each new connection to the next live front process. Needs DATABASE_URL and REDIS_URL.
 *
 *   npm run start:cluster -- --hubs 3
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { SERVER_NODE_FLAGS } from '../server/node-flags';
import { clusterProcesses } from './cluster-roles';

const index = process.argv.indexOf('--hubs');
const hubs = index > 0 ? Number(process.argv[index + 1]) : 2;
if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
	console.error('cluster: set DATABASE_URL and REDIS_URL; the processes share Postgres and Redis');
	process.exit(2);
}
if (!Number.isInteger(hubs) || hubs < 1 || hubs > 32) {
	console.error('cluster: --hubs must be a whole number from 1 to 32');
	process.exit(2);
}
const port = Number(process.env.PORT ?? 3000);
const children: { child: ChildProcess; port: number | null; roles: string; front: boolean }[] = [];
/** Set on SIGINT/SIGTERM: processes ending then are not started again. */
let stopping = false;
const RESTART_AFTER_MS = 1000;

function startProcess(roles: string, front: boolean): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', 'server/index.ts'], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ROLES: roles }, stdio: ['ignore', 'pipe', 'inherit'] });
		const entry = { child, port: null as number | null, roles, front };
		children.push(entry);
		child.stdout!.on('data', (chunk) => {
			const text = String(chunk);
			const match = text.match(/wall: http:\/\/localhost:(\d+)/);
			if (match && entry.port === null) {
				entry.port = Number(match[1]);
				resolve();
			}
			process.stdout.write(`[${roles}] ${text.replace(/localhost:\d+/g, `localhost:${port}`)}`);
		});
		child.on('exit', (code, signal) => {
			const started = entry.port !== null;
			entry.port = null;
			children.splice(children.indexOf(entry), 1);
			if (!started) return reject(new Error(`${roles} did not start (${signal ?? `exit code ${code}`})`));
			if (stopping) return;
			// A process that dies after it started is started again; the balancer skips it meanwhile.
			console.error(`cluster: [${roles}] pid ${child.pid} ended (${signal ?? `exit code ${code}`}); starting it again in ${RESTART_AFTER_MS / 1000} s`);
			setTimeout(() => startProcess(roles, front).then(() => console.error(`cluster: [${roles}] running again`), (error: Error) => console.error(`cluster: ${error.message}`)), RESTART_AFTER_MS);
		});
	});
}

let next = 0;
function pick(): number | null {
	const live = children.filter((entry) => entry.front && entry.port !== null);
	if (live.length === 0) return null;
	return live[next++ % live.length].port;
}

async function main() {
	// The core process loads the scenario and prints the demo wall's token and the setup link (the
	// front processes print neither: server/modules/identity/startup-links.ts); its simulator posts to its own ingest.
	for (const { roles, front } of clusterProcesses(hubs)) await startProcess(roles, front);
	const balancer = createServer((client: Socket) => {
		const target = pick();
		if (target === null) return client.destroy();
		const upstream = connect(target, '127.0.0.1');
		client.pipe(upstream).pipe(client);
		const close = () => (client.destroy(), upstream.destroy());
		client.on('error', close);
		upstream.on('error', close);
	});
	balancer.listen(port, () => console.log(`cluster: ${hubs} front processes (web, hub, ingest) behind http://localhost:${port}, and 1 core process (projector)`));
	const stop = () => {
		stopping = true;
		for (const { child } of children) child.kill('SIGTERM');
		balancer.close();
		setTimeout(() => process.exit(0), 2000).unref();
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	stopping = true;
	console.error(`cluster: ${(error as Error).message}`);
	for (const { child } of children) child.kill('SIGKILL');
	process.exit(1);
});
