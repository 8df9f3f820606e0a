/**
 * The staffing board as the browser holds it: fetched every few seconds. A move, undo or arrival
 * is not followed by a fetch: its event reaches the page as a sites delta (staffed desks, staff on
 * the way; DeskCount.svelte), and the rest of the board catches up on the next refresh.
 */
import type { MoveRequest, StaffingBoard } from '$lib/protocol';

export const BOARD_REFRESH_MS = 5000;

export class StaffingBoardState {
	board = $state.raw<StaffingBoard | null>(null);
	signedOut = $state(false);
	/** Signed in, but the role may not see the board at all (role_not_allowed): the page says so and nothing else. */
	forbidden = $state(false);
	/** Why the server shows this user no board (an account whose township is not valid). */
	refused = $state<string | null>(null);
	/** The last refusal of a move or undo, in the server's words and the page's language. */
	error = $state<string | null>(null);
	busy = $state(false);
	#locale: 'zh-CN' | 'en';

	constructor(locale: 'zh-CN' | 'en' = 'zh-CN') {
		this.#locale = locale;
	}

	async refresh(): Promise<void> {
		const response = await fetch('/api/staffing/board');
		if (response.status === 401) {
			this.signedOut = true;
			return;
		}
		if (response.status === 403) {
			// Asking again cannot change a refusal (only an admin can): stop refreshing until the page is opened anew.
			this.#stop();
			const refusal = (await response.json()) as { error: string; message?: { zh: string; en: string } };
			if (refusal.error === 'role_not_allowed') this.forbidden = true;
			else this.refused = refusal.message ? refusal.message[this.#locale === 'en' ? 'en' : 'zh'] : refusal.error;
			this.board = null;
			return;
		}
		this.refused = null;
		if (response.ok) this.board = (await response.json()) as StaffingBoard;
	}

	#timer: ReturnType<typeof setInterval> | null = null;

	start(): () => void {
		this.#timer = setInterval(() => void this.refresh(), BOARD_REFRESH_MS);
		void this.refresh();
		return () => this.#stop();
	}

	#stop(): void {
		if (this.#timer !== null) clearInterval(this.#timer);
		this.#timer = null;
	}

	async move(request: MoveRequest): Promise<boolean> {
		return this.#send('/api/staffing/moves', request);
	}

	async undo(moveId: number): Promise<boolean> {
		return this.#send(`/api/staffing/moves/${moveId}/undo`, undefined);
	}

	async #send(path: string, body: unknown): Promise<boolean> {
		this.busy = true;
		this.error = null;
		try {
			const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
			if (!response.ok) {
				const refusal = (await response.json()) as { error: string; message?: { zh: string; en: string } };
				this.error = refusal.message ? refusal.message[this.#locale === 'en' ? 'en' : 'zh'] : refusal.error;
			}
			return response.ok;
		} finally {
			this.busy = false;
		}
	}
}
