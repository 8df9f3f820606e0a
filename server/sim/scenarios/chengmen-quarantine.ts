/**
 * Chengmen's quarantine population for the demo (seed 003/004): who came back over the last weeks
 * and where they are today, and who arrives through the day. Pure and deterministic from the day:
 * the loader (server/modules/registry/load-quarantine-population.ts) registers the past returnees
 * through the quarantine commands, and the simulated village officers (server/sim/officer-phone.ts)
 * register each day's arrivals, so a restart registers nobody twice (the same person on the same
 * day is a duplicate). Every name, ID number and phone here is synthetic.
 *
 * Homes: mid/high-risk returnees go back to the scenario's home-quarantine households (a special
 * category, a separate room and bathroom, so home quarantine is allowed); those returning to a
 * household whose home does not qualify go to the hotel, as the rules say.
 */
import { addDays } from '../../../src/lib/domain/quarantine';
import type { HouseholdRecord } from '../../../src/lib/ledgers/definitions';
import { mulberry32 } from '../site-queue-model';
import { fakeIdNumber, fakeName, fakePhone } from './fake-people';

const REGION_CODE = '360404';

export type SpecialCategory = 'aged_70_plus' | 'aged_14_or_under' | 'pregnant' | 'severe_illness' | 'relative_critical';
const SPECIAL: SpecialCategory[] = ['aged_70_plus', 'aged_14_or_under', 'pregnant', 'severe_illness'];

export type TransportMode = 'flight' | 'train' | 'coach' | 'car' | 'other';

/** One returnee as the officer registers them (the body of POST /api/quarantine/returnees, less the times). */
export interface PlannedReturnee {
	/** Stable within the plan: what the loader and the tests name them by (never personal). */
	key: string;
	villageId: string;
	householdId: string | null;
	name: string;
	idNumber: string;
	phone: string;
	originPlace: string;
	originRisk: 'low' | 'medium' | 'high';
	workPlace: string;
	transportMode: TransportMode;
	transportNumber: string | null;
	contactKind: 'close' | 'secondary' | null;
	/** Hours before arrival of their last negative test, or null: none in 48 h (test and hold). */
	negativeHoursBefore: number | null;
	/** For a household not on the register: the home as the officer found it. */
	home: { specialCategory: SpecialCategory | null; separateRoom: boolean; separateBathroom: boolean } | null;
}

/** A returnee who arrived before today, and what has happened to them since. */
export interface PastReturnee extends PlannedReturnee {
	/** Arrival day and China-time minute of the day. */
	arrivalDay: string;
	arrivalMinute: number;
	/** Expected path: the loader checks the rules agree (a plan the rules disagree with is a bug). */
	path: 'home_quarantine' | 'health_monitoring' | 'hotel' | 'hotel_then_home';
}

/** An arrival during the day, registered by the village's officer at that minute (China time). */
export interface Arrival extends PlannedReturnee {
	day: string;
	minute: number;
}

/** Where returnees come back from (illustrative; the risk level is the one published on the day). */
const ORIGINS: { place: string; risk: 'low' | 'medium' | 'high' }[] = [
	{ place: '广东省东莞市', risk: 'low' }, { place: '浙江省义乌市', risk: 'low' }, { place: '福建省厦门市', risk: 'low' }, { place: '江苏省苏州市', risk: 'low' },
	{ place: '湖北省武汉市', risk: 'low' }, { place: '广东省深圳市', risk: 'low' }, { place: '上海市浦东新区', risk: 'high' }, { place: '吉林省长春市', risk: 'high' },
	{ place: '上海市闵行区', risk: 'medium' }, { place: '浙江省宁波市', risk: 'medium' }
];
const WORK = ['电子厂', '服装厂', '建筑工地', '物流公司', '餐馆', '个体经营', '学校', '外卖配送'];
const TRAINS = ['G1371', 'D3135', 'G1506', 'K1175', 'G2347', 'D2283'];
const FLIGHTS = ['MU5287', 'CZ3827', 'HO1291', 'MF8437'];

/** The day-of-case each past returnee of a path is on today: day 7 and day 14 come up so that tests and releases are due today. */
const HOME_DAYS = [14, 7, 3, 10, 1, 7, 12, 5, 14, 9, 2, 11, 6, 13, 8, 4];
const HOTEL_DAYS = [14, 7, 4, 10, 2, 12, 6, 9, 13, 3, 11, 5];
/** Days of home monitoring after the hotel's 14 (hotel start = 14 + this - 1 days ago). */
const AFTER_HOTEL_DAYS = [3, 8, 12, 5, 1, 10, 14, 6, 2];
const MONITORING_DAYS = [14, 7, 2, 9, 5, 12, 4, 11, 1, 13, 6, 8];

const HOTEL_CASES = 12;
const MONITORING_CASES = 12;

function person(random: () => number, sequence: number) {
	return { name: fakeName(random), idNumber: fakeIdNumber(random, REGION_CODE, 700 + sequence), phone: fakePhone(random) };
}

function travel(random: () => number): Pick<PlannedReturnee, 'transportMode' | 'transportNumber' | 'workPlace'> {
	const roll = random();
	const workPlace = WORK[Math.floor(random() * WORK.length)];
	if (roll < 0.45) return { transportMode: 'train', transportNumber: TRAINS[Math.floor(random() * TRAINS.length)], workPlace };
	if (roll < 0.6) return { transportMode: 'flight', transportNumber: FLIGHTS[Math.floor(random() * FLIGHTS.length)], workPlace };
	if (roll < 0.8) return { transportMode: 'coach', transportNumber: null, workPlace };
	return { transportMode: 'car', transportNumber: null, workPlace };
}

