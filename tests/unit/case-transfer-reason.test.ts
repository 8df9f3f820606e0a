import { describe, expect, it } from 'vitest';
import { casePositive, destinationKindsFor, feverClinicTakesTransfers } from '../../src/lib/domain/case-transfer-reason';

describe('destinationKindsFor', () => {
	it('sends a positive test to a fever clinic only, never to a quarantine hotel', () => {
		expect(destinationKindsFor('positive')).toEqual(['fever_clinic']);
	});

	it('sends fever or a symptom to a fever clinic, else to a hotel with a bed', () => {
		expect(destinationKindsFor('fever')).toEqual(['fever_clinic', 'hotel']);
		expect(destinationKindsFor('symptoms')).toEqual(['fever_clinic', 'hotel']);
	});
});

describe('casePositive', () => {
	it('marks a case positive once any of its tests is positive', () => {
		expect(casePositive([{ result: 'negative' }, { result: 'positive' }, { result: null }])).toBe(true);
	});

	it('does not mark a case positive for negative, pending or missing results', () => {
		expect(casePositive([{ result: 'negative' }, { result: 'pending' }, { result: null }])).toBe(false);
		expect(casePositive([])).toBe(false);
	});
});

describe('feverClinicTakesTransfers', () => {
	it('takes a transfer open, busy or paused, whatever the hour', () => {
		expect(['open', 'busy', 'paused'].map(feverClinicTakesTransfers)).toEqual([true, true, true]);
	});

	it('does not take one when explicitly marked closed', () => {
		expect(feverClinicTakesTransfers('closed')).toBe(false);
	});
});
