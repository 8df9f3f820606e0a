import type { LatLon } from '../../../src/lib/domain/coordinates';
import type { Arrival, PastReturnee } from './chengmen-quarantine';
import type { RosterRecord } from '../../../src/lib/ledgers/roster-ledger';
import type { HouseholdRecord, LabRecord, SiteRecord, StaffRecord, VehicleRecord } from '../../../src/lib/ledgers/definitions';

/** A scenario's registry, as ledger records: it is loaded through the same import path a user's ledger takes. */
export interface ScenarioLedgers {
	sites: SiteRecord[];
	vehicles: VehicleRecord[];
	labs: LabRecord[];
	staff: StaffRecord[];
	households: HouseholdRecord[];
	/** The 花名册's named members (who cannot come), imported after the households. */
	roster?: RosterRecord[];
}

/**
 * What no ledger of ours carries yet: centralised quarantine sites and risk zones, as the
 * epidemic-control office publishes them. Loaded once into a new database.
 */
export interface ScenarioPlaces {
	quarantineSites: { id: string; name: string; lat: number; lon: number; beds: number; occupied: number }[];
	riskZones: { id: string; name: string; level: 'sealed' | 'controlled' | 'precaution'; polygon: { type: 'Polygon'; coordinates: number[][][] }; startsDaysAgo: number }[];
}

export interface ScenarioVehicleRoute {
	vehicleId: string;
	/** Stops in order (site or lab codes), driven in a loop. */
	stops: string[];
}

export interface Scenario {
	id: string;
	name: string;
	nameEn: string;
	/** True when coordinates are placed schematically; the map says so. */
	approximate: boolean;
	center: LatLon;
	bounds: { south: number; west: number; north: number; east: number };
	ledgers: () => ScenarioLedgers;
	places?: ScenarioPlaces;
	/** The returnees under a measure when the demo starts (loaded once into a new database: server/modules/registry/load-quarantine-population.ts). */
	quarantinePopulation?: (households: readonly HouseholdRecord[], today: string) => PastReturnee[];
	/** The returnees arriving on a day, registered by the simulated village officers. */
	arrivals?: (day: string) => Arrival[];
	/** How the simulator drives the scenario's couriers. */
	routes: ScenarioVehicleRoute[];
}

/** Where a site or lab of the scenario is (WGS-84 as the ledgers give it). */
export function placeOf(ledgers: ScenarioLedgers, code: string): LatLon & { name: string } {
	const place = ledgers.sites.find((site) => site.code === code) ?? ledgers.labs.find((lab) => lab.code === code);
	if (!place) throw new Error(`unknown place ${code}`);
	return { lat: place.latitude, lon: place.longitude, name: place.name };
}
