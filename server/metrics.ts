/** Process counters, exposed as Prometheus text at /metrics. */
export class Metrics {
	#counters = new Map<string, number>();
	#gauges = new Map<string, () => number>();

	/** A value read when /metrics is scraped. */
	gauge(name: string, read: () => number): void {
		this.#gauges.set(name, read);
	}

	increment(name: string, labels: Record<string, string> = {}, by = 1): void {
		const key = `${name}${formatLabels(labels)}`;
		this.#counters.set(key, (this.#counters.get(key) ?? 0) + by);
	}

	value(name: string, labels: Record<string, string> = {}): number {
		return this.#counters.get(`${name}${formatLabels(labels)}`) ?? 0;
	}

	render(gauges: Record<string, number> = {}): string {
		const lines = [...this.#counters.entries()].map(([key, value]) => `${key} ${value}`);
		for (const [name, value] of Object.entries(gauges)) lines.push(`${name} ${value}`);
		for (const [name, read] of this.#gauges) lines.push(`${name} ${Math.round(read() * 100) / 100}`);
		return lines.sort().join('\n') + '\n';
	}
}

function formatLabels(labels: Record<string, string>): string {
	const entries = Object.entries(labels);
	if (entries.length === 0) return '';
	return `{${entries.map(([key, value]) => `${key}="${value.replace(/["\\\n]/g, '_')}"`).join(',')}}`;
}
