/** Token buckets per key (a device, a user, a socket): a burst is allowed, a flood is refused. */
export class RateLimiter {
	#buckets = new Map<string, { tokens: number; at: number }>();
	#capacity: number;
	#perSecond: number;

	constructor({ capacity, perSecond }: { capacity: number; perSecond: number }) {
		this.#capacity = capacity;
		this.#perSecond = perSecond;
	}

	take(key: string, now = Date.now()): boolean {
		const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, at: now };
		bucket.tokens = Math.min(this.#capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.#perSecond);
		bucket.at = now;
		if (this.#buckets.size > 100_000) this.#buckets.clear();
		this.#buckets.set(key, bucket);
		if (bucket.tokens < 1) return false;
		bucket.tokens -= 1;
		return true;
	}
}
