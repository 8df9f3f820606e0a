/**
 * Members scanned at the registration desks today (site.sampled, resolved against the roster at
 * ingest), per site, for the live people-sampled counts: the first scan of a member in the day
 * stands, as in sampled_members, so a second scan or a resent batch counts nobody twice, and the
 * county's live count equals the roster coverage's `sampled`. Holds today's member codes only
 * (a string each; a county of 500,000 is some tens of MB), cleared at midnight.
 */
export class ScannedToday {
	/** Member code → the site that sampled them first today. */
	#members = new Map<string, string>();
	#bySite = new Map<string, number>();
	/** Members a mobile team sampled at home today (door_visit.sampled): in the county's count, at no site. */
	#atHome = 0;

	/** Counts the members not yet scanned today at `siteId`; answers how many were new. */
	add(siteId: string, memberCodes: Iterable<string>): number {
		let added = 0;
		for (const code of memberCodes) {
			if (this.#members.has(code)) continue;
			this.#members.set(code, siteId);
			added++;
		}
		if (added > 0) this.#bySite.set(siteId, (this.#bySite.get(siteId) ?? 0) + added);
		return added;
	}

	/** Counts the members sampled at home not yet sampled today; answers how many were new. */
	addAtHome(memberCodes: Iterable<string>): number {
		let added = 0;
		for (const code of memberCodes) {
			if (this.#members.has(code)) continue;
			this.#members.set(code, '');
			added++;
		}
		this.#atHome += added;
		return added;
	}

	/** Whether anyone was scanned against the roster today: from then on the scans are the day's count. */
	any(): boolean {
		return this.#members.size > 0;
	}

	atHome(): number {
		return this.#atHome;
	}

	count(siteId: string): number {
		return this.#bySite.get(siteId) ?? 0;
	}

	clear(): void {
		this.#members.clear();
		this.#bySite.clear();
		this.#atHome = 0;
	}
}
