/**
 * Which field of the returnee form a refusal of the registration is about, so the phone marks and
 * focuses it: a schema's refusal names its field first (`idNumber: …`, zod-issue-text.ts); a
 * refusal by code says which field it means. Null when it is about no one field (a duplicate).
 */
export const RETURNEE_FORM_FIELDS = ['name', 'idNumber', 'phone', 'arrivalAt', 'originPlace', 'originRisk', 'workPlace', 'transportMode', 'transportNumber', 'lastNegativeTestAt', 'villageId', 'address', 'householdId', 'healthCode', 'contactKind'] as const;
export type ReturneeFormField = (typeof RETURNEE_FORM_FIELDS)[number];

const BY_CODE: Record<string, ReturneeFormField> = { village_unknown: 'villageId', household_unknown: 'householdId', arrival_in_future: 'arrivalAt', outside_villages: 'villageId' };

export function refusedField(body: unknown): ReturneeFormField | null {
	const refusal = (typeof body === 'object' && body !== null ? body : {}) as { error?: unknown; code?: unknown };
	if (typeof refusal.code === 'string' && BY_CODE[refusal.code]) return BY_CODE[refusal.code];
	const named = typeof refusal.error === 'string' ? /^([A-Za-z]+)(?:\.[A-Za-z]+)*:/.exec(refusal.error)?.[1] : undefined;
	if (named === 'home') return null;
	return (RETURNEE_FORM_FIELDS as readonly string[]).includes(named ?? '') ? (named as ReturneeFormField) : null;
}

/** What became of the last registration sent, for the form: `n` changes with each answer. */
export interface RegistrationOutcome {
	n: number;
	kind: 'done' | 'refused';
	text?: string;
	/** The answer in English too, shown under the Chinese (a registration's measure and reason). */
	en?: string;
	field?: ReturneeFormField | null;
}
