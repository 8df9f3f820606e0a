/** A risk zone as GET /api/risk-zones lists it (server/modules/quarantine/list-risk-zones.ts): counts only, no home. */
import type { RiskLevel, ZonePolygon } from '../../domain/risk-zones';

export interface ListedZone {
	id: string;
	name: string;
	level: RiskLevel;
	polygon: ZonePolygon;
	standing: boolean;
	startsAt: string;
	createdBy: string | null;
	updatedAt: string | null;
	updatedBy: string | null;
	liftedAt: string | null;
	liftedBy: string | null;
	liftReason: string | null;
	/** Inside a standing zone now; null for a lifted one (nobody is held by it). */
	households: number | null;
	people: number | null;
}
