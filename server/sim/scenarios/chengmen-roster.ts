/**
 * The Chengmen roster (花名册) as the villages would hand it in: only the members who cannot come to
 * a site are named (行动不便), about 1.5 % of residents, mostly aged, some bedridden or disabled;
 * and the 40 or so residents of 城门敬老院, whose 户籍 stays with their family in 红旗村 or
 * 城门社区 while they live in the home (001: "城门敬老院……上门服务"). Drawn from its own seed over
 * the households already made, so it changes no household, resident count or other draw.
 * Synthetic names; no ID numbers (a made-up one could be someone's).
 */
import type { HouseholdRecord } from '../../../src/lib/ledgers/definitions';
import type { RosterRecord } from '../../../src/lib/ledgers/roster-ledger';
import { mulberry32 } from '../site-queue-model';
import { fakeName } from './fake-people';

export const CARE_HOME = { name: '城门敬老院', villages: ['红旗村', '城门社区'], residents: 40 };
/** Share of the other residents who cannot come. */
const CANNOT_COME_SHARE = 0.0135;

export function chengmenRoster(households: readonly HouseholdRecord[]): RosterRecord[] {
	return cannotComeRoster(households, { seed: 20220403, careHome: CARE_HOME });
}

/** The same draw for any scenario's households (the metro drill has no care home). */
export function cannotComeRoster(households: readonly HouseholdRecord[], { seed, careHome }: { seed: number; careHome?: { villages: string[]; residents: number } }): RosterRecord[] {
	const random = mulberry32(seed);
	const roster: RosterRecord[] = [];
	const careHomeFamilies = careHome ? households.filter((household) => careHome.villages.includes(household.village) && household.members >= 2) : [];
	const inCareHome = new Set<string>();
	while (careHome && careHomeFamilies.length > 0 && inCareHome.size < Math.min(careHome.residents, careHomeFamilies.length)) inCareHome.add(careHomeFamilies[Math.floor(random() * careHomeFamilies.length)].code);
	for (const household of households) {
		if (inCareHome.has(household.code)) {
			// The eldest of the family, listed last: a parent of the head.
			roster.push({ household: household.code, memberNo: household.members, name: fakeName(random), idNumber: null, relation: random() < 0.5 ? '父亲' : '母亲', cannotCome: ['care_home'] });
			continue;
		}
		for (let memberNo = 2; memberNo <= household.members; memberNo++) {
			// Members 2… (the head is the one who comes to register); a slightly higher share keeps ~1.5 % of all.
			if (random() >= CANNOT_COME_SHARE * 1.4) continue;
			const draw = random();
			const cannotCome: RosterRecord['cannotCome'] = draw < 0.6 ? ['aged'] : draw < 0.75 ? ['aged', 'bedridden'] : draw < 0.85 ? ['bedridden'] : ['disabled'];
			roster.push({ household: household.code, memberNo, name: fakeName(random), idNumber: null, relation: cannotCome.includes('aged') ? (random() < 0.5 ? '父亲' : '母亲') : '家庭成员', cannotCome });
		}
	}
	return roster;
}
