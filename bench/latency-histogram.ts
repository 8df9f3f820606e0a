/** Latencies in 1 ms buckets up to a minute: percentiles of millions of deliveries in constant memory. */
export class LatencyHistogram {
	#buckets = new Float64Array(60_001);
	count = 0;

	/** Adds another histogram's counts (from a dashboard worker). */
	merge(buckets: number[]): void {
		for (let ms = 0; ms < buckets.length; ms++) {
			this.#buckets[ms] += buckets[ms];
			this.count += buckets[ms];
		}
	}

	/** The counts per millisecond, trailing zeros dropped, to send to another process. */
	toJSON(): number[] {
		let last = this.#buckets.length - 1;
		while (last > 0 && this.#buckets[last] === 0) last--;
		return Array.from(this.#buckets.subarray(0, last + 1));
	}

	record(ms: number): void {
		this.#buckets[Math.min(60_000, Math.max(0, Math.round(ms)))]++;
		this.count++;
	}

	percentile(p: number): number {
		if (this.count === 0) return NaN;
		const rank = Math.ceil((p / 100) * this.count);
		let seen = 0;
		for (let ms = 0; ms < this.#buckets.length; ms++) {
			seen += this.#buckets[ms];
			if (seen >= rank) return ms;
		}
		return 60_000;
	}
}
