/**
 * The live layers the map shows, as they travel on the wire. Each layer has a sequence number;
 * a client applies delta n+1 only on top of n and otherwise asks for a snapshot.
 */
import { z } from 'zod';
import { POOLING_MODES } from './device-events';
import type { RunEntity, TransferEntity } from './dispatch-layers';
import type { DeskSignalEntity } from './desk-layer';

export const LAYERS = ['sites', 'vehicles', 'kpis', 'runs', 'transfers', 'desk'] as const;
export type LayerName = (typeof LAYERS)[number];
export const layerName = z.enum(LAYERS);

/** High-rate layers go out as volatile: a dropped frame is healed by the next gap check. */
export const VOLATILE_LAYERS: ReadonlySet<LayerName> = new Set(['vehicles']);

/**
 * Layers only a role that may dispatch sees (dispatch-layers.ts): a socket without it gets neither
 * their snapshots nor their deltas, and is refused a snapshot of one.
 */
export const DISPATCH_LAYERS: ReadonlySet<LayerName> = new Set(['runs', 'transfers']);

/**
 * Layers only a role that may view the quarantine desk sees (desk-layer.ts): like the dispatcher's,
 * never a wall's or another role's.
 */
export const DESK_LAYERS: ReadonlySet<LayerName> = new Set(['desk']);

export const siteEntity = z.object({
	id: z.string(),
	name: z.string(),
	/** Region id of the township (e.g. "t:城门街道"): the scope of a shift leader. */
	townshipId: z.string(),
	kind: z.enum(['fixed', 'mobile_van', 'temporary', 'fever_clinic_24h', 'door_to_door']),
	status: z.enum(['open', 'busy', 'paused', 'closed']),
	lat: z.number(),
	lon: z.number(),
	/** Desks set up at the site. */
	desks: z.number().int(),
	/** Desks staffed now: pairs of samplers assigned there, at most the desks (what the waits are computed with). */
	staffedDesks: z.number().int(),
	pooling: z.enum(POOLING_MODES),
	/**
	 * Samplers on their way here from moves (server/modules/staffing/move-staff.ts), one entry a
	 * move: how many and when they are due (ISO). They are not in staffedDesks until they arrive.
	 */
	incoming: z.array(z.object({ samplers: z.number().int(), arrivesAt: z.string() })).optional(),
	queueLength: z.number().int(),
	/** Device time of the queue reading; null until the first one. */
	queueAt: z.string().nullable(),
	tubesToday: z.number().int(),
	peopleToday: z.number().int(),
	boxesToday: z.number().int()
});
export type SiteEntity = z.infer<typeof siteEntity>;

export const vehicleEntity = z.object({
	id: z.string(),
	name: z.string(),
	kind: z.enum(['courier', 'transfer']),
	lat: z.number().nullable(),
	lon: z.number().nullable(),
	heading: z.number().nullable(),
	speedKmh: z.number().nullable(),
	/** Device time of the latest fix; null until the first one. */
	fixAt: z.string().nullable(),
	/**
	 * True while a closed-loop transfer shields its pickup point (src/lib/domain/pickup-privacy.ts):
	 * lat/lon are then its village's centre, not where it is, and heading and speed are null. Draw
	 * it as such, with no heading and no trail.
	 */
	coarse: z.boolean().optional()
});
export type VehicleEntity = z.infer<typeof vehicleEntity>;

export const feverVillage = z.object({
	villageId: z.string(),
	village: z.string(),
	/** The village's centre; null when the register cannot place it. */
	lat: z.number().nullable(),
	lon: z.number().nullable(),
	cases: z.number().int(),
	/** When the first of them reported it (ISO). */
	since: z.string()
});
export type FeverVillage = z.infer<typeof feverVillage>;

export const kpiEntity = z.object({
	id: z.string(),
	peopleQueueing: z.number().int(),
	tubesToday: z.number().int(),
	peopleSampledToday: z.number().int(),
	couriersOnRoad: z.number().int(),
	/** Device time of the newest event applied, so a wall can tell fresh data from stale. */
	dataTime: z.string().nullable(),
	/** The database is not taking writes: data is kept in the event log and the wall says so. */
	storageDegraded: z.boolean(),
	/** Events received but not yet applied and stored; large means the pipeline is behind. */
	backlog: z.number().int(),
	/**
	 * Villages with quarantine cases whose fever or symptoms stand, until handed over or dismissed
	 * (server/pipeline/fever-watch.ts): the wall's critical alert, within a second of the phone.
	 * A count per village at its centre, never a case, a person or a home.
	 */
	fevers: z.array(feverVillage).optional(),
	/**
	 * How many events that change the wall's overview counts (cases by measure and place, hotel
	 * beds, risk zones and their households) the live state has applied: a count, nothing about a
	 * case. A wall re-reads its overview when it moves (GET /api/wall/overview?changes=N), so those
	 * counts follow their events within a tick, as the fever alert does.
	 */
	overviewChanges: z.number().int().optional()
});
export type KpiEntity = z.infer<typeof kpiEntity>;

export interface LayerEntities {
	sites: SiteEntity;
	vehicles: VehicleEntity;
	kpis: KpiEntity;
	runs: RunEntity;
	transfers: TransferEntity;
	desk: DeskSignalEntity;
}

export interface Snapshot<L extends LayerName = LayerName> {
	layer: L;
	seq: number;
	entities: LayerEntities[L][];
}

export interface Delta<L extends LayerName = LayerName> {
	layer: L;
	seq: number;
	upserts: LayerEntities[L][];
	removes: string[];
}
