/**
 * Open playbooks (and those closed in the last day) with each step's state from the rule
 * (src/lib/domain/positive-playbook.ts). Two views: the officers' and the command's (per pool: its
 * re-test visits by member code and household, only of the asker's villages for an officer; a pool
 * with none of them is left out), and the wall's (per pool: its villages and the step timers, never
 * a household or a person).
 */
import { and, desc, gte, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { doorVisits, positivePlaybooks } from '../../db/schema/index';
import { playbook, type Playbook, type PlaybookEvent } from '../../../src/lib/domain/positive-playbook';
import { nameOfRegionId } from '../ledgers/region-ids';
import { proposedMembers } from './playbook-events';

const CLOSED_SHOWN_MS = 24 * 3_600_000;

type Row = typeof positivePlaybooks.$inferSelect;
type Visit = typeof doorVisits.$inferSelect;

export interface PlaybookState {
	row: Row;
	visits: Visit[];
	state: Playbook;
}

export async function loadPlaybooks(db: Db, { villageIds, now }: { villageIds: string[] | null; now: number }): Promise<PlaybookState[]> {
	if (villageIds?.length === 0) return [];
	const rows = await db
		.select()
		.from(positivePlaybooks)
		.where(or(isNull(positivePlaybooks.closedAt), gte(positivePlaybooks.closedAt, new Date(now - CLOSED_SHOWN_MS))))
		.orderBy(desc(positivePlaybooks.positiveAt));
	const mine = villageIds ? rows.filter((row) => row.villageIds.some((id) => villageIds.includes(id))) : rows;
	if (mine.length === 0) return [];
	const ids = mine.map((row) => row.id);
	const visits = await db.select().from(doorVisits).where(and(inArray(doorVisits.playbookId, ids)));
	const proposed = await proposedMembers(db, ids);
	return mine.map((row) => {
		const own = visits.filter((visit) => visit.playbookId === row.id && visit.reason === 'retest' && visit.status !== 'cancelled');
		const events: PlaybookEvent[] = [];
		if (row.notifiedAt) events.push({ kind: 'notified', at: row.notifiedAt.getTime() });
		for (const visit of own) {
			if (visit.status === 'sampled' && visit.doneAt) events.push({ kind: 'resampled', at: visit.doneAt.getTime(), memberCode: visit.memberCode });
			if (visit.result && visit.resultAt) events.push({ kind: 'retest_result', at: visit.resultAt.getTime(), memberCode: visit.memberCode, result: visit.result });
		}
		for (const [memberCode, at] of proposed.get(row.id) ?? []) events.push({ kind: 'transfer_proposed', at, memberCode });
		const state = playbook({ positiveAt: row.positiveAt.getTime(), members: own.map((visit) => visit.memberCode), events, now });
		// An officer sees only their villages' members.
		return { row, visits: villageIds ? own.filter((visit) => villageIds.includes(visit.villageId)) : own, state };
	});
}

/** The wall's timers: villages and steps only. */
export interface WallPlaybook {
	villages: string[];
	positiveAt: string;
	minutesSincePositive: number;
	closed: boolean;
	late: string[];
	steps: { kind: string; state: string; done: number; of: number; minutes: number }[];
}

export async function wallPlaybooks(db: Db, now = Date.now()): Promise<WallPlaybook[]> {
	const loaded = await loadPlaybooks(db, { villageIds: null, now });
	return loaded.map(({ row, state }) => ({
		villages: row.villageIds.map(nameOfRegionId),
		positiveAt: row.positiveAt.toISOString(),
		minutesSincePositive: Math.max(0, Math.floor((now - row.positiveAt.getTime()) / 60_000)),
		closed: row.closedAt !== null,
		late: state.late,
		steps: state.steps.map((step) => ({ kind: step.kind, state: step.state, done: step.done, of: step.of, minutes: step.minutesSincePositive }))
	}));
}
