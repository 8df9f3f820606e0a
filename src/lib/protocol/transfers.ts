/** GET /api/transfers: closed-loop transfer tasks, who awaits transfer, hotels' beds, transfer vehicles. No home, no full name. */
export interface TransferTaskView {
	id: number;
	status: 'open' | 'handed_over' | 'cancelled';
	vehicleId: string;
	vehicleName: string;
	/** The destination: a hotel, or (a fever proposal confirmed) a 24-hour fever clinic; destinationKind says which. */
	hotelId: string;
	hotelName: string;
	destinationKind: 'hotel' | 'fever_clinic';
	/** The quarantine case whose fever proposal this task confirms, or null. */
	caseId: string | null;
	householdId: string | null;
	returneeId: string | null;
	passengers: number;
	/** The village or station of the pickup point, never the home itself. */
	pickupLabel: string;
	createdAt: string;
	phase: 'to_pickup' | 'at_pickup' | 'carrying' | 'arrived' | null;
	atPickupAt: string | null;
	pickedUpAt: string | null;
	arrivedAt: string | null;
	/** Halts on the way: each breaks the closed loop and is shown flagged; one within 500 m of the pickup at the village's centre (coarse). */
	stopsOnTheWay: { from: string; to: string; minutes: number; lat: number; lon: number; coarse?: boolean }[];
	closedAt: string | null;
}

export interface TransferBoard {
	generatedAt: string;
	tasks: TransferTaskView[];
	/** `label`: the village (where the vehicle collects); `origin`: where a returnee came from (null for a household). The id is to act on, never shown. */
	awaiting: { kind: 'household' | 'returnee'; id: string; label: string; origin: string | null; passengers: number; nameMasked: string | null }[];
	hotels: { id: string; name: string; beds: number; occupied: number; held: number; free: number }[];
	vehicles: { id: string; name: string; busyWith: number | null }[];
	/** Fever follow-ups' transfers proposed today and not yet confirmed, for the dispatcher to confirm with a vehicle. */
	proposals: TransferProposalView[];
}

/** A proposed transfer as the dispatcher sees it: the case by its opaque id, the village, the destination; never a name or reading. */
export interface TransferProposalView {
	caseId: string;
	villageId: string;
	village: string;
	reason: 'fever' | 'symptoms' | 'positive';
	destination: { kind: 'fever_clinic' | 'hotel'; id: string; name: string };
	proposedAt: string;
}
