import { request } from 'node:http';
import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../server/app';
import { dummyPasswordHash, hashing } from '../../server/auth/passwords';
import { createUser } from '../../server/modules/identity/users';
import { startTestApp } from '../fixtures/app';

const PASSWORD = 'correct horse battery staple';

let app: App;
beforeAll(async () => {
	// Sign-ins need users, not the registry: no demo scenario (loading one is most of a start-up).
	app = await startTestApp({ SCENARIO: 'none' });
	for (const username of ['chief', 'deputy', 'clerk']) await createUser({ db: app.database.db, input: { username, password: PASSWORD, role: 'viewer' }, actor: 'test' });
});
afterAll(async () => {
	await app?.close();
});

/** A sign-in sent from one of this machine's loopback addresses (all of 127.0.0.0/8 reaches the server). */
function signInFrom(from: string, username: string, password: string, headers: Record<string, string> = {}): Promise<{ status: number; retryAfter: string | undefined; body: { error?: string } }> {
	const body = JSON.stringify({ username, password });
	return new Promise((resolve, reject) => {
		const outgoing = request(`${app.url.replace('localhost', '127.0.0.1')}/api/auth/login`, { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (response) => {
			let text = '';
			response.on('data', (chunk) => (text += chunk));
			response.on('end', () => resolve({ status: response.statusCode!, retryAfter: response.headers['retry-after'], body: JSON.parse(text) }));
		});
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

// Each password check costs argon2's second or two on this machine: the tests allow minutes, and assert no timing.
describe('sign-in throttling', () => {
	it('makes an account wait after 5 wrong passwords, from whatever addresses they come, and lets other accounts in', async () => {
		for (let attempt = 1; attempt <= 5; attempt++) expect((await signInFrom(`127.0.1.${attempt}`, 'chief', `wrong guess number ${attempt}`)).status).toBe(401);
		const refused = await signInFrom('127.0.1.6', 'chief', 'wrong guess number 6');
		expect(refused.status).toBe(429);
		expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
		expect(Number(refused.retryAfter)).toBeLessThanOrEqual(30);
		expect(refused.body.error).toMatch(/too many failed sign-ins; try again in \d+ s/);
		// While it waits even the right password is not checked: that is what makes guessing slow.
		expect((await signInFrom('127.0.1.7', 'chief', PASSWORD)).status).toBe(429);
		expect((await signInFrom('127.0.1.7', 'deputy', PASSWORD)).status).toBe(200);
	}, 120_000);

	it('makes an address wait after 10 wrong sign-ins over any accounts, whatever X-Forwarded-For it claims', async () => {
		for (let attempt = 1; attempt <= 10; attempt++) {
			const answer = await signInFrom('127.0.2.1', `nobody-${attempt}`, 'some password', { 'x-forwarded-for': `198.51.100.${attempt}` });
			expect(answer.status, `attempt ${attempt}`).toBe(401);
		}
		const refused = await signInFrom('127.0.2.1', 'clerk', PASSWORD, { 'x-forwarded-for': '198.51.100.99' });
		expect(refused.status).toBe(429);
		expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
		expect((await signInFrom('127.0.2.2', 'clerk', PASSWORD)).status).toBe(200);
	}, 120_000);

	it('checks an unknown user’s password against a dummy hash, as it would a known user’s', async () => {
		const verify = vi.spyOn(argon2, 'verify');
		try {
			expect((await signInFrom('127.0.3.1', 'no-such-user', 'a guess at a password')).status).toBe(401);
			expect(verify).toHaveBeenCalledTimes(1);
			expect(verify).toHaveBeenCalledWith(await dummyPasswordHash(), 'a guess at a password');
		} finally {
			verify.mockRestore();
		}
	});

	it('hashes one sign-in at a time, queueing or refusing the rest, so a burst leaves a core to devices and walls', async () => {
		const answers = await Promise.all(Array.from({ length: 16 }, (_, index) => signInFrom(`127.0.4.${index + 1}`, `crowd-${index}`, 'a guess at a password')));
		expect(hashing.load.peak).toBe(1);
		expect(answers.some((answer) => answer.status === 503)).toBe(true);
		expect(answers.every((answer) => answer.status === 401 || (answer.status === 503 && answer.retryAfter === '2'))).toBe(true);
		expect(answers.filter((answer) => answer.status === 401).length).toBeGreaterThanOrEqual(1 + hashing.queueLimit);
		expect(hashing.load).toMatchObject({ active: 0, waiting: 0 });
	}, 120_000);
});
