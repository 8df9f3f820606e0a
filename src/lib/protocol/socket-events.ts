/** The Socket.io event maps, shared by the hub and the browser. */
import { z } from 'zod';
import { layerName, type Delta, type LayerName, type Snapshot } from './layers';
import type { IngestResponse } from './device-events';

/** A refusal's `error` is the English; `message`, when given, holds it in zh and en for a person. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: string; message?: { zh: string; en: string } };

export interface Heartbeat {
	/** Server clock, epoch ms. */
	serverTime: number;
	/** Device time of the newest event the projector applied (ISO), or null. */
	dataTime: string | null;
}

export type ServerToClientEvents = {
	snapshot: (snapshot: Snapshot) => void;
	heartbeat: (beat: Heartbeat) => void;
} & {
	[L in LayerName as `${L}:delta`]: (delta: Delta<L>) => void;
};

export const snapshotRequest = z.object({ layer: layerName });
export type SnapshotRequest = z.infer<typeof snapshotRequest>;

export interface ClientToServerEvents {
	'snapshot:request': (request: SnapshotRequest, ack: (answer: Ack<Snapshot>) => void) => void;
}

/**
 * The /device namespace: a field device or a platform gateway keeps one connection open and posts
 * batches with an acknowledgement, instead of one HTTP request per batch. Same rules and answers
 * as POST /api/ingest/events.
 */
export const DEVICE_NAMESPACE = '/device';

export interface DeviceClientToServerEvents {
	'events:post': (batch: { events: unknown[] }, ack: (answer: Ack<IngestResponse>) => void) => void;
}

export const HEARTBEAT_INTERVAL_MS = 2000;
export const deltaEventName = <L extends LayerName>(layer: L) => `${layer}:delta` as const;
