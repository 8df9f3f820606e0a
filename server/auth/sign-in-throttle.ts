/**
 * Failed sign-ins slow down who keeps failing: per account (the username tried, known or not)
 * and per client address. A few failures are free; after them each failure makes the next try
 * wait twice as long, up to a cap. Attempts still being checked count against the free ones, so
 * 20 tries sent at once are not all checked. A success resets its account, not its address
 * (one's own account must not wash an address that tries others). Kept in this process's
 * memory: in a cluster each node counts its own (docs/security.md says why that is enough).
 */
export interface ThrottlePolicy {
	/** Failures before any wait. */
	freeFailures: number;
	/** The wait after the last free failure; each further failure doubles it. */
	firstDelayMs: number;
	maxDelayMs: number;
	/** A key with no failure for this long is forgotten. */
	forgetAfterMs: number;
	resetOnSuccess: boolean;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { freeFailures: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 24 * 3_600_000, resetOnSuccess: true };
/** Looser: an office or a township behind one NAT address shares it. */
export const ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 10, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 3_600_000, resetOnSuccess: false };

/** The wait asked of an attempt refused only because others of its key are still being checked. */
const IN_FLIGHT_WAIT_MS = 1000;

interface Entry {
	failures: number;
	inFlight: number;
	blockedUntil: number;
	lastFailureAt: number;
}

class FailureCounter {
	#entries = new Map<string, Entry>();

	constructor(
		readonly policy: ThrottlePolicy,
		readonly maxKeys: number
	) {}

	/** Milliseconds before the key may try again; 0 when it may now. */
	waitMs(key: string, now: number): number {
		const entry = this.#entries.get(key);
		if (!entry) return 0;
		if (entry.inFlight === 0 && now - entry.lastFailureAt > this.policy.forgetAfterMs) {
			this.#entries.delete(key);
			return 0;
		}
		if (entry.blockedUntil > now) return entry.blockedUntil - now;
		const allowedAtOnce = Math.max(1, this.policy.freeFailures - entry.failures);
		return entry.inFlight >= allowedAtOnce ? IN_FLIGHT_WAIT_MS : 0;
	}

	start(key: string, now: number): void {
		let entry = this.#entries.get(key);
		if (!entry) {
			if (this.#entries.size >= this.maxKeys) this.#evict(now);
			entry = { failures: 0, inFlight: 0, blockedUntil: 0, lastFailureAt: now };
			this.#entries.set(key, entry);
		}
		entry.inFlight++;
	}

	finish(key: string, outcome: 'failed' | 'succeeded' | 'abandoned', now: number): void {
		const entry = this.#entries.get(key);
		if (!entry) return;
		entry.inFlight--;
		if (outcome === 'failed') {
			entry.failures++;
			entry.lastFailureAt = now;
			const beyond = entry.failures - this.policy.freeFailures;
			if (beyond >= 0) entry.blockedUntil = now + Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** Math.min(beyond, 30));
		} else if (outcome === 'succeeded' && this.policy.resetOnSuccess) {
			entry.failures = 0;
			entry.blockedUntil = 0;
		}
		if (entry.inFlight === 0 && entry.failures === 0) this.#entries.delete(key);
	}

	/** Bounded memory: forget the forgotten, then the oldest keys not being checked. */
	#evict(now: number): void {
		for (const [key, entry] of this.#entries) {
			if (entry.inFlight === 0 && (now - entry.lastFailureAt > this.policy.forgetAfterMs || this.#entries.size >= this.maxKeys)) this.#entries.delete(key);
			if (this.#entries.size < this.maxKeys * 0.9) return;
		}
	}

	get size(): number {
		return this.#entries.size;
	}
}

export interface SignInAttempt {
	succeeded(): void;
	failed(): void;
	/** Neither: the password was not checked (the server was busy, or broke). */
	abandoned(): void;
}

export type ThrottleVerdict = { allowed: true; attempt: SignInAttempt } | { allowed: false; retryAfterSeconds: number };

export class SignInThrottle {
	#accounts: FailureCounter;
	#addresses: FailureCounter;
	#now: () => number;

	constructor({ account = ACCOUNT_POLICY, address = ADDRESS_POLICY, maxKeys = 100_000, now = Date.now }: { account?: ThrottlePolicy; address?: ThrottlePolicy; maxKeys?: number; now?: () => number } = {}) {
		this.#accounts = new FailureCounter(account, maxKeys);
		this.#addresses = new FailureCounter(address, maxKeys);
		this.#now = now;
	}

	/** May this username be tried from this address now? If so, report how the attempt ended. */
	begin({ username, address }: { username: string; address: string }): ThrottleVerdict {
		const now = this.#now();
		const account = username.normalize('NFKC').toLowerCase();
		const wait = Math.max(this.#accounts.waitMs(account, now), this.#addresses.waitMs(address, now));
		if (wait > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
		this.#accounts.start(account, now);
		this.#addresses.start(address, now);
		let open = true;
		const finish = (outcome: 'failed' | 'succeeded' | 'abandoned') => {
			if (!open) return;
			open = false;
			this.#accounts.finish(account, outcome, this.#now());
			this.#addresses.finish(address, outcome, this.#now());
		};
		return { allowed: true, attempt: { succeeded: () => finish('succeeded'), failed: () => finish('failed'), abandoned: () => finish('abandoned') } };
	}

	/** Accounts and addresses with failures remembered (for /metrics). */
	get tracked(): { accounts: number; addresses: number } {
		return { accounts: this.#accounts.size, addresses: this.#addresses.size };
	}
}
