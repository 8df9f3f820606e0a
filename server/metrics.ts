/**
 * Process counters, exposed as Prometheus text at /metrics.
 *
 * Every label set is a new series for Prometheus to keep, so labels must come from a fixed set.
 * Callers name the values (a type, a field); as a last guard against a value that carries input
 * (an index, an id), a value that is not a short plain name becomes "other", and a metric keeps at
 * most MAX_SERIES_PER_METRIC series, further label sets counting under "other".
 */
const PLAIN_LABEL_VALUE = /^[A-Za-z0-9_.:-]{1,64}$/;
const OTHER = 'other';

export class Metrics {
	static readonly MAX_SERIES_PER_METRIC = 50;
	#counters = new Map<string, number>();
	#seriesPerMetric = new Map<string, number>();
	#gauges = new Map<string, () => number>();

	/** A value read when /metrics is scraped. */
	gauge(name: string, read: () => number): void {
		this.#gauges.set(name, read);
	}

	increment(name: string, labels: Record<string, string> = {}, by = 1): void {
		let key = `${name}${formatLabels(plain(labels))}`;
		if (!this.#counters.has(key)) {
			const series = this.#seriesPerMetric.get(name) ?? 0;
			// The last place is kept for "other", so the cap holds however many label sets arrive.
			if (series >= Metrics.MAX_SERIES_PER_METRIC - 1) key = `${name}${formatLabels(Object.fromEntries(Object.keys(labels).map((label) => [label, OTHER])))}`;
			if (!this.#counters.has(key)) this.#seriesPerMetric.set(name, series + 1);
		}
		this.#counters.set(key, (this.#counters.get(key) ?? 0) + by);
	}

	value(name: string, labels: Record<string, string> = {}): number {
		return this.#counters.get(`${name}${formatLabels(plain(labels))}`) ?? 0;
	}

	render(gauges: Record<string, number> = {}): string {
		const lines = [...this.#counters.entries()].map(([key, value]) => `${key} ${value}`);
		for (const [name, value] of Object.entries(gauges)) lines.push(`${name} ${value}`);
		for (const [name, read] of this.#gauges) lines.push(`${name} ${Math.round(read() * 100) / 100}`);
		return lines.sort().join('\n') + '\n';
	}
}

function plain(labels: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(labels).map(([label, value]) => [label, PLAIN_LABEL_VALUE.test(value) ? value : OTHER]));
}

function formatLabels(labels: Record<string, string>): string {
	const entries = Object.entries(labels);
	if (entries.length === 0) return '';
	return `{${entries.map(([key, value]) => `${key}="${value}"`).join(',')}}`;
}

/** Prometheus's text exposition format; without a content type some scrapers refuse the answer. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function sendMetrics(res: import('node:http').ServerResponse, text: string): void {
	res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' });
	res.end(text);
}
