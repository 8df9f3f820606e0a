/**
 * The village officers' phones (三人小组) of the demo: each signed in as its village's quarantine
 * officer, it reads the village's rounds of today as /field/quarantine does (GET /api/quarantine/rounds) and
 * does the rounds officer-rounds.ts schedules, over the same API a real phone uses: follow-ups
 * morning and evening, door-to-door samples and the lab's results, supplies, releases of the cases
 * the server says are releasable, and each returnee registered as they arrive through the day.
 *
 * It never touches the state. After a restart it goes on from what the server has: a follow-up
 * already recorded is resent with the same report id (a duplicate), a sample already taken is not
 * due any more, a returnee already registered today is a duplicate; nothing is recorded twice.
 */
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import { officerActions, positiveTestOf, type OfficerAction, type SeenCase } from './officer-rounds';
import type { Arrival } from './scenarios/chengmen-quarantine';
import { concernDismissals, type ConcernDismissal } from './concern-handling';
import { OfficerDoorVisits } from './officer-door-visits';

/** The officer meets a returnee this long after they arrive, and registers them then. */
const REGISTER_AFTER_MS = 20 * 60_000;
const HOUR = 3_600_000;

/**
 * What a village's phone does by `now`: the rounds (officer-rounds.ts), then the standing fevers
 * its team has re-checked or seen by then (concern-handling.ts), in time order.
 */
export function dueActions(input: Parameters<typeof officerActions>[0]): (OfficerAction | ConcernDismissal)[] {
	const own = input.cases.filter((c) => c.villageId === input.villageId);
	return [...officerActions(input), ...concernDismissals(own, input.now)].sort((a, b) => a.at - b.at);
}

export class OfficerPhones {
	#origin: string;
	/** Village id → the officer's session. */
	#phones: Map<string, string>;
	#arrivals: (day: string) => Arrival[];
	#logger?: Pick<Console, 'warn'>;
	#seen = new Map<string, SeenCase[]>();
	/** What this run has had answered (actions and registrations): not sent again. */
	#done = new Set<string>();
	#next = 0;
	#busy = false;
	#arrivalsOf: { day: string; list: Arrival[] } | null = null;
	/** When this phone first listed each case: a case listed after its round is visited then. */
	#firstSeen = new Map<string, number>();
	/**
	 * The day's positive test, once chosen: the rounds list only tests still to take, so a choice
	 * made again after the positive is recorded would fall on another case (a second positive).
	 */
	#positive: { day: string; testId: number | null } | null = null;
	/** Door-to-door visits and positive pools' re-tests (上门采样, 单采复核). */
	#doors = new OfficerDoorVisits();

