/** /metrics stays a fixed set of series whatever devices send: labels never carry a device's input. */
import { describe, expect, it } from 'vitest';
import { Metrics } from '../../server/metrics';
import { ingestEvents, type IngestContext } from '../../server/ingest/ingest-events';
import type { EventLog } from '../../server/pipeline/event-log/event-log';
import { box } from '../fixtures/events';

const seriesOf = (metrics: Metrics, name: string) => metrics.render().split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

function ingestContext(metrics: Metrics): IngestContext {
	const log = { append: async (events: unknown[]) => events.map(() => 'appended') } as unknown as EventLog;
	return { log, metrics, known: { sites: new Set(['site-baifan']), vehicles: new Set(['courier-1']), labs: new Set() }, now: () => Date.now() };
}

describe('refusals by field in /metrics', () => {
	it('counts a refusal in a pool under one field, whichever pool it names', async () => {
		const metrics = new Metrics();
		const events = Array.from({ length: 200 }, (_, index) =>
			box({ tubes: 200, people: 400, pools: Array.from({ length: index + 1 }, (_, tube) => ({ tube: tube === index ? 'bad tube!' : `t-${tube}`, householdIds: ['hh-1'] })) })
		);
		const answer = await ingestEvents({ ctx: ingestContext(metrics), input: events, device: { kind: 'device', deviceId: 'tablet-site-baifan', deviceKind: 'site_tablet', scopeId: 'site-baifan' } });
		expect(answer.rejected).toBe(200);
		expect(answer.results[7]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^pools\.7\.tube: /) });
		expect(seriesOf(metrics, 'ingest_rejected_total')).toEqual(['ingest_rejected_total{field="pools.tube"} 200']);
	});

	it('counts a field no event has as "other", not under a name the device chose', async () => {
		const metrics = new Metrics();
		await ingestEvents({ ctx: ingestContext(metrics), input: [{ ...box(), 'évil"name': 1 }, 'not an event'], device: { kind: 'device', deviceId: 'tablet-site-baifan', deviceKind: 'site_tablet', scopeId: 'site-baifan' } });
		for (const line of seriesOf(metrics, 'ingest_rejected_total')) expect(line).toMatch(/^ingest_rejected_total\{field="(event|other)"\} \d+$/);
	});
});

describe('Metrics', () => {
	it('folds label values that are not plain names into "other"', () => {
		const metrics = new Metrics();
		metrics.increment('things_total', { kind: 'a"b\nc' });
		metrics.increment('things_total', { kind: 'x'.repeat(500) });
		expect(seriesOf(metrics, 'things_total')).toEqual(['things_total{kind="other"} 2']);
	});

	it('keeps at most a fixed number of series per metric, folding the rest into "other"', () => {
		const metrics = new Metrics();
		for (let index = 0; index < 1000; index++) metrics.increment('things_total', { kind: `kind-${index}` });
		const series = seriesOf(metrics, 'things_total');
		expect(series.length).toBeLessThanOrEqual(Metrics.MAX_SERIES_PER_METRIC);
		expect(series).toContain(`things_total{kind="other"} ${1000 - (Metrics.MAX_SERIES_PER_METRIC - 1)}`);
		// A series already kept keeps counting under its own labels.
		metrics.increment('things_total', { kind: 'kind-0' });
		expect(metrics.value('things_total', { kind: 'kind-0' })).toBe(2);
	});
});
