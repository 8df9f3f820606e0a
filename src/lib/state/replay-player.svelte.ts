/**
 * The replay as the browser plays it: the loaded window, the replay time, play and pause, the
 * speed (1×–60× real time), seeking, and the vehicle the camera follows. Time advances with the
 * animation frames, so a hidden tab pauses without drifting.
 */
import { refusalText } from '$lib/i18n/api-refusal';
import { localeFrom } from '$lib/i18n/messages';
import type { ReplayWindow } from '$lib/protocol';

export const REPLAY_SPEEDS = [1, 5, 10, 30, 60] as const;

export class ReplayPlayer {
	window = $state.raw<ReplayWindow | null>(null);
	/** The replay time, epoch ms. */
	time = $state(0);
	playing = $state(false);
	speed = $state<number>(10);
	following = $state<string | null>(null);
	error = $state<string | null>(null);
	loading = $state(false);
	#frame = 0;
	#lastFrameAt = 0;

	get start(): number {
		return this.window ? Date.parse(this.window.from) : 0;
	}

	get end(): number {
		return this.window ? Date.parse(this.window.to) : 0;
	}

	async load(query: { vehicles: string[] | 'all'; from: Date; to: Date }): Promise<void> {
		this.pause();
		this.loading = true;
		this.error = null;
		const search = new URLSearchParams({ vehicles: query.vehicles === 'all' ? 'all' : query.vehicles.join(','), from: query.from.toISOString(), to: query.to.toISOString() });
		try {
			const response = await fetch(`/api/replay?${search}`);
			const body = await response.json();
			if (!response.ok) {
				this.error = refusalText(body, localeFrom(new URLSearchParams(location.search)), response.status);
				return;
			}
			this.window = body as ReplayWindow;
			// Start at the first fix of the window rather than at its empty beginning.
			const firsts = this.window.vehicles.filter((track) => track.fixes.length > 0).map((track) => track.fixes[0][0]);
			this.time = firsts.length > 0 ? Math.min(...firsts) : this.start;
		} finally {
			this.loading = false;
		}
	}

	play(): void {
		if (!this.window || this.playing) return;
		if (this.time >= this.end) this.time = this.start;
		this.playing = true;
		this.#lastFrameAt = performance.now();
		const step = (now: number) => {
			if (!this.playing) return;
			this.time = Math.min(this.end, this.time + (now - this.#lastFrameAt) * this.speed);
			this.#lastFrameAt = now;
			if (this.time >= this.end) this.playing = false;
			else this.#frame = requestAnimationFrame(step);
		};
		this.#frame = requestAnimationFrame(step);
	}

	pause(): void {
		this.playing = false;
		cancelAnimationFrame(this.#frame);
	}

	seek(time: number): void {
		this.time = Math.max(this.start, Math.min(this.end, time));
	}

	follow(vehicleId: string | null): void {
		this.following = vehicleId;
	}
}
