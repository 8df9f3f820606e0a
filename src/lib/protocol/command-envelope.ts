/**
 * Events of people's commands (the write side, DESIGN.md §2). Every one has a server-made id (the
 * log and every consumer are idempotent on it), the time the command took effect and its actor
 * (`user:<id>` or `device:<id>`; never a name). They travel the event log beside device events;
 * a consumer tells them apart by `actor` (isCommandEvent).
 *
 * Adding a command's events: a file per area (staff-events.ts) built on commandEnvelope, and its
 * union added to commandEvent in command-events.ts.
 */
import { z } from 'zod';

export const commandEnvelope = {
	id: z.string().min(8).max(64),
	at: z.iso.datetime({ offset: true }),
	actor: z.string().min(1).max(128)
};
