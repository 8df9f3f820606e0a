/**
 * The staffing plan's input (src/lib/domain/staffing-plan.ts) from the board the page holds, so
 * the page can show a move's effect before it is confirmed, with the numbers the board uses.
 */
import type { BoardSite } from '$lib/protocol';
import type { PlanInput } from '$lib/domain/staffing-plan';

export function boardPlanInput(sites: BoardSite[], now: number): PlanInput {
	return {
		sites: sites.map((site) => ({
			id: site.id,
			name: site.name,
			townshipId: site.townshipId,
			location: { lat: site.lat, lon: site.lon },
			open: site.status === 'open' || site.status === 'busy',
			desks: site.desks,
			queueLength: site.queueLength,
			arrivalsPerMinute: site.arrivalsPerMinute,
			peoplePerSamplerHour: site.peoplePerSamplerHour,
			// Samplers still on their way here work from their ETA (inTransit), not now.
			samplers: site.samplers.filter((sampler) => !site.incoming.some((incoming) => incoming.staffIds.includes(sampler.id)))
		})),
		inTransit: sites.flatMap((site) => site.incoming.map((incoming) => ({ toSiteId: site.id, count: incoming.staffIds.length, etaMs: Date.parse(incoming.arrivesAt) }))),
		now,
		townshipId: null
	};
}
