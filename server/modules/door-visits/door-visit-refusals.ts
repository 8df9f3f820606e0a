/**
 * How door-to-door and playbook commands say no (codes clients branch on, reasons in zh and en),
 * their request schemas, and the context they run in (the actor's villages or the county).
 */
import { z } from 'zod';
import { serviceErrors } from '../service-error';
import type { QuarantineContext } from '../quarantine/case-refusals';

export type DoorVisitContext = QuarantineContext;

const code = z.string().trim().min(1).max(64);

export const generateRequest = z.strictObject({
	/** Only these villages (an officer's own by default); the county's when omitted by a dispatcher. */
	villageIds: z.array(code).min(1).max(200).optional()
});

export const sampledRequest = z.strictObject({
	visitIds: z.array(z.number().int().positive()).min(1).max(50),
	/** The tube's code as printed on it, typed or scanned by the team. */
	tube: z.string().trim().min(3, { message: 'tube: type the tube code printed on the tube' }).max(64).regex(/^[A-Za-z0-9-]+$/, 'tube: letters, digits and - only')
});

export const retestResultRequest = z.strictObject({
	visitId: z.number().int().positive(),
	result: z.enum(['positive', 'negative'])
});

export const refuseDoorVisit = serviceErrors({
	outside_villages: { kind: 'forbidden', text: () => ({ zh: '只能处理本人负责村（社区）的上门采样', en: 'an officer acts only for the villages they are responsible for' }) },
	no_villages: { kind: 'forbidden', text: () => ({ zh: '此账号没有负责的村（社区），无法生成上门采样任务', en: 'this account has no villages to plan door-to-door sampling for' }) },
	visit_not_found: { kind: 'not_found', text: () => ({ zh: '没有这项上门采样任务（可能已被取消）', en: 'there is no such door-to-door visit (it may have been cancelled)' }) },
	visits_mixed: { kind: 'invalid', text: () => ({ zh: '一管只能采同一户的人员，请按户分别登记', en: 'one tube holds one household: record each household separately' }) },
	visit_done: { kind: 'conflict', text: ({ tube }: { tube: string }) => ({ zh: `此户已采样，已记录过，未重复登记（本次管号 ${tube}）`, en: `Already sampled and recorded; nothing was recorded twice (tube typed ${tube})` }) },
	single_tube: { kind: 'invalid', text: () => ({ zh: '单采复核每人一管，请逐人登记管号', en: 'a re-test is one tube per person: record each member with their own tube' }) },
	not_a_retest: { kind: 'invalid', text: () => ({ zh: '这不是单采复核任务，没有复核结果可录入', en: 'this visit is not a single-tube re-test; it has no re-test result' }) },
	not_sampled_yet: { kind: 'conflict', text: () => ({ zh: '复核管尚未采样，不能录入结果', en: 'the re-test tube has not been taken yet; no result can be entered' }) },
	playbook_not_found: { kind: 'not_found', text: () => ({ zh: '没有这项阳性处置流程', en: 'there is no such positive-pool playbook' }) }
});
