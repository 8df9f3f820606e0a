/**
 * Drives one closed-loop transfer vehicle: parked at its base (the hotel) until the dispatcher
 * gives it a task, then straight to the pickup point, a few minutes there while the passengers
 * board, and straight to the hotel with no stop on the way. A cancelled task sends it back to base.
 */
import { bearingDegrees, distanceMetres, type LatLon } from '../../src/lib/domain/coordinates';
import type { CourierFix } from './courier-driver';

export interface TransferOrder {
	id: number;
	pickup: LatLon;
	hotel: LatLon;
}

type Phase = { kind: 'parked' } | { kind: 'driving'; from: LatLon; to: LatLon; startAt: number; durationMs: number; then: 'board' | 'park' } | { kind: 'boarding'; until: number };

export class TransferDriver {
	#at: LatLon;
	#base: LatLon;
	#speedMs: number;
	#boardingMs: number;
	#phase: Phase = { kind: 'parked' };
	#order: TransferOrder | null = null;
	#done = new Set<number>();

	constructor({ base, speedKmh, boardingMs }: { base: LatLon; speedKmh: number; boardingMs: number }) {
		this.#at = { ...base };
		this.#base = base;
		this.#speedMs = speedKmh / 3.6;
		this.#boardingMs = boardingMs;
	}

	/** The task the vehicle's phone shows now (null: none open). */
	assign(order: TransferOrder | null, now: number): void {
		if (order && (this.#done.has(order.id) || this.#order?.id === order.id)) return;
		if (!order) {
			if (this.#order) this.#drive(this.#base, now, 'park');
			this.#order = null;
			return;
		}
		this.#order = order;
		this.#base = order.hotel;
		this.#drive(order.pickup, now, 'board');
	}

	fixAt(now: number): CourierFix {
		const phase = this.#phase;
		if (phase.kind === 'boarding' && now >= phase.until && this.#order) this.#drive(this.#order.hotel, now, 'park');
		if (phase.kind === 'driving') {
			const f = Math.min(1, (now - phase.startAt) / phase.durationMs);
			this.#at = { lat: phase.from.lat + (phase.to.lat - phase.from.lat) * f, lon: phase.from.lon + (phase.to.lon - phase.from.lon) * f };
			if (f >= 1) {
				if (phase.then === 'board') this.#phase = { kind: 'boarding', until: now + this.#boardingMs };
				else {
					if (this.#order) this.#done.add(this.#order.id);
					this.#phase = { kind: 'parked' };
				}
			}
			return { ...this.#at, heading: bearingDegrees(phase.from, phase.to), speedKmh: f >= 1 ? 0 : this.#speedMs * 3.6 };
		}
		return { ...this.#at, heading: 0, speedKmh: 0 };
	}

	#drive(to: LatLon, now: number, then: 'board' | 'park'): void {
		const from = { ...this.#at };
		this.#phase = { kind: 'driving', from, to, startAt: now, durationMs: Math.max(1000, (distanceMetres(from, to) / this.#speedMs) * 1000), then };
	}
}
