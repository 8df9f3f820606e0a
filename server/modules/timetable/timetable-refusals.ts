/** How the timetable's commands say no (codes for clients, reasons in zh and en), and who may give them. */
import type { UserRole } from '../../auth/roles';
import type { UserScope } from '../../auth/user-scope';
import type { CommandContext } from '../command-events';
import { serviceErrors } from '../service-error';

export interface TimetableContext extends CommandContext {
	role: UserRole;
	scope: UserScope;
}

/** The command centre, and a township's shift leader for its own villages. */
export const TIMETABLE_EDITORS: readonly UserRole[] = ['admin', 'commander', 'shift_leader'];

export const refuseTimetable = serviceErrors({
	timetable_not_allowed: { kind: 'forbidden', text: () => ({ zh: '只有指挥部和街道采样组长可以修改各村时间安排表', en: 'only the command centre and a township shift leader may change the village timetable' }) },
	timetable_outside_township: { kind: 'forbidden', text: () => ({ zh: '只能安排本街道的村（社区）', en: 'a shift leader schedules only the villages of their own township' }) },
	timetable_village_unknown: { kind: 'invalid', text: ({ id }: { id: string }) => ({ zh: `没有村（社区）"${id}"，未作任何更改`, en: `No village "${id}"; nothing was changed` }) },
	timetable_site_unknown: { kind: 'invalid', text: ({ id }: { id: string }) => ({ zh: `没有采样点"${id}"，未作任何更改`, en: `No sampling site "${id}"; nothing was changed` }) },
	timetable_bad_time: { kind: 'invalid', text: ({ field, value }: { field: string; value: string }) => ({ zh: `${field === 'startsAt' ? '开始时间' : '结束时间'}"${value}"不是 HH:MM 格式的时刻（00:00–24:00），未作任何更改`, en: `${field === 'startsAt' ? 'Start time' : 'End time'} "${value}" is not a time of day HH:MM (00:00–24:00); nothing was changed` }) },
	timetable_empty_slot: { kind: 'invalid', text: ({ startsAt }: { startsAt: string; endsAt: string }) => ({ zh: `结束时间与开始时间同为 ${startsAt}，请改一个（结束早于开始即到次日，如 22:00–02:00），未作任何更改`, en: `End time and start time are both ${startsAt}; change one (an end before the start is the next day, e.g. 22:00–02:00); nothing was changed` }) },
	timetable_slot_exists: { kind: 'conflict', text: () => ({ zh: '该村在该采样点已有安排，请直接修改那一行，未作任何更改', en: 'This village already has a row at this site; change that row instead; nothing was changed' }) },
	timetable_slot_unknown: { kind: 'not_found', text: () => ({ zh: '时间安排表中没有这一行（可能已被他人删除）', en: 'no such row in the timetable (someone may have removed it)' }) }
});

/** Whether the actor may edit a village's row at all; refuses otherwise. */
export function checkTimetableEditor(ctx: TimetableContext, villageTownshipId: string): void {
	if (!TIMETABLE_EDITORS.includes(ctx.role)) throw refuseTimetable('timetable_not_allowed');
	if (ctx.scope.kind === 'county') return;
	if (ctx.scope.kind === 'township' && ctx.scope.townshipId === villageTownshipId) return;
	throw refuseTimetable('timetable_outside_township');
}
