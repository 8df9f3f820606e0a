/**
 * How good is the finish forecast (预计完成时间)? Replays a Chengmen round from 08:00 China time with
 * the simulator's roster arrivals and the demo's home visits (scripts/coverage-day.ts), runs the
 * forecast at 10:00, 14:00 and 18:00 from what the board would see, and compares with when the last
 * member who comes was actually sampled (site or home). 14:00 is the one held to ±30 min; the
 * others are shown against the same 30 minutes, misses included. A day not finished by the replay's
 * end is said so, with the share sampled. In-process, simulated time, seeded.
 *
 * The round follows the timetable the demo lays out (each site's villages in turn, 各村时间安排表);
 * --no-timetable replays it with none, the forecast then judging from arrival rates alone.
 *
 *   npm run eval:coverage [-- --json] [-- --seed 7] [-- --seeds 8] [-- --no-timetable]
 */
import { ERROR_TARGET_MIN, replayCoverageDay, type CoverageDay } from './coverage-day';

const option = (name: string) => (process.argv.indexOf(name) > 0 ? Number(process.argv[process.argv.indexOf(name) + 1]) : null);
const firstSeed = option('--seed') ?? 20220401;
const days = Array.from({ length: Math.max(1, option('--seeds') ?? 1) }, (_, i) => ({ seed: firstSeed + i, day: replayCoverageDay({ seed: firstSeed + i, timetable: !process.argv.includes('--no-timetable') }) }));
const china = (epochMs: number) => new Date(epochMs).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
const finishText = (day: CoverageDay) => (day.actualFinishAt === null ? `not finished by ${china(day.replayEnd)} (${((100 * day.sampled) / day.registered).toFixed(1)} % sampled)` : china(day.actualFinishAt));

if (process.argv.includes('--json')) {
	const scored = days.map(({ seed, day }) => ({ seed, actualFinishAt: day.actualFinishAt === null ? null : new Date(day.actualFinishAt).toISOString(), sampledShare: day.sampled / day.registered, forecastErrorMin: Object.fromEntries(day.checkpoints.map((each) => [each.at, each.errorMin === null ? null : Math.abs(each.errorMin)])) }));
	// One JSON object for one day; a list with --seeds.
	console.log(JSON.stringify(scored.length === 1 ? scored[0] : scored));
} else {
	for (const { seed, day } of days) {
		console.log(`Chengmen round from ${china(day.roundStart)} (China time), seed ${seed}: ${day.sampled.toLocaleString()} of ${day.registered.toLocaleString()} registered sampled (${day.sampledAtHome} at home; ${(day.registered - day.coming).toLocaleString()} never come); the last at ${finishText(day)}`);
		console.table(day.checkpoints.map((each) => ({ at: each.at, forecast: china(each.forecastFinishAt), actual: finishText(day), errorMin: each.errorMin ?? 'n/a', [`within ${ERROR_TARGET_MIN}`]: each.errorMin === null ? 'n/a' : Math.abs(each.errorMin) <= ERROR_TARGET_MIN ? 'yes' : 'MISS', judged: each.at === '14:00' ? 'target' : 'shown', lastVillage: each.lastVillage, bound: each.bound })));
	}
	const at = [...new Set(days.flatMap(({ day }) => day.checkpoints.map((each) => each.at)))];
	for (const hhmm of at) {
		const errors = days.map(({ day }) => day.checkpoints.find((each) => each.at === hhmm)?.errorMin).filter((error): error is number => typeof error === 'number').map(Math.abs);
		const unfinished = days.filter(({ day }) => day.actualFinishAt === null).length;
		const summary = errors.length === 0 ? 'no finished day to score' : `|error| ${days.length > 1 ? `mean ${Math.round(errors.reduce((a, b) => a + b, 0) / errors.length)}, max ${Math.max(...errors)}` : errors[0]} min, ${errors.filter((error) => error <= ERROR_TARGET_MIN).length}/${errors.length} within ${ERROR_TARGET_MIN}`;
		console.log(`${hhmm}${hhmm === '14:00' ? ' (the target)' : ''}: ${summary}${unfinished ? `; ${unfinished} day(s) not finished` : ''}`);
	}
}
