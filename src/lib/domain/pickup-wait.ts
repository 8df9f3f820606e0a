/**
 * Sites waiting for a pickup: couriers collect from each site every 2 hours at least
 * ("每2小时…集中收集样品一次", seed 001), and a box may stay at room temperature 4 hours in all.
 * A sealed box nobody has picked up (or received) for longer than that is a dispatcher's alert, by
 * site; critical once it has waited so long that only an hour of its 4-hour limit is left. Pure.
 */
import { ROOM_TEMPERATURE_LIMIT_HOURS } from './sample-deadline';

export const PICKUP_RULES = {
	/** A site's sealed box should be collected within this many hours (001). */
	collectWithinHours: 2,
	/** Waiting this long leaves an hour of the room-temperature limit: critical. */
	criticalAfterHours: ROOM_TEMPERATURE_LIMIT_HOURS - 1
} as const;

export type PickupRules = { [K in keyof typeof PICKUP_RULES]: number };

export interface SealedBoxWaiting {
	id: string;
	siteId: string;
	sealedAt: number;
	tubes: number;
	/** Picked up by a courier, taken in at a station or received at a lab: no longer the site's. */
	collected: boolean;
}

export interface SiteWaiting {
	siteId: string;
	boxes: number;
	tubes: number;
	oldestSealedAt: number;
	/** Minutes the oldest box has waited. */
	waitedMinutes: number;
	critical: boolean;
}

/** Sites with a box waiting past the pickup interval, the longest waiting first. */
export function pickupsOverdue(boxes: readonly SealedBoxWaiting[], now: number, rules: PickupRules = PICKUP_RULES): SiteWaiting[] {
	const bySite = new Map<string, SiteWaiting>();
	for (const box of boxes) {
		if (box.collected || now - box.sealedAt <= rules.collectWithinHours * 3_600_000) continue;
		const site = bySite.get(box.siteId) ?? { siteId: box.siteId, boxes: 0, tubes: 0, oldestSealedAt: box.sealedAt, waitedMinutes: 0, critical: false };
		site.boxes++;
		site.tubes += box.tubes;
		site.oldestSealedAt = Math.min(site.oldestSealedAt, box.sealedAt);
		bySite.set(box.siteId, site);
	}
	return [...bySite.values()]
		.map((site) => ({ ...site, waitedMinutes: Math.floor((now - site.oldestSealedAt) / 60_000), critical: now - site.oldestSealedAt >= rules.criticalAfterHours * 3_600_000 }))
		.sort((a, b) => a.oldestSealedAt - b.oldestSealedAt || a.siteId.localeCompare(b.siteId));
}
