/**
 * How good is the finish forecast (预计完成时间)? Replays a Chengmen round from 08:00 China time with
 * the simulator's roster arrivals (scripts/coverage-day.ts), runs the forecast at 10:00, 14:00 and
 * 18:00 from what the board would see, and compares with when the last member who came was
 * actually sampled. In-process, simulated time, seeded.
 *
 *   npm run eval:coverage [-- --json] [-- --seed 7]
 */
import { replayCoverageDay } from './coverage-day';

const seedIndex = process.argv.indexOf('--seed');
const seed = seedIndex > 0 ? Number(process.argv[seedIndex + 1]) : 20220401;
const day = replayCoverageDay({ seed });
const china = (epochMs: number) => new Date(epochMs).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);

if (process.argv.includes('--json')) {
	console.log(JSON.stringify({ forecastErrorMin: Object.fromEntries(day.checkpoints.map((each) => [each.at, Math.abs(each.errorMin)])), actualFinishAt: new Date(day.actualFinishAt).toISOString() }));
} else {
	console.log(`Chengmen round from ${china(day.roundStart)} (China time), seed ${seed}: ${day.sampled.toLocaleString()} of ${day.registered.toLocaleString()} registered sampled; the last at ${china(day.actualFinishAt)}`);
	console.table(day.checkpoints.map((each) => ({ at: each.at, forecast: china(each.forecastFinishAt), actual: china(day.actualFinishAt), errorMin: each.errorMin, lastVillage: each.lastVillage, bound: each.bound })));
	const at14 = day.checkpoints.find((each) => each.at === '14:00');
	if (at14) console.log(`error at 14:00: ${Math.abs(at14.errorMin)} min (target ≤ 30)`);
}
