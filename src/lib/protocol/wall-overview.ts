/**
 * GET /api/wall/overview: what the wall shows beside the live layers, aggregated on the server
 * so that no personal data leaves it: households are counted per village, never listed.
 * Changes slowly (ledgers, lab reports, check-ins); the wall polls it every 30 s.
 */

import type { FeverVillage } from './layers';
import type { LabReadinessFigure, LabResultsOverdue, SitePickupOverdue } from './results';
import type { WallAlertRecord } from './alert-events';
import type { RoundCoverage } from './coverage';

/** GeoJSON (RFC 7946) polygons, [lon, lat] rings: what a map draws as is. */
export interface GeoJsonPolygon {
	type: 'Polygon';
	coordinates: number[][][];
}
export interface GeoJsonMultiPolygon {
	type: 'MultiPolygon';
	coordinates: number[][][][];
}

export interface WallOverview {
	generatedAt: string;
	/** The service day (YYYY-MM-DD, China time) the counts are for. */
	day: string;
	/** Registered: the roster's size when there is a roster (else the ledger's population); sampled today: as the live KPI counts. */
	coverage: { registeredResidents: number; sampledToday: number };
	/** The day's coverage by township and village from the roster (counts only, never a name; empty lists without a roster). */
	roundCoverage?: RoundCoverage;
	/** People sampled per local hour today (0–23) and the plan for each hour. */
	throughputByHour: { hour: number; sampled: number; planned: number }[];
	tubes: { collected: number; received: number; tested: number };
	labs: LabSummary[];
	quarantine: {
		/** Active quarantine cases (quarantine_cases, not the household ledger's measure) by measure. */
		byMeasure: { home_quarantine: number; home_monitoring: number; health_monitoring: number; centralised: number };
		/** The same cases by where they are kept. */
		byPlace: { home: number; hotel: number };
		/** Active cases whose planned last day is today. */
		endingToday: number;
		/** Returnees registered (arrived) today and in total, by measure (the returnee's measure) and by township: counts only. */
		returnees: { today: number; total: number; byMeasure: Record<string, { today: number; total: number }>; byTownship: { township: string; today: number; total: number }[] };
		/** Per village: tests of active cases overdue (their day passed without a result) and cases under their measure with a positive result, until handled (an alert each, never a person). */
		tests: { villageId: string; village: string; lat: number | null; lon: number | null; overdue: number; positive: number }[];
		/** Follow-ups due today by now and not done (home quarantine twice a day, others once), all villages. */
		overdueCheckIns: number;
		/** The same per village (villages with none left out): counts, never a case. */
		overdueByVillage: { villageId: string; village: string; overdue: number }[];
		/** Villages with a case whose latest follow-up today found fever or symptoms (a critical alert each). */
		fevers: FeverVillage[];
	};
	/** Sample boxes on board each vehicle (picked up, not yet received), with the least time left among them. */
	boxesOnBoard: { vehicleId: string; boxes: number; minutesLeft: number }[];
	/** Active quarantine cases per village by measure (health monitoring left off the map), placed at the village (or its sites' centre). */
	householdsByVillage: { villageId: string; village: string; lat: number; lon: number; home_quarantine: number; home_monitoring: number; centralised: number }[];
	/** Hotels with their beds as the desk and dispatch count them: held by transfers on their way, free = beds − occupied − held. */
	quarantineSites: { id: string; name: string; lat: number; lon: number; beds: number; occupied: number; held: number; free: number }[];
	/** Halts on the way of closed-loop transfers still open: each breaks the closed loop (a road, never a home). */
	/** A halt within 500 m of the pickup point is placed at the village's centre (coarse). */
	transferStops: { taskId: number; vehicleName: string; at: string; minutes: number; lat: number; lon: number; coarse?: boolean }[];
	/** Standing zones with the households and people inside (each household in the strictest zone it lies in). */
	riskZones: { id: string; name: string; level: 'sealed' | 'controlled' | 'precaution'; polygon: GeoJsonPolygon | GeoJsonMultiPolygon; households: number; people: number }[];
	/**
	 * When each alert standing now was first seen by the server (alert id → epoch ms), kept across
	 * reloads and restarts: a page starts its alerts' `since` from these (withServerSince, alerts.ts).
	 */
	alertsSince: Record<string, number>;
	/** Labs with results past their 8 hours (an alert each, by lab; the county's labs on every wall). Absent from an older server. */
	resultsOverdue?: LabResultsOverdue[];
	/** Sites of the wall's scope with a sealed box not collected for over 2 hours (an alert each). */
	pickupsOverdue?: SitePickupOverdue[];
	/** The county's labs against all its residents at 20:1 in 24 h (the lab area's readiness figure). */
	labReadiness?: LabReadinessFigure;
	/**
	 * The record of each alert standing now (alert id → open / escalated / acknowledged, when, by
	 * which role; never a note or a name): the wall orders and marks its alerts by it (wallOrder).
	 */
	alertRecords?: Record<string, WallAlertRecord>;
	/** Villages with a positive pool's playbook open (the pool_positive alert each; never a household or a person). */
	poolPositives?: PoolPositiveVillage[];
}

/** A village with positive-pool playbooks open: how many, since the first positive, whether its officers acknowledged them all. */
export interface PoolPositiveVillage {
	villageId: string;
	village: string;
	playbooks: number;
	since: string;
	notified: boolean;
	lat: number | null;
	lon: number | null;
}

export interface LabSummary {
	id: string;
	name: string;
	kind: 'lab' | 'transfer_station';
	lat: number;
	lon: number;
	capacityTubesPerDay: number;
	receivedToday: number;
	testedToday: number;
	backlogTubes: number;
	/** At its daily capacity; null when it has no capacity. */
	hoursToClear: number | null;
	overCapacity: boolean;
}

/**
 * GET /api/wall/history: today's chart history from 06:00 China time, one sample per step, from
 * the stored queue reports and lab counts. Counts per township and lab total only.
 */
export interface WallDayHistory {
	generatedAt: string;
	from: string;
	stepMinutes: number;
	/** `at` in epoch ms; queues keyed by township id, a township absent (and the backlog null) before its first report: no data, not 0. */
	samples: { at: number; queueByTownship: Record<string, number>; labBacklog: number | null }[];
}
