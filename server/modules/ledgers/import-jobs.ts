/**
 * Imports started from the web page run as jobs, so that the page can show a progress bar and a
 * 200,000-row file does not hold one HTTP request open. Jobs live in this process's memory for an
 * hour after they finish.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { importLedger, type ImportInput, type ImportProgress, type ImportReport } from './import-ledger';

export interface ImportJob {
	id: string;
	status: 'running' | 'done' | 'failed';
	progress: ImportProgress;
	report: ImportReport | null;
	error: string | null;
}

const KEEP_MS = 60 * 60 * 1000;

export class ImportJobs {
	#jobs = new Map<string, ImportJob>();
	#db: Db;
	#onWritten: () => void;
	#commitEachBatch: boolean;

	/** commitEachBatch: on the embedded PGlite, whose one connection a transaction holds alone (write-ledger-records.ts). */
	constructor(db: Db, onWritten: () => void, { commitEachBatch = false }: { commitEachBatch?: boolean } = {}) {
		this.#db = db;
		this.#onWritten = onWritten;
		this.#commitEachBatch = commitEachBatch;
	}

	/**
	 * Starts a job as its file begins to arrive. `received` settles once the whole file is in: it
	 * rejects with the reason when the file could not be received (too large, cut off), and such a
	 * job is dropped, having changed nothing.
	 */
	start(input: ImportInput): { job: ImportJob; received: Promise<void> } {
		const job: ImportJob = { id: randomUUID(), status: 'running', progress: { phase: 'receiving', done: 0, total: input.file?.bytes ?? 0 }, report: null, error: null };
		this.#jobs.set(job.id, job);
		let markReceived!: () => void;
		let refuseReceipt!: (error: Error) => void;
		const received = new Promise<void>((resolve, reject) => ((markReceived = resolve), (refuseReceipt = reject)));
		importLedger({
			db: this.#db,
			input,
			commitEachBatch: this.#commitEachBatch,
			onProgress: (progress) => {
				job.progress = progress;
				if (progress.phase !== 'receiving') markReceived();
			}
		})
			.then((report) => {
				job.report = report;
				job.status = 'done';
				if (report.written && report.written.created + report.written.updated > 0) this.#onWritten();
			})
			.catch((error: Error) => {
				if (job.progress.phase === 'receiving') {
					this.#jobs.delete(job.id);
					refuseReceipt(error);
					return;
				}
				job.status = 'failed';
				job.error = error.message;
			})
			.finally(() => {
				markReceived();
				setTimeout(() => this.#jobs.delete(job.id), KEEP_MS).unref();
			});
		return { job, received };
	}

	get(id: string): ImportJob | undefined {
		return this.#jobs.get(id);
	}
}
