/**
 * The playbook a positive pool starts (第一时间报告、复检、处置, seed 003): the households' officers
 * notified (and the households put under home quarantine pending the re-test), a single tube
 * re-sampled at home from each member (单采复核), the re-test results, and a closed-loop transfer
 * proposed for each member whose re-test is positive. From the step events on the log: each step's
 * state, minutes since the positive, and which steps are late. Members are roster codes, never
 * names or ID numbers. Pure; time is a parameter.
 */

export const PLAYBOOK_RULES = {
	/** Minutes from the positive by which the officers are notified ("第一时间"). */
	notifiedMinutes: 30,
	/** Minutes from the positive by which every member's single tube is taken (door-to-door). */
	resampledMinutes: 240,
	/** Minutes from the last re-sample by which its result is in: the 8-hour promise (001). */
	retestResultMinutes: 480,
	/** Minutes from a positive re-test by which its closed-loop transfer is proposed. */
	transferProposedMinutes: 30
} as const;

export type PlaybookRules = { [K in keyof typeof PLAYBOOK_RULES]: number };

export type PlaybookStepKind = 'notified' | 'resampled' | 'retest_result' | 'transfer_proposed';
export const PLAYBOOK_STEPS: readonly PlaybookStepKind[] = ['notified', 'resampled', 'retest_result', 'transfer_proposed'];

/** A step event as it stands on the log (epoch ms). Per member except `notified`. */
export type PlaybookEvent =
	| { kind: 'notified'; at: number }
	| { kind: 'resampled'; at: number; memberCode: string }
	| { kind: 'retest_result'; at: number; memberCode: string; result: 'negative' | 'positive' }
	| { kind: 'transfer_proposed'; at: number; memberCode: string };

export type StepState = 'done' | 'pending' | 'late' | 'not_needed' | 'waiting';

export interface PlaybookStep {
	kind: PlaybookStepKind;
	/** waiting: an earlier step must happen first; not_needed: no re-test positive, no transfer. */
	state: StepState;
	/** Members done / members this step covers (1/1 for notified). */
	done: number;
	of: number;
	/** When the step was complete (epoch ms), or null. */
	doneAt: number | null;
	/** When it is due (epoch ms), or null when not yet known (waiting, not needed). */
	dueAt: number | null;
	/** Minutes from the positive to when it was done, or to now while open: the wall's timer. */
	minutesSincePositive: number;
}

export interface Playbook {
	steps: PlaybookStep[];
	/** Steps open past their due time. */
	late: PlaybookStepKind[];
	/** Members whose re-test was positive: each one a transfer to propose. */
	retestPositive: string[];
	/** Every step done (or not needed). */
	complete: boolean;
}

const MINUTE = 60_000;

/** The first time per member of one kind of event (a step repeated counts once, at its first time). */
function firstPerMember<E extends { at: number; memberCode: string }>(events: readonly E[], members: ReadonlySet<string>): Map<string, E> {
	const first = new Map<string, E>();
	for (const event of events) {
		if (!members.has(event.memberCode)) continue;
		const seen = first.get(event.memberCode);
		if (!seen || event.at < seen.at) first.set(event.memberCode, event);
	}
	return first;
}

export function playbook({ positiveAt, members, events, now }: { positiveAt: number; members: readonly string[]; events: readonly PlaybookEvent[]; now: number }, rules: PlaybookRules = PLAYBOOK_RULES): Playbook {
	const memberSet = new Set(members);
	const since = (at: number) => Math.max(0, Math.floor((at - positiveAt) / MINUTE));
	const step = (kind: PlaybookStepKind, done: number, of: number, doneAt: number | null, dueAt: number | null, waiting = false): PlaybookStep => {
		const complete = of === 0 || done >= of;
		const state: StepState = complete && doneAt !== null ? 'done' : waiting ? 'waiting' : dueAt !== null && now > dueAt ? 'late' : 'pending';
		return { kind, state, done, of, doneAt: complete ? doneAt : null, dueAt, minutesSincePositive: since(complete && doneAt !== null ? doneAt : now) };
	};
	const lastOf = (events: Iterable<{ at: number }>) => Math.max(...[...events].map((event) => event.at));

	const notifiedAt = events.filter((event) => event.kind === 'notified').reduce<number | null>((first, event) => (first === null || event.at < first ? event.at : first), null);
	const notified = step('notified', notifiedAt === null ? 0 : 1, 1, notifiedAt, positiveAt + rules.notifiedMinutes * MINUTE);

	const resampled = firstPerMember(events.filter((event) => event.kind === 'resampled'), memberSet);
	const allResampled = resampled.size >= memberSet.size;
	const resampledStep = step('resampled', resampled.size, memberSet.size, allResampled && resampled.size > 0 ? lastOf(resampled.values()) : memberSet.size === 0 ? positiveAt : null, positiveAt + rules.resampledMinutes * MINUTE);

	// A result counts only for a member re-sampled; the last result of a member is the one that stands.
	const results = new Map<string, Extract<PlaybookEvent, { kind: 'retest_result' }>>();
	for (const event of events) {
		if (event.kind !== 'retest_result' || !resampled.has(event.memberCode)) continue;
		const seen = results.get(event.memberCode);
		if (!seen || event.at >= seen.at) results.set(event.memberCode, event);
	}
	// Each member's result is due 8 hours after their own tube: the step is due with its earliest outstanding one.
	const outstanding = [...resampled.values()].filter((event) => !results.has(event.memberCode));
	const resultsDueAt = outstanding.length > 0 ? Math.min(...outstanding.map((event) => event.at)) + rules.retestResultMinutes * MINUTE : resampled.size > 0 ? lastOf(resampled.values()) + rules.retestResultMinutes * MINUTE : null;
	const allResults = results.size >= memberSet.size;
	const resultStep = step('retest_result', results.size, memberSet.size, allResults && results.size > 0 ? lastOf(results.values()) : memberSet.size === 0 ? positiveAt : null, resultsDueAt, resampled.size === 0 && memberSet.size > 0);

	const retestPositive = members.filter((code) => results.get(code)?.result === 'positive');
	const positives = new Set(retestPositive);
	const proposed = firstPerMember(events.filter((event) => event.kind === 'transfer_proposed'), positives);
	let transferStep: PlaybookStep;
	if (retestPositive.length === 0) {
		transferStep = { kind: 'transfer_proposed', state: resultStep.state === 'done' ? 'not_needed' : 'waiting', done: 0, of: 0, doneAt: null, dueAt: null, minutesSincePositive: since(now) };
	} else {
		const firstPositiveResult = Math.min(...retestPositive.map((code) => results.get(code)!.at));
		transferStep = step('transfer_proposed', proposed.size, positives.size, proposed.size >= positives.size ? lastOf(proposed.values()) : null, firstPositiveResult + rules.transferProposedMinutes * MINUTE);
	}

	const steps = [notified, resampledStep, resultStep, transferStep];
	return {
		steps,
		late: steps.filter((each) => each.state === 'late').map((each) => each.kind),
		retestPositive,
		complete: steps.every((each) => each.state === 'done' || each.state === 'not_needed')
	};
}

export const STEP_TEXT: Record<PlaybookStepKind, { zh: string; en: string }> = {
	notified: { zh: '已通知村防控专班', en: 'officers notified' },
	resampled: { zh: '单采复核采样', en: 'single tubes re-sampled' },
	retest_result: { zh: '复核结果', en: 're-test results' },
	transfer_proposed: { zh: '闭环转运', en: 'closed-loop transfer proposed' }
};
