/** GET /api/replay?vehicles=all|a,b&from=…&to=…: vehicles' tracks over a window, with what happened along them. */
export interface ReplayTrack {
	id: string;
	name: string;
	kind: 'courier' | 'transfer';
	/** [epoch ms, lat, lon, speed km/h], device-time order. */
	fixes: [number, number, number, number | null][];
	/** Spans whose fixes were taken out because they would show a transfer's pickup point: no line is drawn across them. */
	hidden: { from: string; to: string }[];
	distanceKm: number;
	/** Stops of 10 min or more; flagged where the vehicle was at no site, lab, station or hotel. */
	stops: { from: string; to: string; minutes: number; lat: number; lon: number; placeName: string | null; flagged: boolean }[];
	fenceEvents: { type: 'arrive' | 'depart'; placeName: string; at: string }[];
	/** Handovers of the boxes it carried: picked up at a site, handed to a lab or station. */
	custody: { at: string; kind: 'pickup' | 'transfer' | 'receipt'; boxId: string; siteName: string; toParty: string; tubesCounted: number; lat: number | null; lon: number | null }[];
}

export interface ReplayWindow {
	from: string;
	to: string;
	/** 1 when every fix was sent; n when every n-th was (stops and distance still use them all). */
	thinnedToEvery: number;
	vehicles: ReplayTrack[];
}
