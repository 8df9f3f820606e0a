/**
 * Samples may stay at room temperature at most 4 hours and must reach the lab within that time
 * (domain.md, seed 001 plans 3 and 4).
 */
export const ROOM_TEMPERATURE_LIMIT_HOURS = 4;

/** Epoch ms by which a box sealed at sealedAtMs must be received by a lab. */
export function sampleDeadline(sealedAtMs: number, limitHours = ROOM_TEMPERATURE_LIMIT_HOURS): number {
	return sealedAtMs + limitHours * 60 * 60 * 1000;
}
