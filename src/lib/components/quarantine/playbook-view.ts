/** A playbook as GET /api/playbooks answers it (server/web/door-visit-routes.ts), for /pools and the officer's phone. */
export interface PlaybookVisit {
	id: number;
	memberCode: string;
	householdId: string;
	status: string;
	result: string | null;
}

export interface PlaybookStepView {
	kind: string;
	state: string;
	done: number;
	of: number;
	minutesSincePositive: number;
}

export interface PoolPlaybookView {
	id: string;
	boxId: string;
	tube: string;
	positiveAt: string;
	notifiedAt: string | null;
	closedAt: string | null;
	steps: PlaybookStepView[];
	visits: PlaybookVisit[];
}
