/**
 * The demo's simulated dispatcher: signed in as the demo dispatcher account
 * (server/modules/identity/demo-dispatcher.ts), it reads the board /dispatch reads
 * (GET /api/transfers) and does what dispatcher-decisions.ts says is due through the same
 * commands the page sends: POST /api/transfers {vehicleId, caseId} and
 * POST /api/transfers/:id/handover. It never touches the state.
 *
 * A refusal (a person confirmed or handed over first: transfer_open, vehicle_busy,
 * no_open_transfer, not_arrived …) is the normal race with a human dispatcher and is not logged:
 * the next look at the board decides again from what the server has.
 */
import { dispatcherActions, type DispatcherAction, type SeenBoard } from './dispatcher-decisions';

export class SimDispatcher {
	#origin: string;
	#session: string | null = null;
	#logger?: Pick<Console, 'warn'>;
	/** The tasks this dispatcher confirmed (handed over promptly; a person's are left to them). */
	#own = new Set<number>();
	#busy = false;
	/** Actions refused for good (not a race: e.g. a case with no pickup point): warned once, not asked again. */
	#refused = new Set<string>();

	constructor({ origin, session, logger }: { origin: string; session: string | null | Promise<string | null>; logger?: Pick<Console, 'warn'> }) {
		this.#origin = origin;
		// Nothing is done until the dispatcher is signed in.
		void Promise.resolve(session).then((ready) => (this.#session = ready));
		this.#logger = logger;
	}

	/** One look at the board and what is due by `now`. */
	async tick(now: number): Promise<void> {
		if (this.#busy || !this.#session) return;
		this.#busy = true;
		try {
			const board = await this.#get<SeenBoard>('/api/transfers');
			if (!board) return;
			for (const action of dispatcherActions(board, now, this.#own)) if (!this.#refused.has(action.key)) await this.#act(action);
		} finally {
			this.#busy = false;
		}
	}

	async #act(action: DispatcherAction): Promise<void> {
		if (action.kind === 'confirm') {
			const answer = await this.#post(action.key, '/api/transfers', { vehicleId: action.vehicleId, caseId: action.caseId });
			const taskId = (answer as { taskId?: unknown } | null)?.taskId;
			if (typeof taskId === 'number') this.#own.add(taskId);
			return;
		}
		if (await this.#post(action.key, `/api/transfers/${action.taskId}/handover`, {})) this.#own.delete(action.taskId);
	}

	async #get<T>(path: string): Promise<T | null> {
		try {
			const response = await fetch(`${this.#origin}${path}`, { headers: { authorization: `Bearer ${this.#session}` }, signal: AbortSignal.timeout(5000) });
			return response.ok ? ((await response.json()) as T) : null;
		} catch {
			return null;
		}
	}

	/** The answer when done; null when refused (409/404: someone acted first) or not answered (tried again on the next look). */
	async #post(key: string, path: string, body: unknown): Promise<unknown> {
		try {
			const response = await fetch(`${this.#origin}${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${this.#session}` },
				body: JSON.stringify(body),
				signal: AbortSignal.timeout(5000)
			});
			if (response.ok) return await response.json();
			const text = await response.text();
			// 409/404: the board moved (a person acted first, e.g. transfer_open, no_open_transfer); 401/429/5xx: asked
			// again next look. Anything else says the same on every resend: a fault worth seeing, once.
			const race = response.status === 409 || response.status === 404;
			if (!race && response.status !== 401 && response.status !== 429 && response.status < 500) {
				this.#refused.add(key);
				this.#logger?.warn(`sim: dispatcher ${path} answered ${response.status}: ${text.slice(0, 200)}`);
			}
			return null;
		} catch {
			return null;
		}
	}
}
