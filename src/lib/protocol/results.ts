/**
 * Results on time (issue 15): what the wall, the dispatcher and a lab's page get about boxes whose
 * results are overdue, sites waiting for a pickup, and the county's lab readiness. Labs, sites and
 * boxes by code and name; never a person. Times are ISO strings.
 */

/** A lab with results past their 8 hours (sealed → now), for its alert: counts, never a person. */
export interface LabResultsOverdue {
	labId: string;
	lab: string;
	lat: number;
	lon: number;
	boxes: number;
	tubes: number;
	/** When the oldest of them was due. */
	oldestDueAt: string;
}

/** A site with a sealed box nobody has collected for over 2 hours (001: every 2 hours). */
export interface SitePickupOverdue {
	siteId: string;
	site: string;
	townshipId: string;
	lat: number;
	lon: number;
	boxes: number;
	tubes: number;
	oldestSealedAt: string;
	waitedMinutes: number;
	/** Only an hour of the 4-hour room-temperature limit is left. */
	critical: boolean;
}

/** Can the county's labs test all its residents at 20:1 within 24 h (001)? null where the rule gives Infinity. */
export interface LabReadinessFigure {
	residents: number;
	tubesNeeded: number;
	capacityTubes: number;
	/** capacity / need; null with nobody to test. */
	ratio: number | null;
	ready: boolean;
	/** Hours the labs need for everyone; null without capacity. */
	hoursNeeded: number | null;
	poolSize: number;
	readinessHours: number;
}

/** One box on a lab's list: where from, its times, and how late (or how long left). */
export interface ResultsBox {
	boxId: string;
	site: string;
	tubes: number;
	sealedAt: string;
	receivedAt: string | null;
	dueAt: string;
	state: 'on_time' | 'soon' | 'overdue';
	/** Past the due time (overdue), else 0. */
	minutesLate: number;
	/** Left until due (pending on time or soon), else 0. */
	minutesLeft: number;
}

/** GET /api/results: per lab, today's turnaround, and the boxes still pending at it, overdue first. */
export interface ResultsBoard {
	generatedAt: string;
	dueHours: number;
	labs: {
		labId: string;
		lab: string;
		receivedTubes: number;
		testedTubes: number;
		pendingTubes: number;
		overdueTubes: number;
		/** Median minutes from sealing to result, per tube, of today's resulted boxes; null with none. */
		medianMinutes: number | null;
		boxes: ResultsBox[];
	}[];
	/** Boxes past their 8 hours that have not reached a lab yet: the road's, not a lab's. */
	notReceivedOverdue: number;
}

/** One lab's line of the daily report (日报) for a service day. */
export interface LabDayTurnaround {
	labId: string;
	lab: string;
	/** Tubes received and tested on the day, as the lab reported them (lab.counts). */
	receivedTubes: number;
	testedTubes: number;
	/** Tubes in positive pools reported on the day. */
	positiveTubes: number;
	/** Tubes received by the day's end without a result then. */
	pendingTubes: number;
	/** Median minutes from sealing to result, per tube, of the boxes resulted on the day; null with none. */
	medianTurnaroundMinutes: number | null;
	/** Tubes resulted on the day after their 8 hours. */
	lateTubes: number;
}
