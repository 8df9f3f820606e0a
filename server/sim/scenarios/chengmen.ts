/**
 * The Chengmen scenario (城门街道, 柴桑区, 九江): the ten sampling sites and four sampling groups of
 * the subdistrict's plan (seed 001, plan 3). COORDINATES ARE APPROXIMATE and placed schematically
 * around the subdistrict; population figures are illustrative (about 28,200 residents in 6,319
 * households); every name and number of a person is synthetic. Not for navigation.
 */
import { addDays } from '../../../src/lib/domain/quarantine';
import type { HouseholdRecord, SiteRecord, StaffRecord } from '../../../src/lib/ledgers/definitions';
import { mulberry32 } from '../site-queue-model';
import { fakeIdNumber, fakeName, fakePhone } from './fake-people';
import type { Scenario, ScenarioLedgers } from './scenario';
import { arrivalsOn, pastReturnees } from './chengmen-quarantine';
import { chengmenRoster } from './chengmen-roster';

const TOWNSHIP = '城门街道';
/** Chaisang District's region code, the first six digits of local ID numbers. */
const REGION_CODE = '360404';

/** The plan's sites: which group's desks serve them and which village units they sample. */
const SITES = [
	{ code: 'site-weishengyuan', name: '卫生院采样点', group: 'A', villages: ['红旗村', '城门社区'], lat: 29.644, lon: 115.846 },
	{ code: 'site-baifan', name: '白畈村采样点', group: 'B', villages: ['白畈村'], lat: 29.661, lon: 115.83 },
	{ code: 'site-baihe', name: '白合村采样点', group: 'B', villages: ['白合村'], lat: 29.671, lon: 115.851 },
	{ code: 'site-jinlan', name: '金兰村采样点', group: 'B', villages: ['金兰村'], lat: 29.653, lon: 115.871 },
	{ code: 'site-jinqiao', name: '金桥村采样点', group: 'B', villages: ['金桥村'], lat: 29.634, lon: 115.867 },
	{ code: 'site-hongxin', name: '红心村采样点', group: 'C', villages: ['红心村'], lat: 29.625, lon: 115.84 },
	{ code: 'site-lixin', name: '立新采样点', group: 'C', villages: ['立新村'], lat: 29.631, lon: 115.819 },
	{ code: 'site-xinglian', name: '兴联村采样点', group: 'C', villages: ['兴联村'], lat: 29.614, lon: 115.857 },
	{ code: 'site-lianmeng', name: '联盟村采样点', group: 'D', villages: ['联盟村'], lat: 29.657, lon: 115.808 },
	{ code: 'site-tongkuang', name: '城门山铜矿采样点', group: 'D', villages: ['城门山铜矿'], lat: 29.682, lon: 115.816 }
];

/** Households per village unit (illustrative); 6,009 in all. */
const HOUSEHOLDS: Record<string, number> = {
	红旗村: 520, 城门社区: 760, 白畈村: 680, 白合村: 570, 金兰村: 640, 金桥村: 560, 红心村: 600, 立新村: 500, 兴联村: 610, 联盟村: 569
};
const RETURNEE_HOUSEHOLDS = 36;
/**
 * The copper mine's living quarters (城门山铜矿 workers and families), sampled at the mine's own
 * site: without them that site had a queue and nobody to cover. Drawn from their own seed after
 * everything else, so that adding them changed no other household, person or returnee.
 */
const MINE_VILLAGE = '城门山铜矿';
const MINE_HOUSEHOLDS = 310;

