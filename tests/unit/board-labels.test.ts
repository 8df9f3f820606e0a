/** The staffing board's day-aware finish time and plain-word sampler counts (issue 13: a bare "00:31" read as this morning; "Move 1 sampler(s)"). */
import { describe, expect, it } from 'vitest';
import { finishLabel, samplerCount } from '../../src/lib/components/sites/board-labels';
import { translator } from '../../src/lib/i18n/messages';

const zh = translator('zh-CN');
const en = translator('en');
// 2026-11-30 22:00 China time.
const NOW = Date.parse('2026-11-30T14:00:00Z');

describe('finishLabel', () => {
	it('shows a bare time only today (China time), says tomorrow, and dates anything later', () => {
		expect(finishLabel('2026-11-30T15:30:00Z', NOW, en)).toBe('23:30');
		expect(finishLabel('2026-11-30T16:31:00Z', NOW, en)).toBe('tomorrow 00:31');
		expect(finishLabel('2026-11-30T16:31:00Z', NOW, zh)).toBe('明天 00:31');
		expect(finishLabel('2026-12-02T01:00:00Z', NOW, en)).toBe('12-02 09:00');
		expect(finishLabel(null, NOW, en)).toBe('never at this pace');
	});
});

describe('samplerCount', () => {
	it('reads as plain words in English and Chinese', () => {
		expect([samplerCount(1, en), samplerCount(2, en), samplerCount(1, zh)]).toEqual(['1 sampler', '2 samplers', '1 名采样员']);
	});
});
