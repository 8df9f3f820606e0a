import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedIn, startTestApp } from '../fixtures/app';
import { spawnServer, type ServerProcess } from '../fixtures/server-process';

let app: App;
beforeAll(async () => {
	// With the web role: a path that is no API route goes to the pages (built or not). Headers need
	// no registry, so no demo scenario (loading one is most of a test server's start-up).
	app = await startTestApp({ SCENARIO: 'none', ROLES: 'web,hub,ingest,projector', BASEMAP: 'tianditu', TIANDITU_KEY: 'abc123', TIANDITU_HOST: 'https://tiles.example.cn' });
});
afterAll(async () => {
	await app?.close();
});

function expectHardened(response: Response, what: string) {
	expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
	expect(response.headers.get('referrer-policy'), what).toBe('no-referrer');
	const policy = response.headers.get('content-security-policy') ?? '';
	const directive = (name: string) => policy.split(';').map((part) => part.trim().split(/\s+/)).find(([each]) => each === name)?.slice(1) ?? [];
	expect(directive('frame-ancestors'), what).toEqual(["'none'"]);
	expect(directive('script-src'), what).toContain("'self'");
	expect(directive('script-src'), what).not.toContain("'unsafe-inline'");
	expect(policy, what).not.toContain("'unsafe-eval'");
	expect(directive('worker-src'), what).toContain('blob:');
	expect(directive('connect-src'), what).toEqual(expect.arrayContaining(["'self'", `ws://${new URL(app.url).host}`, 'https://tiles.example.cn']));
	expect(directive('object-src'), what).toEqual(["'none'"]);
}

describe('security headers', () => {
	it('come with every response: an API answer, a refusal, a page and a socket poll', async () => {
		expectHardened(await fetch(`${app.url}/api/config`), 'GET /api/config');
		expectHardened(await fetch(`${app.url}/api/auth/me`), 'a 401');
		expectHardened(await fetch(`${app.url}/wall?display=dsp_x`), 'the wall page');
		const poll = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`);
		expect(poll.headers.get('x-content-type-options')).toBe('nosniff');
		expect(poll.headers.get('referrer-policy')).toBe('no-referrer');
	});
});

describe('a page revalidated by the browser', () => {
	// A 304 updates the cached page with the headers it carries: a policy without the page's script
	// hashes would replace the one that has them, and a reloaded wall would stay black. Pages are
	// rendered by the built app in a server of its own, as npm start runs it.
	let server: ServerProcess;
	beforeAll(async () => {
		server = await spawnServer({ DATA_DIR: mkdtempSync(join(tmpdir(), 'cc-csp-')), SCENARIO: 'none', SIMULATE: 'false' });
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('keeps the policy with the page\'s script hashes: a 304 carries none of its own', async () => {
		for (const path of ['/login', '/wall?display=dsp_x']) {
			const page = await fetch(`${server.url}${path}`);
			expect(page.status, path).toBe(200);
			expect(page.headers.get('content-security-policy'), path).toMatch(/script-src[^;]*'sha256-/);
			const etag = page.headers.get('etag');
			expect(etag, `${path}: SvelteKit tags its pages, so a reload revalidates`).not.toBeNull();
			const again = await fetch(`${server.url}${path}`, { headers: { 'if-none-match': etag! } });
			expect(again.status, path).toBe(304);
			expect(again.headers.get('content-security-policy'), path).toBeNull();
			expect(again.headers.get('x-content-type-options'), path).toBe('nosniff');
		}
	});
});

describe('/readyz', () => {
	it('gives anyone the status alone and a signed-in admin the projector’s details', async () => {
		const anyone = await (await fetch(`${app.url}/readyz`)).json();
		expect(anyone).toEqual({ status: 'ready', database: { kind: 'pglite', status: 'ok' }, eventLog: { kind: 'embedded', status: 'ok' }, projector: { behind: false, storing: 'ok' } });
		const admin = await signedIn(app, 'admin');
		const details = await (await fetch(`${app.url}/readyz`, { headers: { cookie: admin.cookie } })).json();
		expect(details.projector).toMatchObject({ lastPersistError: null, behind: false });
		expect(details.projector).toHaveProperty('backlog');
	});
});
