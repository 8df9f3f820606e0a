/**
 * Labels of the staffing board that depend on the day and on a count: a finish time that is not
 * today says so (a bare "00:31" read as this morning), and a count of samplers reads as plain
 * words in either language ("1 sampler", "3 samplers").
 */
import { chinaDateTime, chinaMinutes } from '$lib/china-time';
import type { Translate } from '$lib/i18n/messages';

/** "HH:MM" today, "明天/tomorrow HH:MM" tomorrow, else "MM-DD HH:MM"; China time. */
export function finishLabel(iso: string | null, nowMs: number, t: Translate): string {
	if (!iso) return t('sites.never');
	const at = Date.parse(iso);
	if (Number.isNaN(at)) return t('sites.never');
	const day = (ms: number) => chinaDateTime(ms).slice(0, 10);
	const time = chinaMinutes(iso);
	if (day(at) === day(nowMs)) return time;
	if (day(at) === day(nowMs + 86_400_000)) return `${t('sites.tomorrow')} ${time}`;
	return `${day(at).slice(5)} ${time}`;
}

export const samplerCount = (count: number, t: Translate) => t(count === 1 ? 'sites.samplerCount.one' : 'sites.samplerCount.other', { count });
