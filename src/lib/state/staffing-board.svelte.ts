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
	/** Why the server shows this user no board (a role without it, or an account whose township is not valid). */
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
			const refusal = (await response.json()) as { error: string; message?: { zh: string; en: string } };
			this.refused = refusal.message ? refusal.message[this.#locale === 'en' ? 'en' : 'zh'] : refusal.error;
			this.board = null;
			return;
		}
		this.refused = null;
		if (response.ok) this.board = (await response.json()) as StaffingBoard;
	}

	start(): () => void {
		void this.refresh();
		const timer = setInterval(() => void this.refresh(), BOARD_REFRESH_MS);
		return () => clearInterval(timer);
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
