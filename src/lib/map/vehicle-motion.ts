/**
 * Makes vehicles glide between GPS fixes instead of jumping once a second, and keeps a short trail
 * behind each. A new fix starts a glide from where the marker is drawn now to the new position,
 * lasting as long as the gap between fixes (capped), so a marker is always one fix behind at most.
 * Pure: time is passed in.
 */
export interface Fix {
	lat: number;
	lon: number;
	/** Device time of the fix, epoch ms. */
	at: number;
}

interface Motion {
	from: { lat: number; lon: number };
	to: { lat: number; lon: number };
	startedAt: number;
	durationMs: number;
	lastFixAt: number;
	trail: [number, number][];
}

export const MAX_GLIDE_MS = 2000;
export const TRAIL_POINTS = 8;

export class VehicleMotion {
	#motions = new Map<string, Motion>();

	/** Takes the latest fix of a vehicle; the same or an older fix changes nothing. */
	update(id: string, fix: Fix, now: number): void {
		const motion = this.#motions.get(id);
		if (!motion) {
			this.#motions.set(id, { from: fix, to: fix, startedAt: now, durationMs: 0, lastFixAt: fix.at, trail: [[fix.lon, fix.lat]] });
			return;
		}
		if (fix.at <= motion.lastFixAt) return;
		const current = this.positionAt(id, now)!;
		motion.from = current;
		motion.to = { lat: fix.lat, lon: fix.lon };
		motion.startedAt = now;
		motion.durationMs = Math.min(MAX_GLIDE_MS, fix.at - motion.lastFixAt);
		motion.lastFixAt = fix.at;
		motion.trail.push([fix.lon, fix.lat]);
		if (motion.trail.length > TRAIL_POINTS) motion.trail.shift();
	}

	/** Where the vehicle is drawn at this moment. */
	positionAt(id: string, now: number): { lat: number; lon: number } | null {
		const motion = this.#motions.get(id);
		if (!motion) return null;
		const progress = motion.durationMs <= 0 ? 1 : Math.min(1, Math.max(0, (now - motion.startedAt) / motion.durationMs));
		return { lat: motion.from.lat + (motion.to.lat - motion.from.lat) * progress, lon: motion.from.lon + (motion.to.lon - motion.from.lon) * progress };
	}

	/** Whether any vehicle is still gliding, i.e. the map needs another frame. */
	moving(now: number): boolean {
		for (const motion of this.#motions.values()) if (now - motion.startedAt < motion.durationMs) return true;
		return false;
	}

	/** The recent fixes of a vehicle, oldest first, ending at the marker's drawn position. */
	trail(id: string, now: number): [number, number][] {
		const motion = this.#motions.get(id);
		if (!motion) return [];
		const here = this.positionAt(id, now)!;
		const points = motion.trail.slice(0, -1);
		return [...points, [here.lon, here.lat]];
	}

	forget(id: string): void {
		this.#motions.delete(id);
	}
}
