/** The officer's card line for a standing fever or symptoms: 发热 only for a fever. */
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n/messages';
import { feverLine } from '../../src/lib/components/quarantine/fever-line';

const zh = translator('zh-CN');
const en = translator('en');

describe('feverLine', () => {
	it('says symptoms, not fever, for 36.6 °C with a dry cough', () => {
		const standing = { temperatureC: 36.6, symptoms: ['dry_cough'], time: '01:40' };
		expect(feverLine(zh, 'zh-CN', standing)).toBe('有症状（干咳），01:40 起');
		expect(feverLine(en, 'en', standing)).toBe('Symptoms (dry cough) since 01:40');
	});

	it('says fever from 37.3 °C, and both when both', () => {
		expect(feverLine(zh, 'zh-CN', { temperatureC: 37.3, symptoms: [], time: '08:05' })).toBe('发热 37.3 °C，08:05 起');
		expect(feverLine(en, 'en', { temperatureC: 38.2, symptoms: ['fever', 'dry_cough', 'fatigue'], time: '08:05' })).toBe('Fever 38.2 °C and symptoms (dry cough, fatigue) since 08:05');
		expect(feverLine(zh, 'zh-CN', { temperatureC: 38.2, symptoms: ['dry_cough', 'fatigue'], time: '08:05' })).toBe('发热 38.2 °C，有症状（干咳、乏力），08:05 起');
	});

	it('says fever without a reading when the fever was reported as a symptom', () => {
		expect(feverLine(zh, 'zh-CN', { temperatureC: null, symptoms: ['fever'], time: '09:00' })).toBe('发热，09:00 起');
		expect(feverLine(en, 'en', { temperatureC: 36.9, symptoms: ['fever'], time: '09:00' })).toBe('Fever since 09:00');
	});
});
