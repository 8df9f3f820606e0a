/**
 * The township quarantine desk's summary, as GET /api/quarantine/desk answers it
 * (server/modules/quarantine/desk-summary.ts builds it, the /quarantine page shows it): counts,
 * villages and masked names only. Defined once here for both sides.
 */

/** What the desk counts, per village and in total. */
export interface DeskCounts {
	active: number;
	awaitingTransfer: number;
	testsDue: number;
	testsOverdue: number;
	followUpsOverdue: number;
	fevers: number;
	releasable: number;
}

export interface DeskVillage extends DeskCounts {
	villageId: string;
	villageName: string;
}

export interface DeskPerson {
	caseId: string;
	maskedName: string | null;
	villageName: string;
	/** overdue tests: `<kind>:<due date>`; overdue follow-ups: the slots; fevers: the slot; releases: the last day. */
	detail: string;
}

export interface DeskHotelBeds {
	id: string;
	name: string;
	beds: number;
	occupied: number;
	/** Held for transfers on their way (server/modules/quarantine/hotel-beds.ts). */
	held: number;
	free: number;
}

export interface DeskSummary {
	today: string;
	at: string;
	totals: DeskCounts;
	byMeasure: { measure: string; total: number; days: number[] }[];
	villages: DeskVillage[];
	overdueTests: DeskPerson[];
	overdueFollowUps: DeskPerson[];
	fevers: DeskPerson[];
	releases: DeskPerson[];
	beds: {
		hotels: DeskHotelBeds[];
		county: { residents: number; bedsPer10k: number; beds: number; occupied: number; held: number; free: number; required: number; shortfall: number };
	};
}
