/**
 * Does moving samplers as recommended cut waiting? Runs the Chengmen morning twice from the same
 * seed, once with the staffing the plan gave and once with the recommendations of
 * src/lib/domain/staffing-plan.ts applied automatically every 10 minutes, and prints both.
 *
 *   npm run eval:staffing [-- --json] [-- --seed 7]
 *
 * The day: every registered resident of each site's villages comes between 07:00 and 15:00, half
 * of them spread evenly and half in a wave peaking at 09:00; at 08:30 returnees arriving add 250 people at 金兰村 within the hour, and
 * 白畈村's arrivals double until 10:00 (its residents come earlier, not more of them). Each site
 * has 3 desks set up and 4 samplers (2 desks staffed); a sampler reaching the 4-hour PPE limit is
 * relieved by the next shift at the same site. Service is 200 people per staffed desk-hour.
 * The recommended run sees only what the board sees: queue lengths, people served, staff.
 */
import { chengmen } from '../server/sim/scenarios/chengmen';
import { mulberry32 } from '../server/sim/site-queue-model';
import { arrivalRatePerMinute, staffedDesks, STAFFING_RULES, type SamplerOnShift, type SiteStaffing } from '../src/lib/domain/staffing';
import { planMoves } from '../src/lib/domain/staffing-plan';

const START_MINUTE = 7 * 60;
const ARRIVALS_END_MINUTE = 15 * 60;
const PEAK_MINUTE = 9 * 60;
const LAST_MINUTE = 24 * 60 - 1;
const DECIDE_EVERY = 10;
const MEASURE_WINDOW = 15;
const SURGE = { returneesAt: 'site-jinlan', returnees: 250, returneesFrom: 8.5 * 60, returneesTo: 9.5 * 60, doubledAt: 'site-baifan', doubledFrom: 8.5 * 60, doubledTo: 10 * 60 };

interface SimSite {
	id: string;
	name: string;
	location: { lat: number; lon: number };
	desks: number;
	residents: number;
	arrived: number;
	served: number;
	/** Waiting people in arrival order: [minute they arrived, how many]. */
	queue: [number, number][];
	queueLength: number;
	samplers: SamplerOnShift[];
	carry: number;
	doneAt: number | null;
	/** Queue length and people served at each minute, for the board's estimates. */
	history: { queue: number; served: number }[];
}

function setUp(seedShift: number): SimSite[] {
	const ledgers = chengmen.ledgers();
	const membersOf = new Map<string, number>();
	for (const household of ledgers.households) membersOf.set(household.village, (membersOf.get(household.village) ?? 0) + household.members);
	let shift = seedShift;
	return ledgers.sites.map((site) => ({
		id: site.code,
		name: site.name,
		location: { lat: site.latitude, lon: site.longitude },
		desks: site.desks,
		residents: site.villages.reduce((total, village) => total + (membersOf.get(village) ?? 0), 0) + (site.code === SURGE.returneesAt ? SURGE.returnees : 0),
		arrived: 0,
		served: 0,
		queue: [],
		queueLength: 0,
		samplers: ledgers.staff.filter((person) => person.role === 'sampler' && person.site === site.code).map((person) => ({ id: `${person.code}#${shift++ * 0}`, hoursWorked: 0, ppeLimitHours: person.ppeLimitHours ?? 4 })),
		carry: 0,
		doneAt: null,
		history: []
	}));
}

/** Expected arrivals in one minute: a triangle over the morning peaking at 09:00, shaped per site by the surge. */
function expectedArrivals(site: SimSite, minute: number): number {
	if (minute >= ARRIVALS_END_MINUTE || site.arrived >= site.residents) return 0;
	const rise = PEAK_MINUTE - START_MINUTE;
	const fall = ARRIVALS_END_MINUTE - PEAK_MINUTE;
	const weight = minute < PEAK_MINUTE ? (minute - START_MINUTE + 0.5) / rise : (ARRIVALS_END_MINUTE - minute - 0.5) / fall;
	const span = ARRIVALS_END_MINUTE - START_MINUTE;
	let expected = (0.5 * site.residents) / span + ((0.5 * 2 * site.residents) / span) * Math.max(0, weight);
	if (site.id === SURGE.doubledAt && minute >= SURGE.doubledFrom && minute < SURGE.doubledTo) expected *= 2;
	if (site.id === SURGE.returneesAt && minute >= SURGE.returneesFrom && minute < SURGE.returneesTo) expected += SURGE.returnees / (SURGE.returneesTo - SURGE.returneesFrom);
	return expected;
}

