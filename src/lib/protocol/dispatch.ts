/** GET /api/dispatch/board: the dispatcher's view of boxes against their limit, couriers and labs. */
import { z } from 'zod';
import type { SitePickupOverdue } from './results';

/** A box against its time limit (src/lib/domain/custody.ts decides which). */
export const BOX_RISKS = ['ok', 'near_deadline', 'predicted_late', 'late'] as const;
export const boxRiskSchema = z.enum(BOX_RISKS);
export type BoxRisk = z.infer<typeof boxRiskSchema>;

/**
 * A suggested pickup run as the planner (src/lib/domain/custody.ts) makes it; times are epoch ms.
 * The one definition: the planner uses this type.
 */
export const pickupRunSchema = z.object({
	courierId: z.string(),
	siteIds: z.array(z.string()),
	labId: z.string(),
	/** Arrival at each site in order, then at the lab (epoch ms). */
	arrivals: z.array(z.number()),
	tubes: z.number(),
	/** The earliest deadline of the boxes on the run; the lab arrival must come before it. */
	deadline: z.number(),
	/**
	 * A rescue run: its boxes can no longer reach a lab in time, so it brings them as soon as
	 * possible with a courier nothing else needs (a late box is still tested; an abandoned one is
	 * not). An on-time run may also carry late sites, when its own boxes stay on time.
	 */
	late: z.boolean()
});
export type PickupRun = z.infer<typeof pickupRunSchema>;

export const pickupPlanSchema = z.object({
	runs: z.array(pickupRunSchema),
	/** Sites no courier can serve in time, or whose tubes no lab can take: a dispatcher must act. */
	unplanned: z.array(z.object({ siteId: z.string(), reason: z.enum(['no_courier_in_time', 'no_lab_capacity']) }))
});
export type PickupPlan = z.infer<typeof pickupPlanSchema>;

export interface DispatchBox {
	id: string;
	siteId: string;
	siteName: string;
	sealedAt: string;
	deadlineAt: string;
	minutesLeft: number;
	tubes: number;
	/** Arrival at a lab on the suggested run, if one is planned. */
	labEta: string | null;
	risk: BoxRisk;
	/** The courier carrying it now, if one picked it up. */
	courierVehicleId: string | null;
	/** Every handover so far, oldest first, with the tubes counted there. */
	handovers: { kind: 'pickup' | 'transfer' | 'receipt'; at: string; to: string; tubesCounted: number }[];
	/** A count that differs from the tubes sealed: a missing tube is an alert. */
	tubeMismatch: boolean;
}

export interface DispatchVehicle {
	id: string;
	name: string;
	kind: 'courier' | 'transfer';
	lat: number | null;
	lon: number | null;
	/** Near a transfer's pickup point: lat/lon are its village's centre, speed and place are not given. */
	coarse: boolean;
	speedKmh: number | null;
	fixAgeSeconds: number | null;
	/** No fix for over 60 s. */
	silent: boolean;
	/** idle, to_site (a run with boxes waiting), loaded (boxes on board and sites left), to_lab, or transfer (a closed-loop task open). */
	state: 'idle' | 'roaming' | 'to_site' | 'loaded' | 'to_lab' | 'transfer';
	boxesOnBoard: number;
	/** The place (site, lab, station, hotel) it is at now, if any. */
	placeName: string | null;
	/** Standing still now: since when, and whether where it stands is a place it should not stop (flagged). */
	stopped: { since: string; minutes: number; flagged: boolean } | null;
	/** The latest arrival at or departure from a place, from the last half hour of fixes. */
	lastFenceEvent: { type: 'arrive' | 'depart'; placeName: string; at: string } | null;
}

export interface DispatchLab {
	id: string;
	name: string;
	capacityTubesPerDay: number;
	receivedToday: number;
	testedToday: number;
	backlogTubes: number;
	/** Today's testing rate (tubes an hour since the first tested), null before it is known. */
	testedPerHour: number | null;
	/** At today's rate when known, else at the daily capacity. */
	hoursToClear: number | null;
	spareTubes: number;
	/** Positive pools reported in the last 24 h (their households: /api/pools/positive, for authorised roles). */
	positivePools: number;
}

export interface DispatchBoard {
	generatedAt: string;
	/** Sites with a sealed box nobody collected for over 2 hours, the longest waiting first. Absent from an older server. */
	pickupsOverdue?: SitePickupOverdue[];
	boxes: DispatchBox[];
	vehicles: DispatchVehicle[];
	labs: DispatchLab[];
	/** Runs the dispatcher accepted and that are still open. */
	acceptedRuns: { id: number; courierId: string; siteIds: string[]; labId: string; acceptedBy: string; acceptedAt: string }[];
	/**
	 * Suggested runs; one for a courier still on an accepted run starts after it (shown, not yet
	 * acceptable). They hold across refreshes unless a new plan is clearly better. Couriers silent
	 * for more than silentAfterMinutes get no suggestion and are listed in silentCouriers.
	 */
	plan: Omit<PickupPlan, 'runs'> & {
		runs: (PickupPlan['runs'][number] & { courierName: string; labName: string; siteNames: string[]; afterCurrentRun: boolean })[];
		silentCouriers: { id: string; name: string; minutesSilent: number }[];
		silentAfterMinutes: number;
	};
}
