/** The wall's one-line finish forecast, in China time, both languages. */
import { describe, expect, it } from 'vitest';
import { clockText, forecastText } from '../../src/lib/domain/forecast-text';
import type { Finish } from '../../src/lib/domain/finish-forecast';

const china = (hhmm: string, day = '2026-11-30') => Date.parse(`${day}T${hhmm}:00+08:00`);
const now = china('14:00');
const finish = (finishAt: number, target: number, bound = 'desks' as const): Finish => ({ finishAt, marginMinutes: (target - finishAt) / 60_000, misses: finishAt > target, last: { villageId: 'v', townshipId: 't', siteId: 's', finishAt, bound } });

describe('forecastText', () => {
	it('says the finish, the target and the margin as the plan writes them', () => {
		const target = china('00:00', '2026-12-01');
		expect(forecastText(finish(china('21:40'), target), target, now)).toEqual({ zh: '预计 21:40 全部完成，目标 24:00，余量 2 小时 20 分', en: 'Forecast: all sampled by 21:40, target 24:00, 2 h 20 min to spare' });
	});

	it('a finish past the target says how late; times on the next day say so', () => {
		const target = china('22:00');
		expect(forecastText(finish(china('01:15', '2026-12-01'), target), target, now).zh).toBe('预计 次日 01:15 全部完成，目标 22:00，超时 3 小时 15 分');
		expect(clockText(china('08:00', '2026-12-01'), now)).toEqual({ zh: '次日 08:00', en: '08:00 tomorrow' });
	});

	it('cannot finish, or everyone who came already sampled', () => {
		const target = china('22:00');
		expect(forecastText({ finishAt: Infinity, marginMinutes: -Infinity, misses: true, last: { villageId: 'v', townshipId: 't', siteId: 's', finishAt: Infinity, bound: 'no_staff' } }, target, now).zh).toBe('按当前情况无法全部完成（无在岗采样台），目标 22:00');
		expect(forecastText({ finishAt: now, marginMinutes: 480, misses: false, last: null }, target, now).en).toBe('Everyone who came is sampled; target 22:00');
	});
});
