/** What the simulator keeps of each device it plays (simulator.ts): courier phones, site tablets, sealed boxes. */
import type { CourierDriver } from './courier-driver';
import type { ErrandDriver } from './errand-driver';
import type { SiteQueueModel } from './site-queue-model';
import type { RosterQueue } from './roster-queue';
import type { RosterDesk } from './roster-desk';
import type { BoxSealer } from './box-sealer';

export interface SimulatedCourier {
	id: string;
	driver: CourierDriver;
	/** Site and lab codes of the route, in order. */
	stops: string[];
	/** The stop it was at on the last tick, so each arrival is handled once. */
	lastStop: number | null;
	carried: SealedBox[];
	/** The run the dispatcher gave it, once it has one: from then on it drives runs, not its loop. */
	errand: ErrandDriver | null;
	runId: number | null;
	/** Boxes the run lists at each of its sites, as its phone last showed them. */
	runBoxes: Map<string, { id: string; tubes: number }[]>;
}

/** A site's tablet: its queue (from the roster once it has one), box sealer, registration desk and day count. */
export interface SimulatedSite {
	id: string;
	/** Desks staffed at the start. */
	desks: number;
	model: SiteQueueModel;
	roster: RosterQueue | null;
	desk: RosterDesk | null;
	sealer: BoxSealer;
	households: string[];
	nextHousehold: number;
	sampled: { day: string; people: number };
}

export interface SealedBox {
	at: number;
	tubes: number;
	boxId: string;
	siteId: string;
	picked: boolean;
	/** The tubes the courier counted at pickup. */
	counted?: number;
	/** The tube the lab will find positive, if any, and whether the lab has reported on the box. */
	positiveTube: string | null;
	resulted: boolean;
}
