/**
 * Where a transfer task goes: a quarantine hotel (beds held, filled at handover) or, for a fever
 * follow-up's proposal, a 24-hour fever clinic (发热门诊, a sites row; no beds to hold). The task
 * row holds exactly one of the two ids (a CHECK in the database); everything that fences, shows or
 * closes a task reads its destination through here.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { quarantineSites, sites, transferTasks } from '../../db/schema/index';

export type DestinationKind = 'hotel' | 'fever_clinic';

export interface TransferDestination {
	kind: DestinationKind;
	id: string;
	name: string;
	lat: number;
	lon: number;
}

type TaskDestination = Pick<typeof transferTasks.$inferSelect, 'quarantineSiteId' | 'destinationSiteId'>;

/** The destination's id and kind, from the row alone. */
export function destinationIdOf(task: TaskDestination): { kind: DestinationKind; id: string } {
	return task.destinationSiteId ? { kind: 'fever_clinic', id: task.destinationSiteId } : { kind: 'hotel', id: task.quarantineSiteId! };
}

/** The destination with its name and point (a row deleted meanwhile: its id, at 0,0 — a task never loses its destination). */
export async function loadDestination(db: Db, task: TaskDestination): Promise<TransferDestination> {
	const { kind, id } = destinationIdOf(task);
	const table = kind === 'hotel' ? quarantineSites : sites;
	const [place] = await db.select({ id: table.id, name: table.name, lat: table.lat, lon: table.lon }).from(table).where(eq(table.id, id));
	return { kind, id, name: place?.name ?? id, lat: place?.lat ?? 0, lon: place?.lon ?? 0 };
}

/** Every fever clinic's name and point, by id (a board shows few tasks; one read for them all). */
export async function feverClinics(db: Db): Promise<Map<string, TransferDestination>> {
	const rows = await db.select({ id: sites.id, name: sites.name, lat: sites.lat, lon: sites.lon }).from(sites).where(eq(sites.kind, 'fever_clinic_24h'));
	return new Map(rows.map((row) => [row.id, { kind: 'fever_clinic' as const, ...row }]));
}
