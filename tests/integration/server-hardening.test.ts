import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../fixtures/server-process';
import { until } from '../fixtures/wait';

let server: ServerProcess;
let dataDir: string;
beforeAll(async () => {
	dataDir = await mkdtemp(join(tmpdir(), 'hardening-'));
	server = await spawnServer({ DATA_DIR: dataDir, SCENARIO: 'none', SIMULATE: 'false' });
}, 90_000);
afterAll(async () => {
	await server?.stop();
	await rm(dataDir, { recursive: true, force: true });
});

/** Sends a request line as written (fetch would normalise the URL first) and returns the status. */
function rawRequest(target: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const socket = connect(server.port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
		let answer = '';
		socket.on('data', (chunk) => (answer += chunk));
		socket.on('end', () => resolve(Number(answer.split(' ')[1])));
		socket.on('error', reject);
	});
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z /;

describe('the server as an operator sees it', () => {
	it('answers /metrics as Prometheus text with its content type', async () => {
		const answer = await fetch(`${server.url}/metrics`);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
	});

	it('starts every log line with an ISO 8601 UTC timestamp', () => {
		const lines = server.output().split('\n').filter((line) => line.trim() !== '');
		expect(lines.length).toBeGreaterThan(1);
		for (const line of lines) expect(line).toMatch(ISO_UTC);
	});

	it('logs a malformed URL as one line, not a stack trace, and answers 400', async () => {
		const before = server.output().length;
		expect(await rawRequest('//')).toBe(400);
		const logged = await until(() => {
			const added = server.output().slice(before);
			return added.includes('malformed URL') && added;
		}, 'the log line');
		const lines = logged.split('\n').filter((line) => line.trim() !== '');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(ISO_UTC);
		expect(logged).not.toMatch(/\n\s+at /);
		// The server still answers.
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	});

	it('answers a page path with broken percent-encoding 400, logged as one line without a stack', async () => {
		for (const target of ['/%', '/wall/%E0%A4%A']) {
			const before = server.output().length;
			expect(await rawRequest(target)).toBe(400);
			const logged = await until(() => {
				const added = server.output().slice(before);
				return added.includes('malformed URL') && added;
			}, 'the log line');
			expect(logged.split('\n').filter((line) => line.trim() !== '')).toHaveLength(1);
			expect(logged).not.toMatch(/\n\s+at /);
		}
	});
});
