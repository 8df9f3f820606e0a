import { describe, expect, it } from 'vitest';
import { LiveState } from '../../server/pipeline/live-state';
import type { CaseFollowedUp } from '../../src/lib/protocol/follow-up-events';
import type { KpiEntity } from '../../src/lib/protocol/layers';
import type { CaseTransferred } from '../../src/lib/protocol/quarantine-events';
import { deltaForTownship, snapshotForTownship } from '../../server/realtime/scope-filter';

const china = (local: string) => Date.parse(`${local}+08:00`);
const NOW = china('2026-11-23T11:00:00');
const baifan = { name: '白畈村', lat: 29.61, lon: 115.82 };
let n = 0;
const followUp = (overrides: Partial<CaseFollowedUp> = {}): CaseFollowedUp => ({
	id: `cmd-${++n}-aaaaaaaa`, at: new Date(NOW).toISOString(), actor: 'user:officer', type: 'case.follow_up', caseId: 'qc_1', villageId: 'v:城门街道/白畈村', village: baifan,
	day: '2026-11-23', slot: 'morning', source: 'officer', reportId: `report-${n}`, takenAt: new Date(china('2026-11-23T09:00:00')).toISOString(), fever: true, critical: true, ...overrides
});
const state = () => new LiveState({ sites: [], vehicles: [] }, NOW);
const kpiOf = (live: LiveState) => live.snapshot('kpis').entities[0] as KpiEntity;

describe('fevers in the live state', () => {
	it('counts a fever follow-up at its village at once, with its centre and no case or person', () => {
		const live = state();
		expect(live.apply(followUp())).toBe('applied');
		live.takeDeltas(NOW);
		expect(kpiOf(live).fevers).toEqual([{ villageId: 'v:城门街道/白畈村', village: '白畈村', lat: 29.61, lon: 115.82, cases: 1, since: new Date(china('2026-11-23T09:00:00')).toISOString() }]);
		expect(JSON.stringify(kpiOf(live))).not.toContain('qc_1');
	});
	it('sends the change in the next tick’s KPI delta', () => {
		const live = state();
		live.takeDeltas(NOW);
		live.apply(followUp());
		const delta = live.takeDeltas(NOW).find((each) => each.layer === 'kpis');
		expect((delta?.upserts[0] as KpiEntity).fevers).toHaveLength(1);
	});
	it('counts a resend once, and two cases of one village as two', () => {
		const live = state();
		const first = followUp();
		live.apply(first);
		expect(live.apply({ ...first, id: 'cmd-resent-aaaaaaaa' })).toBe('duplicate');
		live.apply(followUp({ caseId: 'qc_2' }));
		live.takeDeltas(NOW);
		expect(kpiOf(live).fevers?.[0].cases).toBe(2);
	});
	it('keeps a fever standing through a later normal re-check (it waits to be acted on), and ignores a resent report', () => {
		const live = state();
		live.apply(followUp({ takenAt: new Date(china('2026-11-23T09:00:00')).toISOString() }));
		const normal = followUp({ takenAt: new Date(china('2026-11-23T10:00:00')).toISOString(), fever: false, critical: false });
		live.apply(normal);
		expect(live.apply({ ...normal, id: 'cmd-resent-bbbbbbbb' })).toBe('duplicate');
		live.takeDeltas(NOW);
		expect(kpiOf(live).fevers).toEqual([expect.objectContaining({ cases: 1, since: new Date(china('2026-11-23T09:00:00')).toISOString() })]);
	});
	it('drops a case handed over at the end of its transfer from its village, and a fever taken after it raises it again', () => {
		const live = state();
		live.apply(followUp());
		live.apply(followUp({ caseId: 'qc_2' }));
		const transferred: CaseTransferred = { id: 'cmd-transfer-aaaaaaaa', at: new Date(china('2026-11-23T10:00:00')).toISOString(), actor: 'user:dispatcher', type: 'case.transferred', caseId: 'qc_1', villageId: 'v:城门街道/白畈村', taskId: 7, destination: { kind: 'fever_clinic', id: 'clinic-1' }, ended: true };
		expect(live.apply(transferred)).toBe('applied');
		expect(live.apply(transferred)).toBe('duplicate');
		live.takeDeltas(NOW);
		expect(kpiOf(live).fevers).toEqual([expect.objectContaining({ villageId: 'v:城门街道/白畈村', cases: 1 })]);
		// A follow-up taken before the handover, arriving late, does not bring it back.
		expect(live.apply(followUp({ takenAt: new Date(china('2026-11-23T09:30:00')).toISOString() }))).toBe('stale');
		// qc_2's normal re-check does not clear its fever; qc_1's new fever after its handover raises it again.
		live.apply(followUp({ caseId: 'qc_2', critical: false, fever: false, takenAt: new Date(china('2026-11-23T10:30:00')).toISOString() }));
		live.apply(followUp({ takenAt: new Date(china('2026-11-23T10:45:00')).toISOString() }));
		live.takeDeltas(NOW);
		expect(kpiOf(live).fevers).toEqual([expect.objectContaining({ cases: 2, since: new Date(china('2026-11-23T09:00:00')).toISOString() })]);
	});
	it('keeps a fever standing when the day turns (it stands until handed over, not until midnight)', () => {
		const live = state();
		live.apply(followUp());
		live.takeDeltas(china('2026-11-24T00:01:00'));
		expect(kpiOf(live).fevers).toEqual([expect.objectContaining({ villageId: 'v:城门街道/白畈村', cases: 1 })]);
	});
	it('restores the fevers standing at start, whatever day they were reported', () => {
		const live = state();
		live.restoreFevers([{ caseId: 'qc_7', villageId: 'v:城门街道/白畈村', village: baifan, since: china('2026-11-22T21:00:00') }]);
		live.takeDeltas(NOW);
		expect(kpiOf(live).fevers).toEqual([expect.objectContaining({ cases: 1, since: new Date(china('2026-11-22T21:00:00')).toISOString() })]);
	});
	it('drops a fever an officer dismissed with a reason (case.concern_dismissed), once', () => {
		const live = state();
		live.apply(followUp());
		const dismissed = { id: 'cmd-dismiss-aaaaaaaa', at: new Date(china('2026-11-23T10:00:00')).toISOString(), actor: 'user:officer', type: 'case.concern_dismissed' as const, caseId: 'qc_1', villageId: 'v:城门街道/白畈村' };
		expect(live.apply(dismissed)).toBe('applied');
		expect(live.apply(dismissed)).toBe('duplicate');
		live.takeDeltas(NOW);
		expect(kpiOf(live).fevers).toEqual([]);
	});
	it('shows a township’s wall only its own villages’ fevers', () => {
		const live = state();
		live.apply(followUp());
		live.apply(followUp({ caseId: 'qc_9', villageId: 'v:黄宅镇/某村', village: null }));
		const [delta] = live.takeDeltas(NOW).filter((each) => each.layer === 'kpis');
		expect((deltaForTownship(delta, 't:城门街道').upserts[0] as KpiEntity).fevers?.map((fever) => fever.villageId)).toEqual(['v:城门街道/白畈村']);
		expect((snapshotForTownship(live.snapshot('kpis'), 't:黄宅镇').entities[0] as KpiEntity).fevers).toEqual([expect.objectContaining({ villageId: 'v:黄宅镇/某村', lat: null, lon: null, village: '某村' })]);
	});
});
