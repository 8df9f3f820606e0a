/**
 * How loaded a sampling site is, from its queue and its desks. A first model: the queue divided
 * by the service rate (domain.md: about 200 people per sampler-hour, one sampler at a desk at a
 * time). The queueing model of the staffing board refines this.
 */
export const PEOPLE_PER_SAMPLER_HOUR = 200;

export type SiteLoad = 'idle' | 'normal' | 'busy' | 'crowded';

/** Upper bounds in minutes of expected wait: idle < 15, normal < 30, busy < 60, crowded ≥ 60. */
export const DEFAULT_WAIT_BANDS = { idle: 15, normal: 30, busy: 60 } as const;

export function expectedWaitMinutes(queueLength: number, desks: number, peoplePerSamplerHour = PEOPLE_PER_SAMPLER_HOUR): number {
	if (queueLength <= 0) return 0;
	if (desks <= 0) return Infinity;
	return (queueLength / (desks * peoplePerSamplerHour)) * 60;
}

export function siteLoad(waitMinutes: number, bands: { idle: number; normal: number; busy: number } = DEFAULT_WAIT_BANDS): SiteLoad {
	if (waitMinutes < bands.idle) return 'idle';
	if (waitMinutes < bands.normal) return 'normal';
	if (waitMinutes < bands.busy) return 'busy';
	return 'crowded';
}

export type SiteState = SiteLoad | 'closed';

/** What the map shows of a site: closed (or paused) sites are greyed whatever their queue. */
export function siteState(site: { status: string; queueLength: number; desks: number }, bands: { idle: number; normal: number; busy: number } = DEFAULT_WAIT_BANDS): SiteState {
	if (site.status === 'closed' || site.status === 'paused') return 'closed';
	return siteLoad(expectedWaitMinutes(site.queueLength, site.desks), bands);
}