	constructor({ origin, phones, arrivals, logger }: { origin: string; phones: Map<string, string> | Promise<Map<string, string>>; arrivals?: (day: string) => Arrival[]; logger?: Pick<Console, 'warn'> }) {
		this.#origin = origin;
		// No phone acts until the officers are signed in (the demo does so once its quarantine population is loaded).
		this.#phones = new Map();
		void Promise.resolve(phones).then((ready) => (this.#phones = ready));
		this.#arrivals = arrivals ?? (() => []);
		this.#logger = logger;
	}

	/** One phone looks at its village and does what is due, in turn through the villages. */
	async tick(now: number): Promise<void> {
		const villages = [...this.#phones.keys()];
		if (this.#busy || villages.length === 0) return;
		this.#busy = true;
		try {
			const villageId = villages[this.#next++ % villages.length];
			const seen = await this.#get<{ cases: SeenCase[] }>(villageId, '/api/quarantine/rounds');
			if (!seen) return;
			this.#seen.set(villageId, seen.cases);
			for (const c of seen.cases) if (!this.#firstSeen.has(c.id)) this.#firstSeen.set(c.id, now);
			await this.#registerArrivals(villageId, now);
			// The day's positive test is chosen across all villages: act once every phone has looked.
			if (this.#seen.size < villages.length) return;
			const day = serviceDay(now);
			if (this.#positive?.day !== day) this.#positive = { day, testId: positiveTestOf([...this.#seen.values()].flat(), day) };
			const positiveTestId = this.#positive.testId;
			for (const action of dueActions({ villageId, cases: seen.cases, day, now, positiveTestId, firstSeen: this.#firstSeen })) {
				if (this.#done.has(action.key)) continue;
				if (await this.#act(villageId, action)) this.#done.add(action.key);
			}
			await this.#doors.tick(villageId, now, (path) => this.#get(villageId, path), (path, body) => this.#post(villageId, path, body));
		} finally {
			this.#busy = false;
		}
	}

	async #registerArrivals(villageId: string, now: number): Promise<void> {
		const day = serviceDay(now);
		if (this.#arrivalsOf?.day !== day) {
			this.#arrivalsOf = { day, list: this.#arrivals(day) };
			// Yesterday's keys are done with.
			for (const key of this.#done) if (!key.includes(day)) this.#done.delete(key);
		}
		for (const arrival of this.#arrivalsOf.list) {
			const arrivalAt = serviceDayStart(day) + arrival.minute * 60_000;
			if (arrival.villageId !== villageId || arrivalAt + REGISTER_AFTER_MS > now || this.#done.has(arrival.key)) continue;
			const body = {
				villageId, name: arrival.name, idNumber: arrival.idNumber, phone: arrival.phone, arrivalAt: new Date(arrivalAt).toISOString(), originPlace: arrival.originPlace,
				originRisk: arrival.originRisk, workPlace: arrival.workPlace, transportMode: arrival.transportMode, ...(arrival.transportNumber ? { transportNumber: arrival.transportNumber } : {}),
				lastNegativeTestAt: arrival.negativeHoursBefore === null ? null : new Date(arrivalAt - arrival.negativeHoursBefore * HOUR).toISOString(),
				contactKind: arrival.contactKind, ...(arrival.home ? { home: arrival.home } : {})
			};
			// Registered, or already registered (409: this person's arrival today, before a restart).
			if (await this.#post(villageId, '/api/quarantine/returnees', body)) this.#done.add(arrival.key);
		}
	}

	#act(villageId: string, action: OfficerAction | ConcernDismissal): Promise<boolean> {
		switch (action.kind) {
			case 'dismiss_fever':
				return this.#post(villageId, `/api/quarantine/cases/${action.caseId}/dismiss-fever`, { reason: action.reason });
			case 'follow_up':
				return this.#post(villageId, '/api/quarantine/follow-ups', { caseId: action.caseId, reportId: action.reportId, takenAt: new Date(action.takenAt).toISOString(), temperatureC: action.temperatureC, symptoms: action.symptoms, slot: action.slot });
			case 'sample':
				return this.#post(villageId, `/api/quarantine/tests/${action.testId}/result`, { result: 'pending' });
			case 'result':
				return this.#post(villageId, `/api/quarantine/tests/${action.testId}/result`, { result: action.result });
			case 'delivery':
				return this.#post(villageId, '/api/quarantine/deliveries', { caseId: action.caseId });
			case 'release':
				return this.#post(villageId, `/api/quarantine/cases/${action.caseId}/release`, {});
		}
	}

	async #get<T>(villageId: string, path: string): Promise<T | null> {
		try {
			const response = await fetch(`${this.#origin}${path}`, { headers: { authorization: `Bearer ${this.#phones.get(villageId)}` }, signal: AbortSignal.timeout(5000) });
			return response.ok ? ((await response.json()) as T) : null;
		} catch {
			return null;
		}
	}

	/**
	 * True once the server has answered for it (done, or refused for good: a 4xx says the same on
	 * every resend, e.g. no delivery due today); false when it should be tried again (offline, 5xx, 429).
	 */
	async #post(villageId: string, path: string, body: unknown): Promise<boolean> {
		try {
			const response = await fetch(`${this.#origin}${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${this.#phones.get(villageId)}` },
				body: JSON.stringify(body),
				signal: AbortSignal.timeout(5000)
			});
			if (response.status >= 500 || response.status === 429 || response.status === 401) return false;
			if (response.status >= 400 && response.status !== 409) this.#logger?.warn(`sim: officer phone ${path} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
			else await response.arrayBuffer();
			return true;
		} catch {
			return false;
		}
	}
}
