/**
 * A phone's commands that must not be lost to a short network drop: each is queued (and kept in
 * the browser's storage, so a reload or a flat battery does not lose it), sent in order, and sent
 * again as it was (same body, same report id) until the server answers. A 5xx, a 429, a 401 (signed
 * out) or no answer at all keeps it queued; any other answer takes it off the queue: 2xx as done, 4xx as refused
 * with the server's reason. The server's idempotency (the follow-up's report id, a registration's
 * duplicate check) makes a resend of a command already recorded harmless.
 */
export interface QueuedCommand {
	/** The phone's own id of the command; for a follow-up it is also the report id the server keys on. */
	id: string;
	path: string;
	body: unknown;
	/** What the officer sees in the waiting list (never a name). */
	label: string;
	queuedAt: number;
}

export type CommandOutcome = { kind: 'done'; status: number; body: unknown } | { kind: 'refused'; status: number; body: unknown };

export type SendCommand = (command: QueuedCommand) => Promise<{ status: number; body: unknown }>;

export interface OutboxStorage {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
}

/**
 * Whether an answer means "try again later" rather than "this command is settled": the server or
 * the network is struggling, or the officer's session ran out (the command waits for the sign-in).
 */
export const worthRetrying = (status: number) => status >= 500 || status === 429 || status === 408 || status === 401;

export class CommandOutbox {
	#items: QueuedCommand[];
	#flushing: Promise<void> | null = null;
	readonly #storage: OutboxStorage | null;
	readonly #key: string;
	readonly #send: SendCommand;
	readonly #changed: (items: readonly QueuedCommand[]) => void;

	constructor({ storage, key, send, changed = () => {} }: { storage: OutboxStorage | null; key: string; send: SendCommand; changed?: (items: readonly QueuedCommand[]) => void }) {
		this.#storage = storage;
		this.#key = key;
		this.#send = send;
		this.#changed = changed;
		this.#items = readStored(storage, key);
	}

	get items(): readonly QueuedCommand[] {
		return this.#items;
	}

	enqueue(command: QueuedCommand): void {
		if (this.#items.some((queued) => queued.id === command.id)) return;
		this.#set([...this.#items, command]);
	}

	/**
	 * Sends what is queued, oldest first, stopping at the first that cannot be sent now (so the
	 * order holds). Each settled command is reported once. One flush at a time: a second call
	 * waits for the running one.
	 */
	flush(settled: (command: QueuedCommand, outcome: CommandOutcome) => void): Promise<void> {
		this.#flushing ??= this.#drain(settled).finally(() => (this.#flushing = null));
		return this.#flushing;
	}

	async #drain(settled: (command: QueuedCommand, outcome: CommandOutcome) => void): Promise<void> {
		while (this.#items.length > 0) {
			const command = this.#items[0];
			let answer: { status: number; body: unknown };
			try {
				answer = await this.#send(command);
			} catch {
				return;
			}
			if (worthRetrying(answer.status)) return;
			this.#set(this.#items.filter((queued) => queued.id !== command.id));
			settled(command, { kind: answer.status < 400 ? 'done' : 'refused', status: answer.status, body: answer.body });
		}
	}

	#set(items: QueuedCommand[]): void {
		this.#items = items;
		try {
			this.#storage?.setItem(this.#key, JSON.stringify(items));
		} catch {
			// Storage full or blocked: the queue still lives in memory for this page.
		}
		this.#changed(items);
	}
}

function readStored(storage: OutboxStorage | null, key: string): QueuedCommand[] {
	try {
		const parsed = JSON.parse(storage?.getItem(key) ?? '[]') as unknown;
		return Array.isArray(parsed) ? parsed.filter((item): item is QueuedCommand => typeof item?.id === 'string' && typeof item?.path === 'string') : [];
	} catch {
		return [];
	}
}

/** A command id made on the phone: unique, and safe as a report id (letters, digits, - only). */
export function phoneCommandId(kind: string, now = Date.now(), random = Math.random): string {
	return `ph-${kind}-${now.toString(36)}-${random().toString(36).slice(2, 10).padEnd(8, '0')}`;
}
