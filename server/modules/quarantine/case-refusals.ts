/**
 * How the returnee and case operations say no (codes clients branch on, reasons in zh and en),
 * and the context they run in. Scope is checked before anything else is said about a case, so an
 * officer of another village learns nothing of it.
 */
import { serviceErrors } from '../service-error';
import type { UserScope } from '../../auth/user-scope';
import type { CommandContext } from '../command-events';
import { villageInScope } from './village-scope';
import { MEASURE_LABELS, TEST_KIND_LABELS } from './case-labels';

export interface QuarantineContext extends CommandContext {
	/** Whose villages the actor may act for (an officer: theirs; a commander: the county). */
	scope: UserScope;
}

const kinds = (list: readonly string[], lang: 'zh' | 'en') => list.map((kind) => TEST_KIND_LABELS[kind]?.[lang] ?? kind).join(lang === 'zh' ? '、' : ', ');

export const refuseCase = serviceErrors({
	outside_villages: { kind: 'forbidden', text: () => ({ zh: '只能处理本人负责村（社区）的人员', en: 'an officer acts only for the villages they are responsible for' }) },
	village_unknown: { kind: 'invalid', text: ({ id }: { id: string }) => ({ zh: `没有村（社区）"${id}"`, en: `villageId: no village "${id}"` }) },
	household_unknown: { kind: 'invalid', text: ({ id }: { id: string }) => ({ zh: `本村没有户编号为"${id}"的住户`, en: `householdId: no household "${id}" in this village` }) },
	returnee_duplicate: {
		kind: 'conflict',
		// Never the returnee's internal id: the person reading it is an officer, who knows them by name.
		text: ({ arrivalDay }: { arrivalDay: string }) => ({
			zh: `此人 ${arrivalDay} 的返乡已登记，未重复登记`,
			en: `this person's arrival on ${arrivalDay} is already registered; nothing was registered twice`
		})
	},
	arrival_in_future: { kind: 'invalid', text: () => ({ zh: '返乡时间晚于当前时间，请检查', en: 'arrivalAt is in the future; check it' }) },
	returnee_not_found: { kind: 'not_found', text: () => ({ zh: '没有这名返乡人员', en: 'there is no such returnee' }) },
	measure_unchanged: { kind: 'conflict', text: ({ measure }: { measure: string }) => ({ zh: `当前措施已是${MEASURE_LABELS[measure]?.zh ?? measure}，未作更改`, en: `the measure is already ${MEASURE_LABELS[measure]?.en ?? measure}; nothing was changed` }) },
	case_placed_at_hotel: {
		kind: 'conflict',
		text: () => ({ zh: '此人已在集中隔离点，不能改为其他措施；请期满后解除隔离，由所属村接续居家健康监测', en: 'this person is already at a quarantine hotel; release them when the days are done, and the home village takes over' })
	},
	transfer_open: {
		kind: 'conflict',
		text: ({ taskId }: { taskId: number }) => ({ zh: `转运任务 #${taskId} 正在接送此人，请先由调度取消该任务再改措施`, en: `transfer ${taskId} is on its way for this person; have dispatch cancel it before changing the measure` })
	},
	no_fever_standing: { kind: 'conflict', text: () => ({ zh: '该隔离对象没有待处理的发热或症状，无需销警', en: 'this case has no standing fever or symptoms; there is nothing to dismiss' }) },
	case_not_found: { kind: 'not_found', text: () => ({ zh: '没有这个隔离对象', en: 'there is no such quarantine case' }) },
	case_not_active: { kind: 'conflict', text: ({ status }: { status: string }) => ({ zh: `该隔离对象当前不在管控期内（${status}），未作更改`, en: `the case is not under its measure now (${status}); nothing was changed` }) },
	test_not_found: { kind: 'not_found', text: () => ({ zh: '没有这次检测', en: 'there is no such scheduled test' }) },
	test_already_recorded: {
		kind: 'conflict',
		text: ({ result }: { result: string }) => ({ zh: `这次检测已有结果（${result === 'positive' ? '阳性' : '阴性'}），未作更改；如结果有误，请用“更正结果”并填写原因`, en: `this test already has its result (${result}); nothing was changed. If it is wrong, correct it with a reason` })
	},
	test_not_recorded: { kind: 'conflict', text: () => ({ zh: '这次检测还没有结果，无需更正：请直接记录结果', en: 'this test has no result yet, so there is nothing to correct: record its result' }) },
	result_unchanged: {
		kind: 'conflict',
		text: ({ result }: { result: string }) => ({ zh: `这次检测的结果已是${result === 'positive' ? '阳性' : '阴性'}，未作更改`, en: `this test's result is already ${result}; nothing was changed` })
	},
	release_days_not_done: {
		kind: 'unprocessable',
		text: ({ daysLeft, plannedEndDate }: { daysLeft: number; plannedEndDate: string }) => ({
			zh: `隔离期未满：还有 ${daysLeft} 天，${plannedEndDate} 期满后方可解除`,
			en: `the days are not done: ${daysLeft} left; release on or after ${plannedEndDate}`
		})
	},
	release_test_positive: {
		kind: 'unprocessable',
		text: ({ kind }: { kind: string }) => ({ zh: `${kinds([kind], 'zh')}核酸阳性，不能解除隔离`, en: `the ${kinds([kind], 'en')} test is positive; the case cannot be released` })
	},
	release_tests_not_negative: {
		kind: 'unprocessable',
		text: ({ kinds: open }: { kinds: string[] }) => ({ zh: `尚无阴性结果：${kinds(open, 'zh')}，全部阴性后方可解除`, en: `no negative result yet for: ${kinds(open, 'en')}; release once every test is negative` })
	},
	extension_days: { kind: 'invalid', text: ({ min, max }: { min: number; max: number }) => ({ zh: `追加隔离天数须为 ${min}–${max} 的整数`, en: `days: an extension is ${min}–${max} whole days` }) }
});

/** Throws unless the actor may act for the village. */
export function assertVillage(ctx: QuarantineContext, villageId: string): void {
	if (!villageInScope(ctx.scope, villageId)) throw refuseCase('outside_villages');
}
