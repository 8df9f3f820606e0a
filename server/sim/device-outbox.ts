/**
 * The simulated devices' outbox: events wait here until the ingest API has answered for them, and
 * are resent with the same ids until it has (ingest deduplicates them). Each device posts its own
 * events with its own credential, as real tablets and phones do. An answered event leaves the
 * outbox whatever the answer: a refused or conflicting one (its id taken by other content) would
 * be answered the same way however often it was resent.
 */
import type { DeviceEvent, IngestResponse } from '../../src/lib/protocol/index';

const OUTBOX_LIMIT = 20_000;
const BATCH = 1000;

export class DeviceOutbox {
	#events: DeviceEvent[] = [];
	#sending = false;
	#warnedOffline = false;
	#ingestUrl: string;
	#devices: Map<string, string>;
	#logger?: Pick<Console, 'warn'>;

	constructor({ ingestUrl, devices, logger }: { ingestUrl: string; devices: Map<string, string>; logger?: Pick<Console, 'warn'> }) {
		this.#ingestUrl = ingestUrl;
		this.#devices = devices;
		this.#logger = logger;
	}

	/** Events not yet answered for. */
	get pending(): number {
		return this.#events.length;
	}

	/** Keeps the newest OUTBOX_LIMIT events when the server stays away long. */
	queue(event: DeviceEvent): void {
		this.#events.push(event);
		if (this.#events.length > OUTBOX_LIMIT) this.#events.splice(0, this.#events.length - OUTBOX_LIMIT);
	}

	async flush(): Promise<void> {
		if (this.#sending || this.#events.length === 0) return;
		this.#sending = true;
		const batch = this.#events.slice(0, BATCH);
		const byDevice = new Map<string, DeviceEvent[]>();
		for (const event of batch) byDevice.set(event.deviceId, [...(byDevice.get(event.deviceId) ?? []), event]);
		try {
			const answers = await Promise.all(
				[...byDevice].map(([deviceId, events]) =>
					fetch(this.#ingestUrl, {
						method: 'POST',
						headers: { 'content-type': 'application/json', authorization: `Bearer ${this.#devices.get(deviceId) ?? ''}` },
						body: JSON.stringify({ events }),
						signal: AbortSignal.timeout(5000)
					})
				)
			);
			if (answers.some((response) => response.status === 503 || response.status === 429)) throw new Error(`ingest unavailable (${answers.map((r) => r.status).join(',')})`);
			// Accepted, refused or conflicting, the server has answered for each event: the batch leaves the outbox.
			this.#events.splice(0, batch.length);
			let conflicts = 0;
			let firstConflict = '';
			for (const response of answers) {
				if (response.status !== 200) {
					this.#logger?.warn(`sim: ingest answered ${response.status}: ${await response.text()}`);
					continue;
				}
				const answer = (await response.json()) as IngestResponse;
				for (const result of answer.results ?? []) if (result.status === 'conflict') firstConflict ||= result.reason;
				conflicts += answer.results?.filter((result) => result.status === 'conflict').length ?? 0;
			}
			// A simulated device reusing an id for other content is a bug in the simulator: say so, once per batch.
			if (conflicts > 0) this.#logger?.warn(`sim: ${conflicts} event${conflicts === 1 ? '' : 's'} conflicted with an earlier one of the same id (dropped, not resent): ${firstConflict}`);
			this.#warnedOffline = false;
		} catch (error) {
			if (!this.#warnedOffline) this.#logger?.warn(`sim: cannot post events yet, keeping ${this.#events.length} to resend: ${(error as Error).message}`);
			this.#warnedOffline = true;
		} finally {
			this.#sending = false;
		}
	}
}