function run(mode: 'static' | 'recommended', seed: number) {
	const random = mulberry32(seed);
	const sites = setUp(0);
	const byId = new Map(sites.map((site) => [site.id, site]));
	const inTransit: { sampler: SamplerOnShift; to: string; arrivesAt: number }[] = [];
	const waits: number[] = [];
	let maxQueue = 0;
	let moves = 0;
	let reliefs = 0;

	// Moves made so far: the plan sends no staff back along one of the last hour, as the board's does.
	const made: { fromSiteId: string; toSiteId: string; atMs: number }[] = [];
	for (let minute = START_MINUTE; minute < LAST_MINUTE; minute++) {
		for (const move of inTransit.filter((each) => each.arrivesAt <= minute)) {
			byId.get(move.to)!.samplers.push(move.sampler);
			inTransit.splice(inTransit.indexOf(move), 1);
		}
		if (mode === 'recommended' && minute % DECIDE_EVERY === 0) {
			// The board's plan, knowing who is already on the way (as the server's board does).
			const onTheWay = inTransit.map((each) => ({ toSiteId: each.to, count: 1, etaMs: each.arrivesAt * 60_000 }));
			for (const move of planMoves({ sites: sites.map((site) => boardView(site, minute)), inTransit: onTheWay, now: minute * 60_000, recentMoves: made })) {
				made.push({ fromSiteId: move.fromSiteId, toSiteId: move.toSiteId, atMs: minute * 60_000 });
				const from = byId.get(move.fromSiteId)!;
				for (const id of move.samplerIds) {
					const sampler = from.samplers.find((each) => each.id === id)!;
					from.samplers.splice(from.samplers.indexOf(sampler), 1);
					inTransit.push({ sampler: { ...sampler, hoursWorked: sampler.hoursWorked + move.travelMinutes / 60, minutesSinceMoved: 0 }, to: move.toSiteId, arrivesAt: minute + move.travelMinutes });
				}
				moves++;
			}
		}
		for (const site of sites) {
			const expected = expectedArrivals(site, minute);
			// Poisson-like noise, never more people than the villages have.
			const arrivals = Math.min(site.residents - site.arrived, Math.max(0, Math.round(expected + (random() - 0.5) * 2 * Math.sqrt(expected))));
			site.arrived += arrivals;
			if (minute === ARRIVALS_END_MINUTE - 1 && site.arrived < site.residents) {
				// Stragglers: whoever has not come by the end of arrivals comes now.
				site.queue.push([minute, site.residents - site.arrived]);
				site.queueLength += site.residents - site.arrived;
				site.arrived = site.residents;
			}
			if (arrivals > 0) site.queue.push([minute, arrivals]);
			site.queueLength += arrivals;
			const capacity = staffedDesks(site) * (STAFFING_RULES.peoplePerSamplerHour / 60) + site.carry;
			let toServe = Math.min(site.queueLength, Math.floor(capacity));
			site.carry = site.queueLength > toServe ? capacity - Math.floor(capacity) : 0;
			const servedNow = toServe;
			while (toServe > 0) {
				const head = site.queue[0];
				const take = Math.min(head[1], toServe);
				for (let n = 0; n < take; n++) waits.push(minute - head[0]);
				head[1] -= take;
				toServe -= take;
				if (head[1] === 0) site.queue.shift();
			}
			site.queueLength -= servedNow;
			site.served += servedNow;
			site.history.push({ queue: site.queueLength, served: servedNow });
			maxQueue = Math.max(maxQueue, site.queueLength);
			if (site.doneAt === null && site.served >= site.residents) site.doneAt = minute + 1;
			for (const sampler of site.samplers) {
				sampler.hoursWorked += 1 / 60;
				if (sampler.minutesSinceMoved !== undefined) sampler.minutesSinceMoved++;
				if (sampler.hoursWorked >= sampler.ppeLimitHours) {
					// The next shift takes over the desk.
					sampler.id = `${sampler.id}+`;
					sampler.hoursWorked = 0;
					sampler.minutesSinceMoved = undefined;
					reliefs++;
				}
			}
		}
		if (sites.every((site) => site.doneAt !== null)) break;
	}
	// Whoever is still waiting when the day is cut off has waited until then, and counts.
	for (const site of sites) for (const [arrivedAt, count] of site.queue) for (let n = 0; n < count; n++) waits.push(LAST_MINUTE - arrivedAt);
	waits.sort((a, b) => a - b);
	const percentile = (p: number) => waits[Math.min(waits.length - 1, Math.floor((p / 100) * waits.length))];
	const lastDone = Math.max(...sites.map((site) => site.doneAt ?? LAST_MINUTE));
	return {
		p50WaitMin: percentile(50),
		p95WaitMin: percentile(95),
		meanWaitMin: Math.round(waits.reduce((total, wait) => total + wait, 0) / waits.length),
		maxQueue,
		lastVillageDoneAt: `${String(Math.floor(lastDone / 60)).padStart(2, '0')}:${String(lastDone % 60).padStart(2, '0')}`,
		people: waits.length,
		moves,
		reliefs
	};
}

/** What the staffing board knows of a site at a minute: its queue, people served lately and staff. */
function boardView(site: SimSite, minute: number): SiteStaffing {
	const window = site.history.slice(-MEASURE_WINDOW);
	const arrivals = window.length === 0 ? 0 : arrivalRatePerMinute({ queueAtStart: window[0].queue, queueAtEnd: site.queueLength, servedInWindow: window.slice(1).reduce((total, step) => total + step.served, 0), windowMinutes: Math.max(1, window.length - 1) });
	return {
		id: site.id, name: site.name, townshipId: 't:城门街道', location: site.location, open: minute < LAST_MINUTE, desks: site.desks,
		queueLength: site.queueLength, arrivalsPerMinute: arrivals, peoplePerSamplerHour: STAFFING_RULES.peoplePerSamplerHour, samplers: site.samplers
	};
}

const seedIndex = process.argv.indexOf('--seed');
const seed = seedIndex > 0 ? Number(process.argv[seedIndex + 1]) : 20220401;
const results = { static: run('static', seed), recommended: run('recommended', seed) };

if (process.argv.includes('--json')) {
	const pick = ({ p50WaitMin, p95WaitMin, maxQueue, lastVillageDoneAt }: ReturnType<typeof run>) => ({ p50WaitMin, p95WaitMin, maxQueue, lastVillageDoneAt });
	console.log(JSON.stringify({ static: pick(results.static), recommended: pick(results.recommended) }));
} else {
	console.log(`Chengmen morning surge, seed ${seed}: ${results.static.people.toLocaleString()} people`);
	console.table(results);
	const cut = 1 - results.recommended.p95WaitMin / results.static.p95WaitMin;
	console.log(`p95 wait ${Math.round(cut * 100)} % lower with recommendations (target ≥ 40 %); last village done ${results.static.lastVillageDoneAt} → ${results.recommended.lastVillageDoneAt}`);
}
