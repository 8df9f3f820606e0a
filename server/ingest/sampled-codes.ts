/**
 * The codes of site.sampled events checked against the roster (花名册) at ingest: a member code
 * or household code not on it refuses the whole event, naming the code, so the registrar can
 * retype it and nothing of the event is written. An accepted event leaves with its members
 * resolved (a household code, 一户一管, expanded to every member of the household in that tube).
 */
import type { RosterLookup } from '../modules/coverage/roster-lookup';
import type { NormalizedEvent } from '../pipeline/normalized-event';

/** zh and en for the registrar's screen; `reason` for the device API, its field path first. */
export interface SampledProblem {
	zh: string;
	en: string;
	reason: string;
}

/** Codes named in a refusal: enough to retype, never a list the size of a batch. */
const NAMED = 5;

/**
 * Resolves every site.sampled event among `events` in place (adds `members`) and answers the
 * positions of those refused, with why. Other events are left alone.
 */
export async function resolveSampled(events: NormalizedEvent[], roster: RosterLookup | undefined): Promise<Map<number, SampledProblem>> {
	const refused = new Map<number, SampledProblem>();
	const sampled = events.flatMap((event, position) => (event.type === 'site.sampled' ? [{ event, position }] : []));
	if (!roster) {
		const en = 'The roster is not available on this server; nothing was accepted, resend later';
		for (const { position } of sampled) refused.set(position, { zh: '花名册暂不可用，本批登记未接收，请稍后重发', en, reason: `samples: ${en}` });
		return refused;
	}
	const memberCodes = sampled.flatMap(({ event }) => event.samples.flatMap((sample) => (sample.memberCode ? [sample.memberCode] : [])));
	const householdCodes = sampled.flatMap(({ event }) => event.samples.flatMap((sample) => (sample.householdCode ? [sample.householdCode] : [])));
	const known = await roster.resolve(memberCodes, householdCodes);
	for (const { event, position } of sampled) {
		const unknown: { index: number; field: 'memberCode' | 'householdCode'; code: string }[] = [];
		const members: { tube: string; memberCode: string }[] = [];
		for (const [index, sample] of event.samples.entries()) {
			if (sample.memberCode !== undefined) {
				if (known.members.has(sample.memberCode)) members.push({ tube: sample.tube, memberCode: sample.memberCode });
				else unknown.push({ index, field: 'memberCode', code: sample.memberCode });
				continue;
			}
			const household = known.households.get(sample.householdCode!);
			if (household && household.length > 0) for (const memberCode of household) members.push({ tube: sample.tube, memberCode });
			else unknown.push({ index, field: 'householdCode', code: sample.householdCode! });
		}
		if (unknown.length === 0) {
			event.members = members;
			continue;
		}
		const codes = unknown.slice(0, NAMED).map((each) => each.code);
		const more = unknown.length > NAMED ? unknown.length - NAMED : 0;
		const first = unknown[0];
		const en = `${codes.map((code) => `"${code}"`).join(', ')}${more ? ` and ${more} more` : ''} ${unknown.length === 1 ? 'is' : 'are'} not on the roster (花名册); nothing of this batch was accepted, check and scan or type again`;
		refused.set(position, {
			zh: `编码 ${codes.map((code) => `“${code}”`).join('、')}${more ? ` 等 ${unknown.length} 个` : ''}不在花名册上，本批登记未接收；请核对后重新扫码或输入`,
			en,
			reason: `samples.${first.index}.${first.field}: ${en}`
		});
	}
	return refused;
}
