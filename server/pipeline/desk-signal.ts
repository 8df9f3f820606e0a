/**
 * The quarantine desk's live signal (src/lib/protocol/desk-layer.ts): which command events change
 * what the desk shows, and how many have been applied. The desk page re-reads its summary, in its
 * reader's scope, when the count moves; nothing about a case, a village or a person is kept here.
 */
import type { DeskSignalEntity } from '../../src/lib/protocol/index';

const DESK_ID = 'county';

/** Events whose rows change the desk's counts or lists: cases, returnees, follow-ups, deliveries, zones, and transfers (待转运, beds held). */
export function concernsDesk(type: string): boolean {
	return /^(case|returnee|supply|zone|transfer)\./.test(type);
}

export class DeskSignal {
	#changes = 0;
	#changedAt: string | null = null;
	#dirty = false;

	touch(at: string): void {
		this.#changes += 1;
		if (this.#changedAt === null || at > this.#changedAt) this.#changedAt = at;
		this.#dirty = true;
	}

	/** The entity, once per change (null when nothing changed since the last call). */
	take(): DeskSignalEntity | null {
		if (!this.#dirty) return null;
		this.#dirty = false;
		return this.entity;
	}

	get entity(): DeskSignalEntity {
		return { id: DESK_ID, changes: this.#changes, changedAt: this.#changedAt };
	}
}
