import { describe, expect, it } from 'vitest';
import { LiveState } from '../../server/pipeline/live-state';
import { concernsDesk } from '../../server/pipeline/desk-signal';
import type { CaseFollowedUp } from '../../src/lib/protocol/follow-up-events';
import type { Delta } from '../../src/lib/protocol/layers';

const NOW = Date.parse('2026-11-23T11:00:00+08:00');
const followUp: CaseFollowedUp = {
	id: 'cmd-desk-1-aaaaaaaa', at: new Date(NOW).toISOString(), actor: 'user:officer', type: 'case.follow_up', caseId: 'qc_1', villageId: 'v:城门街道/白畈村', village: null,
	day: '2026-11-23', slot: 'morning', source: 'officer', reportId: 'report-1', takenAt: new Date(NOW - 60_000).toISOString(), fever: false, critical: false
};
const deskDelta = (live: LiveState) => live.takeDeltas(NOW).find((delta) => delta.layer === 'desk') as Delta<'desk'> | undefined;

describe('the quarantine desk\'s live signal', () => {
	it('moves in the next tick once a follow-up is applied, as one county entity with no case or village', () => {
		const live = new LiveState({ sites: [], vehicles: [] }, NOW);
		expect(deskDelta(live)).toBeUndefined();
		live.apply(followUp);
		const delta = deskDelta(live)!;
		expect(delta).toMatchObject({ seq: 1, upserts: [{ id: 'county', changes: 1, changedAt: followUp.at }], removes: [] });
		expect(JSON.stringify(delta)).not.toMatch(/qc_1|白畈村/);
		expect(live.snapshot('desk')).toMatchObject({ seq: 1, entities: [{ changes: 1 }] });
	});

	it('does not move for a follow-up applied twice, nor for a staff move', () => {
		const live = new LiveState({ sites: [], vehicles: [] }, NOW);
		live.apply(followUp);
		deskDelta(live);
		live.apply(followUp);
		expect(deskDelta(live)).toBeUndefined();
		expect(concernsDesk('staff.move_started')).toBe(false);
		expect(concernsDesk('run.accepted')).toBe(false);
	});

	it('counts the events that change what the desk shows', () => {
		for (const type of ['case.follow_up', 'case.test_result', 'case.released', 'returnee.registered', 'supply.delivered', 'zone.added', 'transfer.assigned']) expect(concernsDesk(type), type).toBe(true);
	});
});