const origin = (random: () => number, risk: 'low' | 'risky') => {
	const pool = ORIGINS.filter((each) => (risk === 'low' ? each.risk === 'low' : each.risk !== 'low'));
	return pool[Math.floor(random() * pool.length)];
};

const villageIdOf = (household: Pick<HouseholdRecord, 'township' | 'village'>) => `v:${household.township}/${household.village}`;

/**
 * The returnees who came back before today (or early today), as they stand today: home quarantine
 * at qualifying homes, hotel cases (contacts, and risk-area returnees whose home does not qualify),
 * home monitoring after a hotel, and health monitoring of low-risk returnees.
 */
export function pastReturnees(households: readonly HouseholdRecord[], today: string): PastReturnee[] {
	const random = mulberry32(20221130);
	const homes = households.filter((household) => household.measure === 'home_quarantine' && household.officer);
	// Households with an officer are the returnee households of the register; others are homes that do not qualify.
	const plain = households.filter((household) => household.measure === 'none' && household.village !== '城门山铜矿');
	const pickPlain = () => plain[Math.floor(random() * plain.length)];
	const out: PastReturnee[] = [];
	let sequence = 0;
	const add = (path: PastReturnee['path'], household: HouseholdRecord, dayOfCase: number, facts: { risk: 'low' | 'risky'; contactKind?: 'close' | 'secondary' | null }) => {
		const from = origin(random, facts.risk);
		out.push({
			key: `${path}-${++sequence}`, path, villageId: villageIdOf(household), householdId: household.code, ...person(random, sequence),
			arrivalDay: addDays(today, -(dayOfCase - 1)), arrivalMinute: 7 * 60 + Math.floor(random() * 12 * 60),
			originPlace: from.place, originRisk: from.risk, ...travel(random), contactKind: facts.contactKind ?? null, negativeHoursBefore: 6 + Math.floor(random() * 36), home: null
		});
	};
	homes.forEach((household, index) => add('home_quarantine', household, HOME_DAYS[index % HOME_DAYS.length], { risk: 'risky' }));
	for (let n = 0; n < HOTEL_CASES; n++) add('hotel', pickPlain(), HOTEL_DAYS[n % HOTEL_DAYS.length], n % 3 === 0 ? { risk: 'low', contactKind: 'close' } : { risk: 'risky' });
	// Released from the hotel after its 14 days; home monitoring from the next day.
	AFTER_HOTEL_DAYS.forEach((days) => add('hotel_then_home', pickPlain(), 14 + days, { risk: 'risky' }));
	for (let n = 0; n < MONITORING_CASES; n++) add('health_monitoring', pickPlain(), MONITORING_DAYS[n % MONITORING_DAYS.length], { risk: 'low' });
	return out;
}

/** Arrivals per day across Chengmen's villages (illustrative: the weeks before Spring Festival bring more). */
export const ARRIVALS_PER_DAY = 24;
const FIRST_ARRIVAL_MINUTE = 7 * 60;
const LAST_ARRIVAL_MINUTE = 21 * 60;

/**
 * The returnees arriving on a day, in time order: about three in four from low-risk places with a
 * recent negative test (health monitoring), a few without one (tested and held), about one in six
 * from a mid/high-risk place (home quarantine where the home qualifies, else a hotel), and now and
 * then a close contact (closed-loop transfer to the hotel). Same day, same arrivals.
 */
export function arrivalsOn(day: string, villageIds: readonly string[], perDay = ARRIVALS_PER_DAY): Arrival[] {
	if (villageIds.length === 0) return [];
	const random = mulberry32(hashDay(day));
	const span = LAST_ARRIVAL_MINUTE - FIRST_ARRIVAL_MINUTE;
	const arrivals: Arrival[] = [];
	for (let n = 0; n < perDay; n++) {
		const roll = random();
		const kind = roll < 0.08 ? 'close' : roll < 0.25 ? 'risky' : roll < 0.3 ? 'untested' : 'low';
		const from = origin(random, kind === 'risky' ? 'risky' : 'low');
		const qualifies = random() < 0.5;
		arrivals.push({
			key: `arrival-${day}-${n + 1}`, day, minute: FIRST_ARRIVAL_MINUTE + Math.floor(random() * span),
			villageId: villageIds[Math.floor(random() * villageIds.length)], householdId: null, ...person(random, 100 + n),
			originPlace: from.place, originRisk: from.risk, ...travel(random), contactKind: kind === 'close' ? 'close' : null,
			negativeHoursBefore: kind === 'untested' ? null : 4 + Math.floor(random() * 40),
			// The officer's look at a home not on the register: about half are one of the special categories with a separate room and bathroom (home quarantine allowed).
			home: qualifies ? { specialCategory: SPECIAL[Math.floor(random() * SPECIAL.length)], separateRoom: true, separateBathroom: true } : { specialCategory: null, separateRoom: random() < 0.5, separateBathroom: false }
		});
	}
	return arrivals.sort((a, b) => a.minute - b.minute);
}

function hashDay(day: string): number {
	let hash = 2166136261;
	for (const char of day) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
	return hash >>> 0;
}
