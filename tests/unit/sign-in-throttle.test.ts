import { describe, expect, it } from 'vitest';
import { Slots, SlotsBusy } from '../../server/auth/hashing-slots';
import { SignInThrottle } from '../../server/auth/sign-in-throttle';
import { addressKey } from '../../server/http/client-address';

/** A throttle on a clock the test turns. */
function throttle() {
	let now = 1_000_000;
	const limiter = new SignInThrottle({ now: () => now });
	return { limiter, advance: (ms: number) => (now += ms) };
}

const fail = (limiter: SignInThrottle, username: string, address: string) => {
	const verdict = limiter.begin({ username, address });
	if (verdict.allowed) verdict.attempt.failed();
	return verdict.allowed ? 'tried' : verdict.retryAfterSeconds;
};

describe('SignInThrottle', () => {
	it('lets an account fail 5 times, then makes it wait 30 s, doubling with each further failure up to 15 min', () => {
		const { limiter, advance } = throttle();
		const addresses = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'];
		expect(addresses.map((address) => fail(limiter, 'chief', address))).toEqual(['tried', 'tried', 'tried', 'tried', 'tried']);
		expect(fail(limiter, 'chief', '10.0.0.6')).toBe(30);
		expect(fail(limiter, 'CHIEF', '10.0.0.7')).toBe(30);
		const waits: number[] = [];
		for (let failure = 0; failure < 8; failure++) {
			advance(15 * 60_000);
			expect(fail(limiter, 'chief', '10.0.0.8')).toBe('tried');
			waits.push(fail(limiter, 'chief', '10.0.0.8') as number);
		}
		expect(waits).toEqual([60, 120, 240, 480, 900, 900, 900, 900]);
	});

	it('lets an address fail 10 times over many accounts, then makes it wait', () => {
		const { limiter } = throttle();
		for (let account = 0; account < 10; account++) expect(fail(limiter, `user-${account}`, '10.9.9.9')).toBe('tried');
		expect(fail(limiter, 'someone-else', '10.9.9.9')).toBe(30);
		expect(fail(limiter, 'someone-else', '10.9.9.10')).toBe('tried');
	});

	it('resets an account when its password is right, but not the address it came from', () => {
		const { limiter } = throttle();
		for (let failure = 0; failure < 4; failure++) fail(limiter, 'chief', '10.0.0.1');
		const right = limiter.begin({ username: 'chief', address: '10.0.0.1' });
		expect(right.allowed).toBe(true);
		if (right.allowed) right.attempt.succeeded();
		for (let failure = 0; failure < 5; failure++) expect(fail(limiter, 'chief', '10.0.0.2')).toBe('tried');
		// 10.0.0.1 failed 4 times for chief; 6 more for anyone and it waits.
		for (let failure = 0; failure < 6; failure++) expect(fail(limiter, `other-${failure}`, '10.0.0.1')).toBe('tried');
		expect(fail(limiter, 'other-7', '10.0.0.1')).toBe(30);
	});

	it('counts attempts still being checked, so 20 sent at once are not all tried', () => {
		const { limiter } = throttle();
		const verdicts = Array.from({ length: 20 }, (_, index) => limiter.begin({ username: 'chief', address: `10.0.1.${index}` }));
		expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(5);
		expect(verdicts.filter((verdict) => !verdict.allowed).every((verdict) => !verdict.allowed && verdict.retryAfterSeconds >= 1)).toBe(true);
		for (const verdict of verdicts) if (verdict.allowed) verdict.attempt.abandoned();
		expect(limiter.begin({ username: 'chief', address: '10.0.2.1' }).allowed).toBe(true);
	});

	it('forgets an account a day after its last failure', () => {
		const { limiter, advance } = throttle();
		for (let failure = 0; failure < 5; failure++) fail(limiter, 'chief', `10.0.0.${failure}`);
		advance(24 * 3_600_000 + 1);
		expect(limiter.tracked.accounts).toBe(1);
		expect(fail(limiter, 'chief', '10.0.3.1')).toBe('tried');
	});

	it('keeps its memory bounded when sprayed with usernames', () => {
		let now = 0;
		const limiter = new SignInThrottle({ maxKeys: 1000, now: () => now });
		for (let name = 0; name < 5000; name++) fail(limiter, `spray-${name}`, `10.1.${name >> 8}.${name & 255}`);
		expect(limiter.tracked.accounts).toBeLessThanOrEqual(1000);
		expect(limiter.tracked.addresses).toBeLessThanOrEqual(1000);
	});
});

describe('Slots', () => {
	it('runs at most its size at once, queues the rest, and refuses a bounded caller once the queue is full', async () => {
		const slots = new Slots(2, 3);
		const releases: (() => void)[] = [];
		const task = () => new Promise<void>((resolve) => releases.push(resolve));
		const running = Array.from({ length: 5 }, () => slots.run(task, { bounded: true }));
		await Promise.resolve();
		expect(slots.load).toEqual({ active: 2, waiting: 3, peak: 2 });
		await expect(slots.run(task, { bounded: true })).rejects.toBeInstanceOf(SlotsBusy);
		// An unbounded caller (making a user's hash) waits instead.
		const patient = slots.run(task, { bounded: false });
		expect(slots.load.waiting).toBe(4);
		while (releases.length > 0 || slots.load.active > 0) {
			releases.shift()?.();
			await new Promise((resolve) => setImmediate(resolve));
		}
		await Promise.all([...running, patient]);
		expect(slots.load).toEqual({ active: 0, waiting: 0, peak: 2 });
	});
});

describe('addressKey', () => {
	it('counts an IPv4 client by its address and an IPv6 client by its /64', () => {
		expect(addressKey('::ffff:10.0.0.7')).toBe('10.0.0.7');
		expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
		expect(addressKey('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
		expect(addressKey('2001:0db8:0000:0001:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
		expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(addressKey('::1')).toBe('0:0:0:0::/64');
	});
});
