/**
 * The registration desk's typing rules (site tablet): what a scanned or typed code is, before it
 * is sent. A roster code is `<household code>-<member no>` (CM010001-2), anything else is taken
 * for a household code (一户一管). An ID number is refused here, in the page, so it never leaves
 * the tablet (the server refuses it as well).
 */
import { ID_NUMBER_PATTERN, MAX_SAMPLES_PER_EVENT } from '$lib/protocol';

export interface PendingSample {
	tube: string;
	code: string;
}

/** The ingest's answer to one event (IngestResult), as the page hands it back. */
export interface SampledAnswer {
	status: string;
	reason?: string;
	message?: { zh: string; en: string };
}

export type CodeCheck = { ok: true; code: string } | { ok: false; problem: 'register.needCode' | 'register.needTube' | 'register.idNumber' };

/** Scanners add spaces or a newline; codes are compared as the roster prints them (upper case). */
export function cleanCode(raw: string): string {
	return raw.trim().replace(/\s+/g, '').toUpperCase();
}

export function checkCode(tube: string, raw: string): CodeCheck {
	const code = cleanCode(raw);
	if (ID_NUMBER_PATTERN.test(code)) return { ok: false, problem: 'register.idNumber' };
	if (cleanCode(tube) === '') return { ok: false, problem: 'register.needTube' };
	if (code === '') return { ok: false, problem: 'register.needCode' };
	return { ok: true, code };
}

/** One site.sampled event's samples: a member code, or a household code for a whole household in one tube. */
export function samplesOf(pending: readonly PendingSample[]): { tube: string; memberCode?: string; householdCode?: string }[] {
	return pending.slice(0, MAX_SAMPLES_PER_EVENT).map(({ tube, code }) => (/-\d+$/.test(code) ? { tube, memberCode: code } : { tube, householdCode: code }));
}

/** The codes a refusal names (between quotes), to mark them in the list the registrar fixes. */
export function codesNamed(message: string, pending: readonly PendingSample[]): Set<string> {
	return new Set(pending.map((sample) => sample.code).filter((code) => message.includes(`“${code}”`) || message.includes(`"${code}"`)));
}

/** A member code's household (CM010001-2 → CM010001); a household code is its own. */
export const householdOf = (code: string): string => code.replace(/-\d+$/, '');
const isMember = (code: string) => /-\d+$/.test(code);

/** Whether `code` and `other` sample the same person: the same code, or a household code and one of its members. */
function overlaps(code: string, other: string): boolean {
	if (code === other) return true;
	return isMember(code) !== isMember(other) && householdOf(code) === householdOf(other);
}

/**
 * A code the batch already holds (重复): the same code, or a household code and one of its members
 * (一户一管 covers them all). Flagged before sending; the server would count each person once and say nothing.
 */
export function duplicateIn(code: string, pending: readonly PendingSample[]): 'register.duplicate' | 'register.duplicateHousehold' | null {
	const other = pending.find((each) => overlaps(code, each.code));
	if (!other) return null;
	return other.code === code ? 'register.duplicate' : 'register.duplicateHousehold';
}

/** How many of a batch's codes this tablet had already registered today (the first sample stands, the count does not grow). */
export function alreadyRegistered(batch: readonly string[], registeredToday: ReadonlySet<string>): number {
	return batch.filter((code) => [...registeredToday].some((earlier) => overlaps(code, earlier))).length;
}
