/**
 * What a demo village's phone does about door-to-door sampling and positive pools, by `now`
 * (pure; time and what the phone first saw when are parameters): make the day's visits when it
 * first looks each day (and every two hours after, for anyone new: the command is idempotent);
 * acknowledge a positive pool 5-25 min after seeing it; take each re-test tube 40-200 min after
 * seeing the visit; enter the re-test's result 3-6 h after the tube (about one in 25 positive, so
 * the wall sometimes shows a transfer step); take a household's routine tube along its route,
 * 20 min a stop. Delays are drawn from the ids, so a restart decides the same.
 */
import { serviceDay } from '../../src/lib/domain/service-day';

export const DOOR_SIM_RULES = {
	notifyMinutes: [5, 25],
	retestSampleMinutes: [40, 200],
	resultMinutes: [180, 360],
	minutesPerStop: 20,
	positiveOneIn: 25,
	regenerateEveryHours: 2
} as const;

export interface SeenVisit {
	id: number;
	householdId: string;
	memberCode: string;
	reason: 'cannot_come' | 'retest';
	status: string;
	stopOrder: number | null;
	result: string | null;
}

export interface SeenPlaybook {
	id: string;
	notifiedAt: string | null;
	closedAt: string | null;
}

export type DoorAction =
	| { kind: 'generate'; key: string; at: number }
	| { kind: 'notify'; key: string; at: number; playbookId: string }
	| { kind: 'sample'; key: string; at: number; visitIds: number[]; tube: string }
	| { kind: 'result'; key: string; at: number; visitId: number; result: 'positive' | 'negative' };

const MINUTE = 60_000;

/** A fraction in [0, 1) drawn from a string (FNV-1a): the same id, the same delay. */
export function drawOf(text: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
	return hash / 2 ** 32;
}
const between = ([low, high]: readonly [number, number], key: string) => (low + (high - low) * drawOf(key)) * MINUTE;

/**
 * Due actions by now, in time order. `firstSeen` is when the phone first saw each `v:<visit id>`,
 * `s:<visit id>` (seen sampled) and `p:<playbook id>`: a delay counts from there.
 */
export function doorVisitActions({ villageId, now, visits, playbooks, firstSeen }: { villageId: string; now: number; visits: readonly SeenVisit[]; playbooks: readonly SeenPlaybook[]; firstSeen: ReadonlyMap<string, number> }, rules = DOOR_SIM_RULES): DoorAction[] {
	const day = serviceDay(now);
	const bucket = Math.floor((now % (24 * 60 * MINUTE)) / (rules.regenerateEveryHours * 60 * MINUTE));
	const actions: DoorAction[] = [{ kind: 'generate', key: `door-gen:${villageId}:${day}:${bucket}`, at: now }];
	for (const playbook of playbooks) {
		const seen = firstSeen.get(`p:${playbook.id}`);
		if (playbook.notifiedAt || playbook.closedAt || seen === undefined) continue;
		actions.push({ kind: 'notify', key: `door-notify:${playbook.id}`, at: seen + between(rules.notifyMinutes, playbook.id), playbookId: playbook.id });
	}
	const routine = new Map<string, SeenVisit[]>();
	for (const visit of visits) {
		const seen = firstSeen.get(`v:${visit.id}`);
		if (seen === undefined) continue;
		if (visit.reason === 'retest' && visit.status === 'open') {
			actions.push({ kind: 'sample', key: `door-sample:${visit.id}`, at: seen + between(rules.retestSampleMinutes, visit.memberCode), visitIds: [visit.id], tube: `RT${visit.id}` });
		} else if (visit.reason === 'retest' && visit.status === 'sampled' && visit.result === null) {
			const sampledSeen = firstSeen.get(`s:${visit.id}`) ?? seen;
			const result = Math.floor(drawOf(`result:${visit.memberCode}`) * rules.positiveOneIn) === 0 ? 'positive' : 'negative';
			actions.push({ kind: 'result', key: `door-result:${visit.id}`, at: sampledSeen + between(rules.resultMinutes, `r:${visit.memberCode}`), visitId: visit.id, result });
		} else if (visit.reason === 'cannot_come' && visit.status === 'open') {
			routine.set(visit.householdId, [...(routine.get(visit.householdId) ?? []), visit]);
		}
	}
	for (const [householdId, members] of routine) {
		const seen = Math.min(...members.map((visit) => firstSeen.get(`v:${visit.id}`)!));
		const stop = Math.max(1, members[0].stopOrder ?? 1);
		actions.push({ kind: 'sample', key: `door-sample:${members.map((visit) => visit.id).join('+')}`, at: seen + stop * rules.minutesPerStop * MINUTE + between([0, 10], householdId), visitIds: members.map((visit) => visit.id), tube: `DT${members[0].id}` });
	}
	return actions.filter((action) => action.at <= now).sort((a, b) => a.at - b.at);
}
