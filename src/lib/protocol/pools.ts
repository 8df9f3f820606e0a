/** GET /api/pools/positive: positive pools and their households to re-test (pools:view only; no home, no full name). */
export interface PositivePool {
	boxId: string;
	tube: string;
	resultAt: string;
	labName: string | null;
	siteName: string | null;
	sealedAt: string | null;
	/** Empty when the site sent no pool membership with the box: then the whole box's site is the lead. */
	households: { id: string; village: string; members: number; measure: string; headMasked: string | null }[];
}