function ledgers(): ScenarioLedgers {
	const random = mulberry32(20220401);
	const sites: SiteRecord[] = SITES.map((site) => ({
		code: site.code, name: site.name, kind: 'fixed', township: TOWNSHIP, villages: site.villages, longitude: site.lon, latitude: site.lat, crs: 'wgs84',
		// 3 desks set up, 2 staffed by the site's 4 samplers: a spare desk for staff moved in at a surge.
		desks: 3, pooling: '10:1', opensAt: '08:00', closesAt: '12:00', status: 'open'
	}));
	const staff: StaffRecord[] = [];
	let person = 0;
	const member = (code: string, role: StaffRecord['role'], place: { site?: string; vehicle?: string }) =>
		staff.push({ code, name: fakeName(random), idNumber: fakeIdNumber(random, REGION_CODE, ++person), phone: fakePhone(random), role, township: TOWNSHIP, ppeLimitHours: role === 'sampler' ? 4 : null, site: place.site ?? null, vehicle: place.vehicle ?? null });
	for (const site of SITES) {
		// Per desk: 2 samplers and 2 registrars; per site 2 marshals at least (seed 001, plan 3).
		for (let n = 1; n <= 4; n++) member(`${site.code}-sampler-${n}`, 'sampler', { site: site.code });
		for (let n = 1; n <= 4; n++) member(`${site.code}-registrar-${n}`, 'registrar', { site: site.code });
		for (let n = 1; n <= 2; n++) member(`${site.code}-marshal-${n}`, 'marshal', { site: site.code });
	}
	for (let n = 1; n <= 3; n++) member(`courier-${n}-driver`, 'courier', { vehicle: `courier-${n}` });
	const villages = Object.keys(HOUSEHOLDS);
	villages.forEach((village, index) => member(`officer-${index + 1}`, 'quarantine_officer', {}));

	const households: HouseholdRecord[] = [];
	const returneeAt = new Set<number>();
	const total = Object.values(HOUSEHOLDS).reduce((sum, n) => sum + n, 0);
	while (returneeAt.size < RETURNEE_HOUSEHOLDS) returneeAt.add(Math.floor(random() * total));
	const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
	let serial = 0;
	villages.forEach((village, villageIndex) => {
		const site = SITES.find((each) => each.villages.includes(village))!;
		for (let n = 1; n <= HOUSEHOLDS[village]; n++) {
			// 2–7 members, about 4.56 on average: 6,009 households ≈ 27,400 residents.
			const members = Math.min(7, 2 + Math.floor(random() * 4) + Math.floor(random() * 3) + (random() < 0.08 ? 1 : 0));
			const returnee = returneeAt.has(serial++);
			const measure: HouseholdRecord['measure'] = returnee ? (random() < 0.5 ? 'home_monitoring' : random() < 0.6 ? 'home_quarantine' : 'centralised') : 'none';
			const startDate = returnee ? addDays(today, -Math.floor(random() * 10)) : null;
			households.push({
				code: `CM${String(villageIndex + 1).padStart(2, '0')}${String(n).padStart(4, '0')}`,
				township: TOWNSHIP, village, grid: `${village}第${1 + (n % 4)}网格`, measure, members, startDate, plannedEndDate: null,
				headName: fakeName(random), idNumber: fakeIdNumber(random, REGION_CODE, ++person), phone: fakePhone(random), address: `${TOWNSHIP}${village}${n}号`,
				longitude: site.lon + (random() - 0.5) * 0.016, latitude: site.lat + (random() - 0.5) * 0.012, crs: 'wgs84',
				separateRoom: measure === 'home_quarantine' ? true : null, separateBathroom: measure === 'home_quarantine' ? true : null,
				specialCategory: measure === 'home_quarantine' ? (['aged_70_plus', 'aged_14_or_under', 'pregnant', 'severe_illness'] as const)[Math.floor(random() * 4)] : null,
				officer: returnee ? `officer-${villageIndex + 1}` : null
			});
		}
	});
	// Drawn after the households, so that adding them changed no household of the scenario.
	for (let n = 1; n <= 2; n++) member(`transfer-${n}-driver`, 'driver', { vehicle: `transfer-${n}` });
	const mineRandom = mulberry32(20220402);
	const mine = SITES.find((each) => each.villages.includes(MINE_VILLAGE))!;
	for (let n = 1; n <= MINE_HOUSEHOLDS; n++) {
		// Mine households are smaller: workers alone or with a partner, some families.
		const members = 1 + Math.floor(mineRandom() * 3) + (mineRandom() < 0.3 ? 1 : 0);
		households.push({
			code: `CM${String(villages.length + 1).padStart(2, '0')}${String(n).padStart(4, '0')}`,
			township: TOWNSHIP, village: MINE_VILLAGE, grid: `${MINE_VILLAGE}第${1 + (n % 2)}网格`, measure: 'none', members, startDate: null, plannedEndDate: null,
			headName: fakeName(mineRandom), idNumber: fakeIdNumber(mineRandom, REGION_CODE, ++person), phone: fakePhone(mineRandom), address: `${TOWNSHIP}${MINE_VILLAGE}生活区${n}号`,
			longitude: mine.lon + (mineRandom() - 0.5) * 0.008, latitude: mine.lat + (mineRandom() - 0.5) * 0.006, crs: 'wgs84',
			separateRoom: null, separateBathroom: null, specialCategory: null, officer: null
		});
	}
	return {
		sites,
		vehicles: [
			...[1, 2, 3].map((n) => ({ code: `courier-${n}`, name: `送样车${n} · ${['A/D', 'B', 'C'][n - 1]}组`, kind: 'courier' as const, plate: `赣G·A000${n}`, permitNumber: `九江准运-2022-00${n}` })),
			// Closed-loop transfer vehicles (闭环转运车), based at the quarantine hotel.
			...[1, 2].map((n) => ({ code: `transfer-${n}`, name: `转运车${n}`, kind: 'transfer' as const, plate: `赣G·Z000${n}`, permitNumber: null }))
		],
		labs: [{ code: 'lab-chaisang-cdc', name: '柴桑区疾控中心实验室', kind: 'lab', longitude: 115.905, latitude: 29.611, crs: 'wgs84', capacity: 3000 }],
		staff,
		households,
		roster: chengmenRoster(households)
	};
}

