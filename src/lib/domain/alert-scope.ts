/**
 * Whose an alert is (issue 15): the area of its kind (dispatch: vehicles, pickups, labs; quarantine:
 * fevers, tests, follow-ups, playbooks; sites: queues, coverage and anything else) and the township
 * and village its id names. Who may acknowledge follows from both. Any kind works: a kind added
 * later falls in an area by its name, and an id names its subject after the kind
 * (`site_crowded:<site id>`, `fever:v:<township>/<village>`). Pure.
 */
export type AlertArea = 'dispatch' | 'quarantine' | 'sites';

const DISPATCH = /vehicle|pickup|lab|transfer|results|courier|box/;
const QUARANTINE = /fever|test_|check_ins|playbook|positive|quarantine|door/;

export function alertArea(kind: string): AlertArea {
	if (DISPATCH.test(kind)) return 'dispatch';
	if (QUARANTINE.test(kind)) return 'quarantine';
	return 'sites';
}

/** The subject part of an alert id: what follows its kind. */
export function alertSubjectId(alertId: string, kind: string): string {
	return alertId.startsWith(`${kind}:`) ? alertId.slice(kind.length + 1) : '';
}

/** The village an alert id names (v:<township>/<village>), if any. */
export function villageOfAlert(alertId: string, kind: string): string | null {
	const match = /^v:[^/:]+\/[^:]+/.exec(alertSubjectId(alertId, kind));
	return match ? match[0] : null;
}

/**
 * The township an alert belongs to: the one its village or township id names, or its site's
 * (siteTownship looks it up); null when county-wide (a vehicle, a lab, a transfer).
 */
export function townshipOfAlert(alertId: string, kind: string, siteTownship: (siteId: string) => string | undefined): string | null {
	const subject = alertSubjectId(alertId, kind);
	const village = /^v:([^/:]+)\//.exec(subject);
	if (village) return `t:${village[1]}`;
	const township = /^t:[^/:]+/.exec(subject);
	if (township) return township[0];
	const first = subject.split(':')[0];
	return siteTownship(first) ?? siteTownship(subject) ?? null;
}

export interface AlertActor {
	role: string;
	townshipId: string | null;
	villageIds: string[];
}

/**
 * Who may acknowledge (and so see on their page) an alert: commanders and admins all; a shift
 * leader their township's; a dispatcher the dispatch kinds; a township quarantine desk its
 * township's quarantine kinds; a village officer their villages' quarantine kinds; lab staff the
 * labs' results overdue and backlogs.
 */
export function mayHandleAlert(actor: AlertActor, alert: { kind: string; alertId: string; townshipId: string | null }): boolean {
	const area = alertArea(alert.kind);
	switch (actor.role) {
		case 'admin':
		case 'commander':
			return true;
		case 'shift_leader':
			return alert.townshipId !== null && alert.townshipId === actor.townshipId;
		case 'dispatcher':
			return area === 'dispatch';
		case 'quarantine_desk':
			return area === 'quarantine' && alert.townshipId !== null && alert.townshipId === actor.townshipId;
		case 'lab_operator':
			// The lab is the one that can act on its results overdue or its backlog (issue 15: "alert the lab").
			return alert.kind === 'results_overdue' || alert.kind === 'lab_over_capacity';
		case 'quarantine_officer': {
			const village = villageOfAlert(alert.alertId, alert.kind);
			return area === 'quarantine' && village !== null && actor.villageIds.includes(village);
		}
		default:
			return false;
	}
}

/** An account name as shown beside an acknowledgement: its first character and a star (张*, d*). */
export function maskAccount(username: string): string {
	const first = [...username.replace(/^user:/, '')][0] ?? '?';
	return `${first}*`;
}
