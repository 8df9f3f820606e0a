/**
 * In scaled mode only one projector may run at a time (the live state is one process's memory);
 * the others stand by. A lease in Redis, renewed while held and taken over when it expires.
 */
import type { Redis } from 'ioredis';

const LEASE_MS = 10_000;
const RENEW_EVERY_MS = 3_000;

// KEYS[1] lease key; ARGV[1] holder; ARGV[2] ttl ms. Renews a lease this holder owns, or takes it
// back if it lapsed (Redis was away longer than the lease) and nobody else took it; 0 if another holds it.
const RENEW = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;

export class ProjectorLease {
	#redis: Redis;
	#key: string;
	#holder: string;
	#timer: NodeJS.Timeout | null = null;

	constructor(redis: Redis, prefix: string, holder: string) {
		this.#redis = redis;
		this.#key = `${prefix}projector-lease`;
		this.#holder = holder;
	}

	/** Resolves once this process holds the lease; calls onLost if it is ever lost. */
	async acquire(onLost: () => void): Promise<void> {
		for (;;) {
			const taken = await this.#redis.set(this.#key, this.#holder, 'PX', LEASE_MS, 'NX').catch(() => null);
			if (taken === 'OK') break;
			await new Promise((resolve) => setTimeout(resolve, RENEW_EVERY_MS));
		}
		this.#timer = setInterval(async () => {
			const renewed = await this.#redis.eval(RENEW, 1, this.#key, this.#holder, String(LEASE_MS)).catch(() => null);
			if (renewed === 0) {
				this.release();
				onLost();
			}
		}, RENEW_EVERY_MS);
	}

	release(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}
}
