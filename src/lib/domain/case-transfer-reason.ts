/**
 * Why a quarantine case is proposed a closed-loop transfer (闭环转运), and where it may go. Fever
 * or a symptom at a follow-up: the nearest 24-hour fever clinic (发热门诊), else a quarantine hotel
 * with a bed, so the person is at least out of the household. A positive test (003: 第一时间报告、
 * 处置): the designated fever clinic or hospital only, never a hotel, where a positive would share
 * a building with people still negative; with none open there is nothing to propose and the
 * officer is told to report at once.
 */

export const CASE_TRANSFER_REASONS = ['fever', 'symptoms', 'positive'] as const;
export type CaseTransferReason = (typeof CASE_TRANSFER_REASONS)[number];

export type TransferDestinationKind = 'fever_clinic' | 'hotel';

/** The kinds of destination a reason allows, in the order they are tried. */
export function destinationKindsFor(reason: CaseTransferReason): readonly TransferDestinationKind[] {
	return reason === 'positive' ? ['fever_clinic'] : ['fever_clinic', 'hotel'];
}

/**
 * Whether a 24-hour fever clinic takes a transfer: always, at any hour (发热门诊 run round the
 * clock; its opening hours are not consulted), unless it is explicitly marked closed. A pause (a
 * break, disinfection) is minutes: the vehicle's drive covers it, and a positive has nowhere else to go.
 */
export function feverClinicTakesTransfers(status: string): boolean {
	return status !== 'closed';
}

/** Whether a case has a positive test: it is a positive case from then on (not released, handled as 003 says). */
export function casePositive(tests: readonly { result: string | null }[]): boolean {
	return tests.some((test) => test.result === 'positive');
}
