/**
 * The quarantine desk's live signal: the projector counts the events that change what the desk
 * shows (case.*, returnee.*, follow-ups, test results, releases, deliveries, zones, transfers) and
 * the desk page reads its summary again when the count moves, instead of polling. Only sockets
 * whose role may view the desk get it (the hub's desk room); a wall never does.
 *
 * One entity for the county, and no case, village, person or place on it: what changed is read from
 * GET /api/quarantine/desk, which applies the reader's scope.
 */
import { z } from 'zod';

export const deskSignalEntity = z.object({
	id: z.string(),
	/** Desk events applied since the projector started (a new projector starts again from 0: any change means "read again"). */
	changes: z.number().int(),
	/** Time of the newest of them (ISO), or null before the first. */
	changedAt: z.string().nullable()
});
export type DeskSignalEntity = z.infer<typeof deskSignalEntity>;
