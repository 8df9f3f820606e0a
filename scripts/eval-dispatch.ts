/**
 * Can a dispatcher run a Chengmen morning from /dispatch with no box over its 4-hour limit? Plays
 * the morning's boxes twice with the same couriers: once driving the scenario's fixed loops (each
 * courier its group's sites, then the lab, over and over), once accepting every pickup run the
 * board suggests (src/lib/domain/custody.ts planPickups, re-planned every 5 minutes for the
 * couriers that are free), and prints both, for 3 couriers and for fewer.
 *
 *   npm run eval:dispatch [-- --json] [-- --box-every 30]
 *
 * The morning: every registered resident is sampled between 08:00 and 12:00, evenly (the sampling
 * plan), 10 to a tube; each site seals a box every --box-every minutes (default 30) and at 12:00.
 * Driving is what the board assumes: 35 km/h on roads 1.3 × the straight line, 5 minutes at each
 * stop. Couriers start at the lab at 08:00; the day is followed until 18:00.
 */
import { chengmen } from '../server/sim/scenarios/chengmen';
import { arrivalTimes, planPickups, CUSTODY_RULES } from '../src/lib/domain/custody';
import { distanceMetres, type LatLon } from '../src/lib/domain/coordinates';
import { sampleDeadline } from '../src/lib/domain/sample-deadline';

const MIN = 60_000;
const DAY = Date.parse('2026-11-23T00:00:00+08:00');
const at = (hour: number) => DAY + hour * 3_600_000;
const [SAMPLING_FROM, SAMPLING_TO, FOLLOW_TO] = [at(8), at(12), at(18)];
const REPLAN_EVERY_MIN = 5;

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const BOX_EVERY_MIN = option('--box-every', 30);

interface Box { id: string; siteId: string; sealedAt: number; tubes: number; pickedAt: number | null; deliveredAt: number | null }
interface Leg { to: LatLon; arriveAt: number; siteId: string | null }
interface Courier { id: string; here: LatLon; legs: Leg[]; carried: Box[]; km: number; loop: string[] }

function morning() {
	const ledgers = chengmen.ledgers();
	const residents = new Map<string, number>();
	for (const household of ledgers.households) residents.set(household.village, (residents.get(household.village) ?? 0) + household.members);
	const sites = new Map(ledgers.sites.map((site) => [site.code, { id: site.code, location: { lat: site.latitude, lon: site.longitude }, perMinute: site.villages.reduce((sum, village) => sum + (residents.get(village) ?? 0), 0) / ((SAMPLING_TO - SAMPLING_FROM) / MIN) }]));
	const lab = ledgers.labs.find((each) => each.kind === 'lab')!;
	const boxes: Box[] = [];
	for (const site of sites.values()) {
		for (let sealAt = SAMPLING_FROM + BOX_EVERY_MIN * MIN; sealAt <= SAMPLING_TO; sealAt += BOX_EVERY_MIN * MIN) {
			boxes.push({ id: `${site.id}@${sealAt}`, siteId: site.id, sealedAt: sealAt, tubes: Math.ceil((site.perMinute * BOX_EVERY_MIN) / 10), pickedAt: null, deliveredAt: null });
		}
	}
	return { sites, lab: { id: lab.code, location: { lat: lab.latitude, lon: lab.longitude }, capacity: lab.capacity }, boxes };
}

type Strategy = 'fixed loops' | 'suggested runs';

