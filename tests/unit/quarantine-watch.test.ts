import { describe, expect, it } from 'vitest';
import { LiveState } from '../../server/pipeline/live-state';
import type { CommandEvent } from '../../src/lib/protocol/command-events';
import { commandEvent } from '../../src/lib/protocol/command-events';

const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const envelope = (id: string) => ({ id, at: '2026-11-23T02:00:00.000Z', actor: 'user:u1' });
const village = 'v:城门街道/白畈村';

const events: CommandEvent[] = [
	{ ...envelope('cmd-00000001'), type: 'returnee.registered', returneeId: 'rt_1', villageId: village, arrivalDay: '2026-11-23', measure: 'home_quarantine', reason: 'risk_area_home', source: 'officer' },
	{ ...envelope('cmd-00000002'), type: 'case.opened', caseId: 'qc_1', villageId: village, measure: 'home_quarantine', placeKind: 'home', quarantineSiteId: null, status: 'active', startDate: '2026-11-23', plannedEndDate: '2026-12-06', followsCaseId: null },
	{ ...envelope('cmd-00000003'), type: 'case.opened', caseId: 'qc_2', villageId: village, measure: 'centralised', placeKind: 'hotel', quarantineSiteId: null, status: 'awaiting_transfer', startDate: '2026-11-23', plannedEndDate: '2026-12-06', followsCaseId: null },
	{ ...envelope('cmd-00000004'), type: 'case.placed', caseId: 'qc_2', villageId: village, quarantineSiteId: 'qs-1', startDate: '2026-11-23', plannedEndDate: '2026-12-06' },
	{ ...envelope('cmd-00000005'), type: 'case.test_result', caseId: 'qc_1', villageId: village, quarantineSiteId: null, testId: 9, kind: 'arrival_24h', result: 'positive', source: 'lab' }
];

describe('the live state of quarantine events', () => {
	it('parses every event with the shared schema (no personal field allowed on the log)', () => {
		for (const event of events) expect(commandEvent.parse(event)).toEqual(event);
		expect(() => commandEvent.parse({ ...events[0], name: '张三' })).toThrow();
	});

	it('counts returnees by measure, open cases by measure and hotel, and positives per village, once per event', () => {
		const state = new LiveState({ sites: [], vehicles: [] }, NOW);
		for (const event of events) expect(state.apply(event)).toBe('applied');
		expect(state.apply(events[0])).toBe('duplicate');
		expect(state.quarantine.village(village)).toEqual({ returnees: { '2026-11-23': { home_quarantine: 1 } }, positives: { '2026-11-23': 1 } });
		expect(state.quarantine.openCases()).toEqual({ byMeasure: { home_quarantine: 1, centralised: 1 }, byHotel: { 'qs-1': 1 } });
		state.apply({ ...envelope('cmd-00000006'), type: 'case.released', caseId: 'qc_2', villageId: village, placeKind: 'hotel', quarantineSiteId: 'qs-1', handedToCaseId: 'qc_3' });
		expect(state.quarantine.openCases()).toEqual({ byMeasure: { home_quarantine: 1 }, byHotel: {} });
	});
});
