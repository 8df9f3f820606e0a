/**
 * Samplers on the way. A move records the departure; the samplers count at neither site until
 * they arrive, which is when the receiving site's tablet confirms them or, failing that, when
 * their ETA passes. The donor loses them at once (they have left); the receiver gains them only
 * then, so no screen shows the shorter wait while they are still on the road.
 *
 * And the rules a move must keep, as codes (the server turns them into zh/en sentences).
 */
import { staffedDesks, STAFFING_RULES, type SamplerOnShift, type SiteStaffing, type StaffingRules } from './staffing';

/** When samplers who leave at departedAt (epoch ms) are due, travelling travelMinutes. */
export function arrivalDue(departedAt: number, travelMinutes: number): number {
	return departedAt + travelMinutes * 60_000;
}

/** Whether a move has landed at `now`: confirmed at the site, or its ETA has passed. */
export function hasArrived(move: { arrivesAt: number; arrivedAt: number | null }, now: number): boolean {
	return move.arrivedAt !== null || move.arrivesAt <= now;
}

/** When a move lands: the confirmation if it came before the ETA, else the ETA. */
export function landedAt(move: { arrivesAt: number; arrivedAt: number | null }): number {
	return move.arrivedAt === null ? move.arrivesAt : Math.min(move.arrivedAt, move.arrivesAt);
}

/** Desks staffed by the samplers present (pairs), at most the desks set up. */
export function desksStaffedBy(desks: number, samplersPresent: number, rules: Pick<StaffingRules, 'samplersPerDesk'> = STAFFING_RULES): number {
	return Math.max(0, Math.min(desks, Math.floor(samplersPresent / rules.samplersPerDesk)));
}

export type MoveRefusal =
	| { code: 'same_site' }
	| { code: 'site_not_open'; site: string }
	| { code: 'outside_township' }
	| { code: 'ppe_too_short'; minutes: number }
	| { code: 'moved_too_recently'; minutes: number }
	| { code: 'donor_too_thin'; site: string; samplers: number };

/**
 * Whether a move may go ahead (null) or why not. `samplers` are the movers as they are now at
 * `from`; `from.samplers` everyone present there.
 */
export function refuseMove(
	{ samplers, from, to, travel, actorTownshipId }: { samplers: SamplerOnShift[]; from: Pick<SiteStaffing, 'id' | 'name' | 'townshipId' | 'open' | 'desks' | 'samplers'>; to: Pick<SiteStaffing, 'id' | 'name' | 'townshipId' | 'open'>; travel: number; actorTownshipId: string | null },
	rules: StaffingRules = STAFFING_RULES
): MoveRefusal | null {
	if (from.id === to.id) return { code: 'same_site' };
	if (actorTownshipId !== null && (from.townshipId !== actorTownshipId || to.townshipId !== actorTownshipId)) return { code: 'outside_township' };
	if (!to.open) return { code: 'site_not_open', site: to.name };
	if (samplers.some((sampler) => sampler.ppeLimitHours - sampler.hoursWorked - travel / 60 < rules.minHoursLeftAfterMove)) return { code: 'ppe_too_short', minutes: rules.minHoursLeftAfterMove * 60 };
	// The same rest the recommendations keep (staffing-plan.ts): a hand move is no exception.
	if (samplers.some((sampler) => (sampler.minutesSinceMoved ?? Infinity) < rules.minMinutesBetweenMoves)) return { code: 'moved_too_recently', minutes: rules.minMinutesBetweenMoves };
	const moved = new Set(samplers.map((sampler) => sampler.id));
	const remaining = { desks: from.desks, samplers: from.samplers.filter((sampler) => !moved.has(sampler.id)) };
	if (from.open && staffedDesks(remaining, rules) < rules.minDesksWhileOpen) return { code: 'donor_too_thin', site: from.name, samplers: rules.minDesksWhileOpen * rules.samplersPerDesk };
	return null;
}
