/**
 * The wall's one-line finish forecast (预计完成时间), said once by the server in Chinese and
 * English: "预计 21:40 全部完成，目标 24:00，余量 2 小时 20 分". Times are China time whatever the
 * server's zone; a time on a later day than now says so (次日 08:00), and midnight ending today's
 * service day reads 24:00, as the plans write it.
 */
import { BOUND_TEXT, marginText, type Finish, type FinishBound } from './finish-forecast';

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

const chinaDay = (at: number) => Math.floor((at + CHINA_OFFSET_MS) / DAY_MS);

/** "21:40", "24:00" (midnight ending now's day) or "次日 08:00" / "08:00 tomorrow". */
export function clockText(at: number, now: number): { zh: string; en: string } {
	const days = chinaDay(at) - chinaDay(now);
	const minutes = Math.floor(((at + CHINA_OFFSET_MS) % DAY_MS) / 60_000);
	const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
	if (days === 1 && minutes === 0) return { zh: '24:00', en: '24:00' };
	if (days <= 0) return { zh: hhmm(minutes), en: hhmm(minutes) };
	if (days === 1) return { zh: `次日 ${hhmm(minutes)}`, en: `${hhmm(minutes)} tomorrow` };
	return { zh: `${days} 天后 ${hhmm(minutes)}`, en: `${hhmm(minutes)} in ${days} days` };
}

export function forecastText(county: Finish, target: number, now: number): { zh: string; en: string } {
	const goal = clockText(target, now);
	const bound = (county.last?.bound ?? 'done') as FinishBound;
	if (!Number.isFinite(county.finishAt)) {
		const why = BOUND_TEXT[bound];
		return { zh: `按当前情况无法全部完成（${why.zh}），目标 ${goal.zh}`, en: `Cannot finish as things stand (${why.en}); target ${goal.en}` };
	}
	if (county.last === null || county.finishAt <= now) return { zh: `到场群众已全部采样，目标 ${goal.zh}`, en: `Everyone who came is sampled; target ${goal.en}` };
	const at = clockText(county.finishAt, now);
	const margin = marginText(county.marginMinutes);
	return { zh: `预计 ${at.zh} 全部完成，目标 ${goal.zh}，${margin.zh}`, en: `Forecast: all sampled by ${at.en}, target ${goal.en}, ${margin.en}` };
}
