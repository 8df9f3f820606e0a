/**
 * The ledger parser's worker threads. Starting one costs about a second (TypeScript is compiled
 * for it, and ExcelJS loads in seconds), and an admin checks a file and then imports it: so a
 * worker that finished a file waits a while for the next before it exits. One waits at most; an
 * import started while another runs gets a worker of its own.
 */
import { Worker } from 'node:worker_threads';

const ENTRY = new URL('./parse-ledger-worker.mjs', import.meta.url);
const IDLE_MS = 60_000;

let idle: { worker: Worker; timer: NodeJS.Timeout } | null = null;

export function takeWorker(): Worker {
	if (idle) {
		const { worker, timer } = idle;
		idle = null;
		clearTimeout(timer);
		worker.ref();
		return worker;
	}
	const worker = new Worker(ENTRY);
	worker.once('exit', () => {
		if (idle?.worker !== worker) return;
		clearTimeout(idle.timer);
		idle = null;
	});
	return worker;
}

/** Keeps a worker that finished its file cleanly for the next one, without holding the process open. */
export function returnWorker(worker: Worker): void {
	if (idle) {
		void worker.terminate();
		return;
	}
	worker.unref();
	idle = { worker, timer: setTimeout(() => void worker.terminate(), IDLE_MS).unref() };
}
