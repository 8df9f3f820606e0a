/**
 * A site tablet's registration desk for the roster: each member sampled goes into the tube being
 * filled (10:1, tubes named like the box's, `box-…-T01`), and the desk sends who went into which
 * tube as one `site.sampled` event every 30–60 s (drawn per site), not one a person: a day of
 * Chengmen is about 27,000 people, which batched is some 1,500 events, not 27,000. The box's
 * pools (households per tube) come from the same tubes, so a positive pool traces to its members.
 */
import type { HouseholdRecord } from '../../src/lib/ledgers/definitions';
import type { SiteRecord } from '../../src/lib/ledgers/definitions';
import { MAX_SAMPLES_PER_EVENT } from '../../src/lib/protocol/device-events';
import { PEOPLE_PER_TUBE } from './box-sealer';
import type { RosterHousehold, SiteRoster } from './roster-arrivals';

export const BATCH_EVERY_MS = { min: 30_000, max: 60_000 } as const;

export interface SampledBatch {
	siteId: string;
	samples: { tube: string; memberCode: string }[];
}

export class RosterDesk {
	#siteId: string;
	#everyMs: number;
	#nextBoxId: () => string;
	#boxId: string;
	#inBox = 0;
	/** Households of each tube of the box being filled. */
	#tubes: Set<string>[] = [];
	#pending: { tube: string; memberCode: string }[] = [];
	#lastSentAt: number;

	constructor({ siteId, now, random, nextBoxId }: { siteId: string; now: number; random: () => number; nextBoxId: () => string }) {
		this.#siteId = siteId;
		this.#everyMs = BATCH_EVERY_MS.min + random() * (BATCH_EVERY_MS.max - BATCH_EVERY_MS.min);
		this.#lastSentAt = now;
		this.#nextBoxId = nextBoxId;
		this.#boxId = nextBoxId();
	}

	/** The box being filled: the one the tablet seals next. */
	get boxId(): string {
		return this.#boxId;
	}

	/** Members sampled, in order: each into the tube being filled. */
	sample(memberCodes: readonly string[]): void {
		for (const memberCode of memberCodes) {
			const index = Math.floor(this.#inBox++ / PEOPLE_PER_TUBE);
			const tube = `${this.#boxId}-T${String(index + 1).padStart(2, '0')}`;
			(this.#tubes[index] ??= new Set()).add(memberCode.split('-')[0]);
			this.#pending.push({ tube, memberCode });
		}
	}

	/** The batches due now (none before the desk's interval is up), at most MAX_SAMPLES_PER_EVENT each. */
	due(now: number): SampledBatch[] {
		if (now - this.#lastSentAt < this.#everyMs || this.#pending.length === 0) return [];
		this.#lastSentAt = now;
		const batches: SampledBatch[] = [];
		for (let i = 0; i < this.#pending.length; i += MAX_SAMPLES_PER_EVENT) batches.push({ siteId: this.#siteId, samples: this.#pending.slice(i, i + MAX_SAMPLES_PER_EVENT) });
		this.#pending = [];
		return batches;
	}

	/** The box is sealed: its id and pools; the next members go into a new box. */
	seal(): { boxId: string; pools: { tube: string; householdIds: string[] }[] } {
		const sealed = { boxId: this.#boxId, pools: this.#tubes.map((households, index) => ({ tube: `${this.#boxId}-T${String(index + 1).padStart(2, '0')}`, householdIds: [...households].slice(0, 20) })) };
		[this.#boxId, this.#inBox, this.#tubes] = [this.#nextBoxId(), 0, []];
		return sealed;
	}
}

/**
 * The roster built from the household ledger when no roster_members rows are given: each
 * household's members numbered 1…n (`CM010001-1` the head), all able to come.
 */
export function rosterFromLedger(sites: readonly SiteRecord[], households: readonly HouseholdRecord[]): SiteRoster[] {
	return sites.map((site) => ({
		siteId: site.code,
		households: households
			.filter((household) => household.township === site.township && site.villages.includes(household.village))
			.sort((a, b) => site.villages.indexOf(a.village) - site.villages.indexOf(b.village))
			.map((household): RosterHousehold => ({ code: household.code, villageId: `v:${household.township}/${household.village}`, members: Array.from({ length: household.members }, (_, n) => ({ code: `${household.code}-${n + 1}`, canCome: true })) }))
	}));
}
