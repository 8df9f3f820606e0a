/**
 * The desk's summary as GET /api/quarantine/desk answers it (server/modules/quarantine/desk-summary.ts):
 * counts, villages and masked names only.
 */
export interface DeskCounts {
	active: number;
	awaitingTransfer: number;
	testsDue: number;
	testsOverdue: number;
	followUpsOverdue: number;
	fevers: number;
	releasable: number;
}

export interface DeskPerson {
	caseId: string;
	maskedName: string | null;
	villageName: string;
	/** overdue tests: `<kind>:<due date>`; overdue follow-ups: the slots; fevers: the slot; releases: the last day. */
	detail: string;
}

export interface DeskSummary {
	today: string;
	at: string;
	totals: DeskCounts;
	byMeasure: { measure: string; total: number; days: number[] }[];
	villages: (DeskCounts & { villageId: string; villageName: string })[];
	overdueTests: DeskPerson[];
	overdueFollowUps: DeskPerson[];
	fevers: DeskPerson[];
	releases: DeskPerson[];
	beds: {
		hotels: { id: string; name: string; beds: number; occupied: number; held: number; free: number }[];
		county: { residents: number; bedsPer10k: number; beds: number; occupied: number; held: number; free: number; required: number; shortfall: number };
	};
}
