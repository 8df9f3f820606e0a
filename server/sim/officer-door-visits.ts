/**
 * The demo phone's door-to-door work (door-visit-decisions.ts decides, this does it over the same
 * API /field/quarantine uses): reads the village's visits and positive pools, remembers when it
 * first saw each, and sends what is due. A 4xx answer is final (already done, or refused for good);
 * anything else is tried again on the next look.
 */
import { doorVisitActions, type DoorAction, type SeenPlaybook, type SeenVisit } from './door-visit-decisions';

type Get = (path: string) => Promise<unknown>;
type Post = (path: string, body: unknown) => Promise<boolean>;

export class OfficerDoorVisits {
	#firstSeen = new Map<string, number>();
	#done = new Set<string>();

	/** Per village: the playbooks last read and when (each listing is audited, so not on every look). */
	#playbooks = new Map<string, { at: number; list: SeenPlaybook[] }>();

	async tick(villageId: string, now: number, get: Get, post: Post): Promise<void> {
		const visits = (await get('/api/door-visits')) as { visits: (SeenVisit & { villageId: string })[] } | null;
		if (!visits) return;
		const kept = this.#playbooks.get(villageId);
		// A village with re-tests of its own is looked at every 2 min; else every 10 (a new positive brings re-test visits).
		const every = (visits.visits.some((visit) => visit.reason === 'retest' && visit.villageId === villageId) ? 2 : 10) * 60_000;
		if (!kept || now - kept.at >= every) {
			const read = (await get('/api/playbooks')) as { playbooks: SeenPlaybook[] } | null;
			if (read) this.#playbooks.set(villageId, { at: now, list: read.playbooks });
		}
		const playbooks = { playbooks: this.#playbooks.get(villageId)?.list ?? [] };
		// An officer of several villages sees them all; this phone works its own village's.
		const own = visits.visits.filter((visit) => visit.villageId === villageId);
		for (const visit of own) {
			if (!this.#firstSeen.has(`v:${visit.id}`)) this.#firstSeen.set(`v:${visit.id}`, now);
			if (visit.status === 'sampled' && !this.#firstSeen.has(`s:${visit.id}`)) this.#firstSeen.set(`s:${visit.id}`, now);
		}
		for (const playbook of playbooks.playbooks) if (!this.#firstSeen.has(`p:${playbook.id}`)) this.#firstSeen.set(`p:${playbook.id}`, now);
		for (const action of doorVisitActions({ villageId, now, visits: own, playbooks: playbooks.playbooks, firstSeen: this.#firstSeen })) {
			if (this.#done.has(action.key)) continue;
			if (await post(...request(action))) this.#done.add(action.key);
		}
	}
}

function request(action: DoorAction): [string, unknown] {
	switch (action.kind) {
		case 'generate':
			return ['/api/door-visits/generate', {}];
		case 'notify':
			return ['/api/playbooks/notified', { playbookId: action.playbookId }];
		case 'sample':
			return ['/api/door-visits/sampled', { visitIds: action.visitIds, tube: action.tube }];
		case 'result':
			return ['/api/playbooks/retest-result', { visitId: action.visitId, result: action.result }];
	}
}
