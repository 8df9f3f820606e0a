/**
 * How the demo's village team handles a fever or symptom it found, so that an alert on the wall
 * has the life it has in a real county (appears, is handled within the hour or two, goes) instead
 * of standing for days on a wall nobody attends: a fever stands until handled
 * (src/lib/domain/standing-concern.ts), and the demo's dispatcher is a person who may not be there.
 *
 * About two fevers in three are re-checked by the team's doctor 30–75 minutes later, the re-check
 * is normal and the officer dismisses the fever with that reason. The others wait for the human
 * dispatcher at /dispatch; if nobody has sent a vehicle by 90–150 minutes, the village doctor has
 * seen the person and the officer dismisses it with that reason. A case whose transfer is under
 * way is the dispatcher's (the server refuses a dismissal then, transfer_open); a handover ends
 * the fever by itself. A positive test cannot be dismissed (only a handover or the case's end
 * clears it) and is left to the dispatcher.
 *
 * Pure and deterministic from the case and when its fever began, so a restarted phone decides the
 * same and a dismissal the server already has is not asked for again (the fever no longer stands).
 */
import { hashOf } from './officer-rounds';

const MINUTE = 60_000;
export const CONCERN_HANDLING = {
	/** About this many fevers in three are re-checked and found normal. */
	recheckedOf3: 2,
	recheck: { afterMinutes: 30, spreadMinutes: 45 },
	/** Left for the dispatcher: dismissed after the doctor's visit if no vehicle was sent by then. */
	doctor: { afterMinutes: 90, spreadMinutes: 60 },
	reasons: {
		recheck: '复测体温正常，排除发热 / re-check normal, fever ruled out',
		doctor: '村医上门诊视，排除发热，继续居家观察 / seen by the village doctor, fever ruled out'
	}
} as const;

export type ConcernHandling = { how: 'recheck' | 'doctor'; at: number; reason: string };

/** When and why the officer dismisses the case's fever that stands since `since` (epoch ms). */
export function concernHandlingOf(caseId: string, since: number): ConcernHandling {
	const roll = hashOf(caseId, String(since), 'concern');
	const how = roll % 3 < CONCERN_HANDLING.recheckedOf3 ? 'recheck' : 'doctor';
	const window = CONCERN_HANDLING[how];
	const minutes = window.afterMinutes + Math.floor((roll >>> 8) % (window.spreadMinutes + 1));
	return { how, at: since + minutes * MINUTE, reason: CONCERN_HANDLING.reasons[how] };
}

/** What the officer's phone sees of a case's standing concern (GET /api/quarantine/rounds). */
export interface SeenConcern {
	id: string;
	/** The standing fever's first reading (ISO), or null. */
	feverSince?: string | null;
	/** A transfer of the case is open: the dispatcher's, not the officer's. */
	transferUnderway?: boolean;
}

export type ConcernDismissal = { kind: 'dismiss_fever'; key: string; caseId: string; at: number; reason: string; how: 'recheck' | 'doctor' };

/** The dismissals due by `now` for the cases the officer sees. */
export function concernDismissals(cases: readonly SeenConcern[], now: number): ConcernDismissal[] {
	const due: ConcernDismissal[] = [];
	for (const c of cases) {
		if (!c.feverSince || c.transferUnderway) continue;
		const since = Date.parse(c.feverSince);
		if (!Number.isFinite(since)) continue;
		const handling = concernHandlingOf(c.id, since);
		if (handling.at <= now) due.push({ kind: 'dismiss_fever', key: `dismiss:${c.id}:${since}`, caseId: c.id, at: handling.at, reason: handling.reason, how: handling.how });
	}
	return due;
}
