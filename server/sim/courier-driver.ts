/**
 * Drives one courier around its route at a steady speed, dwelling at each stop, and reports
 * where it is at a given time. Straight segments between stops: the "roads" of the schematic map.
 */
import { bearingDegrees, distanceMetres, type LatLon } from '../../src/lib/domain/coordinates';

export interface CourierFix extends LatLon {
	heading: number;
	speedKmh: number;
}

export class CourierDriver {
	#stops: LatLon[];
	#speedMs: number;
	#dwellMs: number;
	#legMs: number[];
	#cycleMs: number;
	#offsetMs: number;

	constructor({ stops, speedKmh, dwellMs, offsetMs }: { stops: LatLon[]; speedKmh: number; dwellMs: number; offsetMs: number }) {
		if (stops.length < 2) throw new Error('a route needs at least two stops');
		this.#stops = stops;
		this.#speedMs = speedKmh / 3.6;
		this.#dwellMs = dwellMs;
		this.#legMs = stops.map((stop, index) => (distanceMetres(stop, stops[(index + 1) % stops.length]) / this.#speedMs) * 1000);
		this.#cycleMs = this.#legMs.reduce((sum, leg) => sum + leg + dwellMs, 0);
		this.#offsetMs = offsetMs;
	}

	/** The index of the stop the courier is waiting at, or null while it drives. */
	stopAt(epochMs: number): number | null {
		let t = (epochMs + this.#offsetMs) % this.#cycleMs;
		for (let index = 0; index < this.#stops.length; index++) {
			if (t < this.#dwellMs) return index;
			t -= this.#dwellMs + this.#legMs[index];
			if (t < 0) return null;
		}
		return null;
	}

	fixAt(epochMs: number): CourierFix {
		let t = (epochMs + this.#offsetMs) % this.#cycleMs;
		for (let index = 0; index < this.#stops.length; index++) {
			const from = this.#stops[index];
			const to = this.#stops[(index + 1) % this.#stops.length];
			const heading = bearingDegrees(from, to);
			if (t < this.#dwellMs) return { ...from, heading, speedKmh: 0 };
			t -= this.#dwellMs;
			if (t < this.#legMs[index]) {
				const f = t / this.#legMs[index];
				return { lat: from.lat + (to.lat - from.lat) * f, lon: from.lon + (to.lon - from.lon) * f, heading, speedKmh: this.#speedMs * 3.6 };
			}
			t -= this.#legMs[index];
		}
		return { ...this.#stops[0], heading: 0, speedKmh: 0 };
	}
}
