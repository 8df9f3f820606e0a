/**
 * A generated megacity for load: townships of communities, sampling sites, couriers and transfer
 * vehicles, labs and a household register. Deterministic from its seed (the same parameters give
 * the same city); every place, name and number is synthetic.
 */
import type { HouseholdRecord, LabRecord, SiteRecord, VehicleRecord } from '../../../src/lib/ledgers/definitions';
import { mulberry32 } from '../site-queue-model';
import { fakeIdNumber, fakeName, fakePhone } from './fake-people';
import { cannotComeRoster } from './chengmen-roster';
import type { Scenario, ScenarioLedgers, ScenarioVehicleRoute } from './scenario';

export interface MetroParameters {
	seed: number;
	sites: number;
	vehicles: number;
	households: number;
	townships: number;
	labs: number;
}

export const METRO_DEFAULTS: MetroParameters = { seed: 2022, sites: 12_000, vehicles: 10_000, households: 200_000, townships: 40, labs: 24 };

const BOUNDS = { south: 29.3, west: 115.6, north: 30.1, east: 116.6 };
const HOUSEHOLDS_PER_COMMUNITY = 500;

export function generateMetro(parameters: Partial<MetroParameters> = {}): { ledgers: ScenarioLedgers; routes: ScenarioVehicleRoute[] } {
	const p = { ...METRO_DEFAULTS, ...parameters };
	const random = mulberry32(p.seed);
	const point = () => ({ latitude: round6(BOUNDS.south + random() * (BOUNDS.north - BOUNDS.south)), longitude: round6(BOUNDS.west + random() * (BOUNDS.east - BOUNDS.west)) });
	const townships = Array.from({ length: p.townships }, (_, index) => `第${index + 1}街道`);
	// A township is a part of the city, as a real one is: the city is cut into a grid of cells, one a
	// township (about 9 km a side for 96), and its sites and households lie in its own cell. (A
	// township board shows the vehicles within its sites' extent, so the layout matters to the bench.)
	const columns = Math.ceil(Math.sqrt(p.townships));
	const rows = Math.ceil(p.townships / columns);
	const pointIn = (township: number) => {
		const [column, row] = [township % columns, Math.floor(township / columns)];
		return {
			latitude: round6(BOUNDS.south + ((row + random()) / rows) * (BOUNDS.north - BOUNDS.south)),
			longitude: round6(BOUNDS.west + ((column + random()) / columns) * (BOUNDS.east - BOUNDS.west))
		};
	};
	const communities = Math.max(p.townships, Math.round(p.households / HOUSEHOLDS_PER_COMMUNITY));
	const communityOf = (index: number) => ({ township: townships[index % p.townships], village: `第${index + 1}社区`, at: () => pointIn(index % p.townships) });

	const sites: SiteRecord[] = Array.from({ length: p.sites }, (_, index) => {
		const community = communityOf(index % communities);
		return {
			code: `M-S${String(index + 1).padStart(5, '0')}`, name: `${community.township}${community.village}采样点${index + 1}`, kind: index % 50 === 0 ? 'fever_clinic_24h' : 'fixed',
			township: community.township, villages: [community.village], ...community.at(), crs: 'wgs84', desks: 1 + Math.floor(random() * 4), pooling: '20:1',
			opensAt: index % 50 === 0 ? '00:00' : '07:00', closesAt: index % 50 === 0 ? '24:00' : '21:00', status: 'open'
		};
	});
	const labs: LabRecord[] = Array.from({ length: p.labs }, (_, index) => ({ code: `M-L${String(index + 1).padStart(3, '0')}`, name: `检测实验室${index + 1}`, kind: 'lab', ...point(), crs: 'wgs84', capacity: 200_000 + Math.floor(random() * 300_000) }));
	const vehicles: VehicleRecord[] = Array.from({ length: p.vehicles }, (_, index) => {
		const transfer = index % 10 === 9;
		return { code: `M-V${String(index + 1).padStart(5, '0')}`, name: `${transfer ? '转运车' : '送样车'}${index + 1}`, kind: transfer ? 'transfer' : 'courier', plate: `赣G·${String(index + 1).padStart(5, '0')}`, permitNumber: transfer ? null : `准运-${index + 1}` };
	});
	const households: HouseholdRecord[] = Array.from({ length: p.households }, (_, index) => {
		const community = communityOf(index % communities);
		const quarantined = random() < 0.01;
		return {
			code: `M-H${String(index + 1).padStart(7, '0')}`, township: community.township, village: community.village, grid: null,
			measure: quarantined ? 'home_monitoring' : 'none', members: 1 + Math.floor(random() * 5), startDate: quarantined ? '2022-04-01' : null, plannedEndDate: null,
			headName: fakeName(random), idNumber: fakeIdNumber(random, '360402', index), phone: fakePhone(random), address: `${community.township}${community.village}${index + 1}号`,
			...community.at(), crs: 'wgs84', separateRoom: null, separateBathroom: null, specialCategory: null, officer: null
		};
	});
	const routes: ScenarioVehicleRoute[] = vehicles.map((vehicle) => ({
		vehicleId: vehicle.code,
		stops: [sites[Math.floor(random() * sites.length)].code, sites[Math.floor(random() * sites.length)].code, labs[Math.floor(random() * labs.length)].code]
	}));
	// ID numbers must be unique per person; the generator's sequence makes them so only within a birth date, so drop repeats.
	const seen = new Set<string>();
	for (const household of households) {
		if (seen.has(household.idNumber!)) household.idNumber = null;
		else seen.add(household.idNumber!);
	}
	// Who cannot come (about 1.5 % of residents), drawn from its own seed after everything else: no other draw changes.
	return { ledgers: { sites, vehicles, labs, staff: [], households, roster: cannotComeRoster(households, { seed: p.seed + 1 }) }, routes };
}

export function metroScenario(parameters: Partial<MetroParameters> = {}): Scenario {
	let generated: ReturnType<typeof generateMetro> | null = null;
	const city = () => (generated ??= generateMetro(parameters));
	return {
		id: 'metro',
		name: '超大城市演练（生成数据）',
		nameEn: 'Megacity drill (generated)',
		approximate: true,
		center: { lat: (BOUNDS.south + BOUNDS.north) / 2, lon: (BOUNDS.west + BOUNDS.east) / 2 },
		bounds: BOUNDS,
		ledgers: () => city().ledgers,
		get routes() {
			return city().routes;
		}
	};
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