export const chengmen: Scenario = {
	id: 'chengmen',
	name: '城门街道全员核酸检测（示意）',
	nameEn: 'Chengmen subdistrict mass testing (schematic)',
	approximate: true,
	center: { lat: 29.647, lon: 115.852 },
	bounds: { south: 29.595, west: 115.785, north: 29.7, east: 115.925 },
	ledgers,
	places: {
		// Empty at the start: its beds fill with the demo's hotel cases (load-quarantine-population.ts) and handovers,
		// so the wall's 已用 is the number of people the desk counts at the hotel, not a made-up figure beside them.
		quarantineSites: [{ id: 'qs-chaisang-hotel', name: '柴桑区集中隔离点', lat: 29.628, lon: 115.889, beds: 120, occupied: 0 }],
		riskZones: [
			// A controlled zone around part of 金兰村, drawn schematically like the rest of the map.
			{ id: 'rz-jinlan-controlled', name: '金兰村管控区', level: 'controlled', startsDaysAgo: 2, polygon: { type: 'Polygon', coordinates: [[[115.864, 29.648], [115.879, 29.648], [115.879, 29.659], [115.864, 29.659], [115.864, 29.648]]] } },
			{ id: 'rz-jinlan-precaution', name: '金兰村防范区', level: 'precaution', startsDaysAgo: 2, polygon: { type: 'Polygon', coordinates: [[[115.858, 29.643], [115.885, 29.643], [115.885, 29.664], [115.858, 29.664], [115.858, 29.643]]] } }
		]
	},
	quarantinePopulation: pastReturnees,
	arrivals: (day) => arrivalsOn(day, Object.keys(HOUSEHOLDS).map((village) => `v:${TOWNSHIP}/${village}`)),
	routes: [
		{ vehicleId: 'courier-1', stops: ['site-weishengyuan', 'site-lianmeng', 'site-tongkuang', 'lab-chaisang-cdc'] },
		{ vehicleId: 'courier-2', stops: ['site-baifan', 'site-baihe', 'site-jinlan', 'site-jinqiao', 'lab-chaisang-cdc'] },
		{ vehicleId: 'courier-3', stops: ['site-lixin', 'site-hongxin', 'site-xinglian', 'lab-chaisang-cdc'] }
	]
};
