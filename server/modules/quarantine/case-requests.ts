/** The request bodies of the returnee and case operations (parsed before use; type hints are not validation). */
import { z } from 'zod';
import { idNumberProblem } from '../../../src/lib/domain/id-number';
import { EXTENSION_LIMITS } from '../../../src/lib/domain/quarantine-case';
import { RETURNEE_MEASURE_VALUES } from '../../../src/lib/protocol/quarantine-events';
import { commandId } from './resent-command';

const code = (field: string) => z.string({ error: `${field} must be a code` }).trim().min(1, `${field} must not be empty`).max(64);
const reason = (what: string) => z.string({ error: `reason is required: say why ${what}` }).trim().min(2, `reason is required: say why ${what}`).max(200);
const instant = (field: string) => z.iso.datetime({ offset: true, error: `${field}: an ISO time with its offset, e.g. 2026-11-23T09:12:00+08:00` });

/** What is wrong with an ID number (idNumberProblem's words), in Chinese with the field's name. */
const ID_NUMBER_ZH: Record<string, string> = {
	'must be 18 characters: 17 digits and a digit or X': '身份证号须为 18 位：17 位数字加最后一位数字或 X',
	'has no valid birth date': '身份证号中的出生日期不存在，请核对',
	'has a wrong check character': '身份证号最后一位（校验位）不对，请核对'
};

export const SPECIAL_CATEGORY_VALUES = ['aged_70_plus', 'aged_14_or_under', 'pregnant', 'severe_illness', 'relative_critical'] as const;
export const TRANSPORT_MODES = ['flight', 'train', 'coach', 'car', 'other'] as const;

export const registerReturneeRequest = z
	.strictObject({
		villageId: code('villageId'),
		/** The household on the register they return to, if it is there (its home facts decide home quarantine). */
		householdId: code('householdId').optional(),
		// Refinements, so each refusal carries its own Chinese with the field's name (zod-issue-text.ts reads params.zh).
		name: z
			.string({ error: 'name is required' })
			.trim()
			.max(50, { message: 'name: at most 50 characters' })
			.refine((value) => value.length > 0, { message: 'name is required', params: { zh: '请填写姓名' } }),
		idNumber: z
			.string()
			.trim()
			.transform((value) => value.toUpperCase())
			.superRefine((value, check) => {
				const problem = idNumberProblem(value);
				if (problem) check.addIssue({ code: 'custom', message: `idNumber is not a valid ID number: it ${problem}`, params: { zh: ID_NUMBER_ZH[problem] ?? '身份证号不正确，请核对' } });
			})
			.optional(),
		phone: z
			.string()
			.transform((value) => value.replace(/[\s-]/g, ''))
			.refine((value) => /^1\d{10}$/.test(value) || /^0\d{9,11}$/.test(value), { message: 'phone is not a phone number (11-digit mobile or area code and number)', params: { zh: '电话号码不正确：须为 11 位手机号，或区号加号码' } })
			.optional(),
		address: z.string().trim().max(200).optional(),
		arrivalAt: instant('arrivalAt'),
		originPlace: z.string({ error: 'originPlace is required' }).trim().min(1, 'originPlace is required').max(100),
		originRisk: z.enum(['low', 'medium', 'high'], { error: 'originRisk must be low, medium or high' }),
		workPlace: z.string().trim().max(100).optional(),
		transportMode: z.enum(TRANSPORT_MODES, { error: `transportMode must be one of ${TRANSPORT_MODES.join(', ')}` }),
		transportNumber: z.string().trim().max(20).optional(),
		lastNegativeTestAt: instant('lastNegativeTestAt').nullable().default(null),
		healthCode: z.enum(['green', 'yellow', 'red']).default('green'),
		contactKind: z.enum(['close', 'secondary']).nullable().default(null),
		/** For a returnee whose household is not on the register: the home as the officer found it. */
		home: z
			.strictObject({ specialCategory: z.enum(SPECIAL_CATEGORY_VALUES).nullable(), separateRoom: z.boolean().nullable(), separateBathroom: z.boolean().nullable() })
			.optional()
	})
	// Without either, a second registration of the same person could not be recognised.
	.refine((body) => body.idNumber !== undefined || body.phone !== undefined, { message: 'give idNumber or phone, so that a second registration of the same person is recognised', params: { zh: '请填写身份证号或电话，以便识别重复登记' } });
export type RegisterReturneeRequest = z.input<typeof registerReturneeRequest>;

export const overrideMeasureRequest = z.strictObject({
	measure: z.enum(RETURNEE_MEASURE_VALUES, { error: `measure must be one of ${RETURNEE_MEASURE_VALUES.join(', ')}` }),
	reason: reason('the rules’ measure is overridden'),
	/** The phone's id of the command: a resend is answered as the first time (resent-command.ts). */
	commandId: commandId.optional()
});

/** Correcting a test's recorded result: never silent, always with a reason (audited, on the case's history). */
export const correctTestResultRequest = z.strictObject({
	result: z.enum(['negative', 'positive'], { error: 'result must be negative or positive' }),
	reason: z
		.string({ error: 'reason is required: say why the result is corrected' })
		.trim()
		.max(200)
		// A refinement, so the refusal carries its own Chinese (zod-issue-text.ts reads params.zh on custom issues).
		.refine((value) => value.length >= 2, { message: 'reason is required: say why the result is corrected', params: { zh: '请填写更正原因（至少 2 个字），更正将记入审计' } }),
	commandId: commandId.optional()
});

export const testResultRequest = z
	.strictObject({
		result: z.enum(['negative', 'positive', 'pending'], { error: 'result must be negative, positive or pending' }),
		/** The single-person tube (1:1) a door-to-door sample went into: the lab's result for it is then recorded by itself (match-lab-results.ts). */
		sample: z.strictObject({ boxId: code('sample.boxId'), tube: code('sample.tube') }).optional(),
		note: z.string().trim().max(200).optional()
	})
	.refine((body) => body.sample === undefined || body.result === 'pending', { message: 'sample goes with result pending: the sample was taken and awaits the lab', params: { zh: '填写样本管号时结果应为“待检”' } });

export const extendCaseRequest = z.strictObject({
	days: z.number({ error: 'days must be a whole number' }).int('days must be a whole number').min(EXTENSION_LIMITS.minDays).max(EXTENSION_LIMITS.maxDays),
	reason: reason('the case is extended')
});

export const releaseCaseRequest = z.strictObject({ note: z.string().trim().max(200).optional() });
