/**
 * setRoundDeadline: the commander's deadline for today's round (完成时限, issue 15 "the one-day
 * target"), or null to clear it (the target is then the round's start + 24 h again). Kept in
 * kept_screen_state under `round-deadline:<service day>` (round-deadline.ts, which the forecast
 * reads), audited, and `round.deadline_set` appended in the same transaction: its projection moves
 * the live KPI's overviewChanges so walls re-read the overview (and its forecast) at once. Only
 * the command centre (commander, admin) sets it; a refusal names why in zh and en and writes nothing.
 */
import type { UserRole } from '../../auth/roles';
import { parseRoundDeadline } from '../../../src/lib/domain/round-deadline';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { commitCommand, type CommandContext } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { writeKept } from '../screen-state/kept-screen-state';
import { serviceErrors } from '../service-error';
import { roundDeadlineKey } from './round-deadline';

export interface RoundDeadlineContext extends CommandContext {
	role: UserRole | null;
}

export const DEADLINE_SETTERS: readonly UserRole[] = ['commander', 'admin'];

export const refuseDeadline = serviceErrors({
	deadline_not_allowed: { kind: 'forbidden', text: () => ({ zh: '只有指挥部（指挥长、管理员）可以设置完成时限', en: 'only the command centre (commander, admin) may set the round’s deadline' }) },
	deadline_bad_time: { kind: 'invalid', text: ({ value }: { value: string }) => ({ zh: `完成时限"${value}"不是 HH:MM 格式的时刻（00:00–24:00），未作任何更改`, en: `deadline: "${value}" is not a time of day HH:MM (00:00–24:00); nothing was changed` }) },
	deadline_past: { kind: 'invalid', text: ({ value }: { value: string }) => ({ zh: `完成时限 ${value} 已过（今天的时刻，北京时间），未作任何更改`, en: `deadline: ${value} has already passed (today, China time); nothing was changed` }) }
});

export async function setRoundDeadline({ ctx, input }: { ctx: RoundDeadlineContext; input: { deadline: string | null } }) {
	if (!ctx.role || !DEADLINE_SETTERS.includes(ctx.role)) throw refuseDeadline('deadline_not_allowed');
	const now = ctx.now ?? Date.now();
	const day = serviceDay(now);
	let deadline: string | null = null;
	if (input.deadline !== null) {
		const parsed = parseRoundDeadline(input.deadline, now);
		if (!parsed.ok) throw refuseDeadline(parsed.reason === 'past' ? 'deadline_past' : 'deadline_bad_time', { value: parsed.clock.slice(0, 10) });
		deadline = new Date(parsed.at).toISOString();
	}
	const { result } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		// Cleared is kept as { deadline: null }: readRoundDeadline reads it as no deadline.
		await writeKept(tx, roundDeadlineKey(day), { deadline }, now);
		await recordAudit({ db: tx, entry: { actor: ctx.actor, action: 'round.deadline_set', subject: `round:${day}`, details: { deadline } } });
		emit({ type: 'round.deadline_set', day, deadline });
		return { day, deadline };
	});
	return result;
}