function play(strategy: Strategy, courierCount: number) {
	const { sites, lab, boxes } = morning();
	const routes = chengmen.routes.map((route) => route.stops.filter((stop) => sites.has(stop)));
	// With fewer couriers than groups, the loops are shared out: each courier drives its share of the sites.
	const loops = Array.from({ length: courierCount }, (_, index) => routes.filter((_, routeIndex) => routeIndex % courierCount === index).flat());
	const couriers: Courier[] = loops.map((loop, index) => ({ id: `courier-${index + 1}`, here: lab.location, legs: [], carried: [], km: 0, loop }));
	const drive = (courier: Courier, stops: { location: LatLon; siteId: string | null }[], now: number) => {
		const times = arrivalTimes(courier.here, stops.map((stop) => stop.location), now);
		courier.legs = stops.map((stop, index) => ({ to: stop.location, arriveAt: times[index], siteId: stop.siteId }));
	};
	const toLoop = (courier: Courier, now: number) => drive(courier, [...courier.loop.map((siteId) => ({ location: sites.get(siteId)!.location, siteId })), { location: lab.location, siteId: null }], now);
	const planned = new Set<string>();

	for (let now = SAMPLING_FROM; now <= FOLLOW_TO; now += MIN) {
		for (const courier of couriers) {
			while (courier.legs.length > 0 && courier.legs[0].arriveAt <= now) {
				const leg = courier.legs.shift()!;
				courier.km += (distanceMetres(courier.here, leg.to) / 1000) * CUSTODY_RULES.roadFactor;
				courier.here = leg.to;
				if (leg.siteId) {
					planned.delete(leg.siteId);
					for (const box of boxes) if (box.siteId === leg.siteId && box.pickedAt === null && box.sealedAt <= leg.arriveAt) courier.carried.push(Object.assign(box, { pickedAt: leg.arriveAt }));
				} else {
					for (const box of courier.carried) box.deliveredAt = leg.arriveAt;
					courier.carried = [];
				}
			}
		}
		const samplingOrWaiting = now <= SAMPLING_TO || boxes.some((box) => box.pickedAt === null);
		if (strategy === 'fixed loops') {
			for (const courier of couriers) if (courier.legs.length === 0 && (samplingOrWaiting || courier.carried.length > 0)) toLoop(courier, now);
			continue;
		}
		if ((now - SAMPLING_FROM) % (REPLAN_EVERY_MIN * MIN) !== 0) continue;
		const free = couriers.filter((courier) => courier.legs.length === 0);
		const waiting = new Map<string, { siteId: string; location: LatLon; oldestSealedAt: number; tubes: number }>();
		for (const box of boxes) {
			if (box.pickedAt !== null || box.sealedAt > now || planned.has(box.siteId)) continue;
			const entry = waiting.get(box.siteId) ?? { siteId: box.siteId, location: sites.get(box.siteId)!.location, oldestSealedAt: box.sealedAt, tubes: 0 };
			entry.oldestSealedAt = Math.min(entry.oldestSealedAt, box.sealedAt);
			entry.tubes += box.tubes;
			waiting.set(box.siteId, entry);
		}
		if (free.length === 0 || waiting.size === 0) continue;
		const received = boxes.filter((box) => box.deliveredAt !== null).reduce((sum, box) => sum + box.tubes, 0);
		const plan = planPickups({ sites: [...waiting.values()], couriers: free.map((courier) => ({ id: courier.id, location: courier.here, freeAt: now })), labs: [{ id: lab.id, location: lab.location, spareTubes: lab.capacity - received }], now });
		// The dispatcher accepts every suggestion, as /dispatch offers them.
		for (const run of plan.runs) {
			const courier = couriers.find((each) => each.id === run.courierId)!;
			run.siteIds.forEach((siteId) => planned.add(siteId));
			drive(courier, [...run.siteIds.map((siteId) => ({ location: sites.get(siteId)!.location, siteId })), { location: lab.location, siteId: null }], now);
		}
	}

	const ages = boxes.map((box) => (box.deliveredAt === null ? Infinity : (box.deliveredAt - box.sealedAt) / MIN)).sort((a, b) => a - b);
	const percentile = (p: number) => ages[Math.min(ages.length - 1, Math.floor(p * ages.length))];
	return {
		strategy, couriers: courierCount, boxes: boxes.length,
		overLimit: boxes.filter((box) => box.deliveredAt === null || box.deliveredAt > sampleDeadline(box.sealedAt)).length,
		notDelivered: boxes.filter((box) => box.deliveredAt === null).length,
		medianMinutes: Math.round(percentile(0.5)), p95Minutes: Math.round(percentile(0.95)), maxMinutes: Math.round(ages[ages.length - 1]),
		lastDeliveryAt: new Date(Math.max(...boxes.map((box) => box.deliveredAt ?? 0)) + 8 * 3_600_000).toISOString().slice(11, 16),
		courierKm: Math.round(couriers.reduce((sum, courier) => sum + courier.km, 0))
	};
}

const results = [3, 2, 1].flatMap((count) => (['fixed loops', 'suggested runs'] as Strategy[]).map((strategy) => play(strategy, count)));
if (args.includes('--json')) console.log(JSON.stringify({ boxEveryMinutes: BOX_EVERY_MIN, results }, null, 2));
else {
	console.log(`Chengmen morning, a box sealed at every site every ${BOX_EVERY_MIN} min from 08:00 to 12:00 (${results[0].boxes} boxes)\n`);
	console.log('| couriers | strategy | boxes over 4 h | not delivered by 18:00 | median / p95 / max seal→lab | last delivery | courier km |');
	console.log('|---|---|---|---|---|---|---|');
	for (const row of results) console.log(`| ${row.couriers} | ${row.strategy} | ${row.overLimit} | ${row.notDelivered} | ${row.medianMinutes} / ${row.p95Minutes} / ${Number.isFinite(row.maxMinutes) ? row.maxMinutes : '∞'} min | ${row.lastDeliveryAt} | ${row.courierKm} |`);
}
