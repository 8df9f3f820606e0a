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
