/**
 * Drives a vehicle through a list of stops once, from wherever it is, dwelling at each, then
 * waits at the last: a courier on a run the dispatcher accepted. Reports each stop as it is
 * reached, once.
 */
import { bearingDegrees, distanceMetres, type LatLon } from '../../src/lib/domain/coordinates';
import type { CourierFix } from './courier-driver';

interface Leg {
	code: string;
	from: LatLon;
	to: LatLon;
	departAt: number;
	arriveAt: number;
}

export class ErrandDriver {
	#legs: Leg[] = [];
	#at: LatLon;
	#speedMs: number;
	#dwellMs: number;
	#reported = 0;

	constructor({ start, speedKmh, dwellMs }: { start: LatLon; speedKmh: number; dwellMs: number }) {
		this.#at = { ...start };
		this.#speedMs = speedKmh / 3.6;
		this.#dwellMs = dwellMs;
	}

	/** A new errand from where the vehicle is at `now`; the previous one is dropped. */
	go(stops: { code: string; location: LatLon }[], now: number): void {
		this.#at = this.fixAt(now);
		let from = { lat: this.#at.lat, lon: this.#at.lon };
		let departAt = now;
		this.#legs = stops.map((stop) => {
			const arriveAt = departAt + (distanceMetres(from, stop.location) / this.#speedMs) * 1000;
			const leg = { code: stop.code, from, to: stop.location, departAt, arriveAt };
			[from, departAt] = [stop.location, arriveAt + this.#dwellMs];
			return leg;
		});
		this.#reported = 0;
	}

	/** The stops reached since the last call, in order. */
	reached(now: number): string[] {
		const reached: string[] = [];
		while (this.#reported < this.#legs.length && this.#legs[this.#reported].arriveAt <= now) reached.push(this.#legs[this.#reported++].code);
		return reached;
	}

	/** True once the last stop is reached (or with no errand). */
	get done(): boolean {
		return this.#reported >= this.#legs.length;
	}

	fixAt(now: number): CourierFix {
		for (const leg of this.#legs) {
			if (now < leg.departAt) return { ...leg.from, heading: bearingDegrees(leg.from, leg.to), speedKmh: 0 };
			if (now < leg.arriveAt) {
				const f = (now - leg.departAt) / (leg.arriveAt - leg.departAt);
				return { lat: leg.from.lat + (leg.to.lat - leg.from.lat) * f, lon: leg.from.lon + (leg.to.lon - leg.from.lon) * f, heading: bearingDegrees(leg.from, leg.to), speedKmh: this.#speedMs * 3.6 };
			}
		}
		const last = this.#legs.at(-1);
		return last ? { ...last.to, heading: bearingDegrees(last.from, last.to), speedKmh: 0 } : { ...this.#at, heading: 0, speedKmh: 0 };
	}
}
