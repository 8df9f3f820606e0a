/**
 * Events of the quarantine desk and the village officers (the write side, DESIGN.md §2): a
 * returnee registered and classified, a case opened, placed at a hotel, its test results,
 * extension, measure override and release. Past tense, each with its actor, appended to the same
 * log as device events after their rows commit (server/modules/command-events.ts).
 *
 * No personal data travels here: returnees and cases by opaque id, places by village and hotel;
 * never a name, ID number, phone or home, nor an override's free-text reason (that stays in the
 * case history and the audit log).
 */
import { z } from 'zod';
import { commandEnvelope } from './command-envelope';

const code = z.string().min(1).max(64);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const RETURNEE_MEASURE_VALUES = ['health_monitoring', 'home_quarantine', 'centralised_quarantine', 'test_and_hold', 'closed_loop_transfer'] as const;
export const CASE_MEASURE_VALUES = ['home_quarantine', 'home_monitoring', 'health_monitoring', 'centralised'] as const;
export const TEST_KIND_VALUES = ['arrival_24h', 'day_7', 'day_14', 'extra'] as const;

export const returneeRegistered = z.strictObject({
	...commandEnvelope,
	type: z.literal('returnee.registered'),
	returneeId: code,
	villageId: code,
	/** The day they arrived (China date): the wall counts returnees per day. */
	arrivalDay: day,
	measure: z.enum(RETURNEE_MEASURE_VALUES),
	/** The rule's reason code (src/lib/domain/quarantine-case.ts MEASURE_REASON_TEXT). */
	reason: code,
	source: z.enum(['ledger', 'officer'])
});

/** An officer set another measure than the rules gave; the reason is in the case history. */
export const caseMeasureOverridden = z.strictObject({
	...commandEnvelope,
	type: z.literal('case.measure_overridden'),
	returneeId: code,
	villageId: code,
	from: z.enum(RETURNEE_MEASURE_VALUES),
	to: z.enum(RETURNEE_MEASURE_VALUES),
	/** The case, changed in place: its measure, place and planned end follow the new measure. */
	caseId: code,
	caseMeasure: z.enum(CASE_MEASURE_VALUES),
	placeKind: z.enum(['home', 'hotel']),
	status: z.enum(['active', 'awaiting_transfer']),
	plannedEndDate: day
});

export const caseOpened = z.strictObject({
	...commandEnvelope,
	type: z.literal('case.opened'),
	caseId: code,
	villageId: code,
	measure: z.enum(CASE_MEASURE_VALUES),
	placeKind: z.enum(['home', 'hotel']),
	quarantineSiteId: code.nullable(),
	status: z.enum(['active', 'awaiting_transfer']),
	startDate: day,
	plannedEndDate: day,
	/** The hotel case this home monitoring follows (送出去、接得住), if any. */
	followsCaseId: code.nullable()
});

/** A hotel case starts: the transfer handed the person over at the hotel. */
export const casePlaced = z.strictObject({
	...commandEnvelope,
	type: z.literal('case.placed'),
	caseId: code,
	villageId: code,
	quarantineSiteId: code,
	startDate: day,
	plannedEndDate: day
});

export const caseTestResult = z.strictObject({
	...commandEnvelope,
	type: z.literal('case.test_result'),
	caseId: code,
	villageId: code,
	quarantineSiteId: code.nullable(),
	testId: z.number().int().positive(),
	kind: z.enum(TEST_KIND_VALUES),
	result: z.enum(['negative', 'positive', 'pending']),
	source: z.enum(['lab', 'officer'])
});

export const caseExtended = z.strictObject({
	...commandEnvelope,
	type: z.literal('case.extended'),
	caseId: code,
	villageId: code,
	days: z.number().int().min(1).max(14),
	plannedEndDate: day
});

/** Released (解除隔离); from a hotel the beds are freed and the home village takes over (handedToCaseId). */
export const caseReleased = z.strictObject({
	...commandEnvelope,
	type: z.literal('case.released'),
	caseId: code,
	villageId: code,
	placeKind: z.enum(['home', 'hotel']),
	quarantineSiteId: code.nullable(),
	handedToCaseId: code.nullable()
});

/**
 * A case handed over at the end of its closed-loop transfer (a fever proposal's): at a fever clinic
 * it ends (`ended`, status transferred: the clinic has the person now), at a hotel it continues
 * there. Either way the village's fever alert for it clears (the fever was acted on); a later
 * follow-up with fever raises it again.
 */
export const caseTransferred = z.strictObject({
	...commandEnvelope,
	type: z.literal('case.transferred'),
	caseId: code,
	villageId: code,
	taskId: z.number().int().positive(),
	destination: z.strictObject({ kind: z.enum(['fever_clinic', 'hotel']), id: code }),
	ended: z.boolean()
});

/**
 * An officer dismissed a case's standing fever (and the transfer proposed for it) with a reason
 * (dismiss-concern.ts): the wall's alert and the dispatcher's proposal end. The village is where
 * the case is placed (its fever's village); no reason, reading or person on the log.
 */
export const caseConcernDismissed = z.strictObject({
	...commandEnvelope,
	type: z.literal('case.concern_dismissed'),
	caseId: code,
	villageId: code
});

export const quarantineEvent = z.discriminatedUnion('type', [returneeRegistered, caseMeasureOverridden, caseOpened, casePlaced, caseTestResult, caseExtended, caseReleased, caseTransferred, caseConcernDismissed]);
export type CaseTransferred = z.infer<typeof caseTransferred>;
export type CaseConcernDismissed = z.infer<typeof caseConcernDismissed>;
export type QuarantineEvent = z.infer<typeof quarantineEvent>;
