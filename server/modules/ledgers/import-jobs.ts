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

	constructor(db: Db, onWritten: () => void) {
		this.#db = db;
		this.#onWritten = onWritten;
	}

	start(input: ImportInput): ImportJob {
		const job: ImportJob = { id: randomUUID(), status: 'running', progress: { phase: 'reading', done: 0, total: 0 }, report: null, error: null };
		this.#jobs.set(job.id, job);
		importLedger({ db: this.#db, input, onProgress: (progress) => (job.progress = progress) })
			.then((report) => {
				job.report = report;
				job.status = 'done';
				if (report.written && report.written.created + report.written.updated > 0) this.#onWritten();
			})
			.catch((error: Error) => {
				job.status = 'failed';
				job.error = error.message;
			})
			.finally(() => setTimeout(() => this.#jobs.delete(job.id), KEEP_MS).unref());
		return job;
	}

	get(id: string): ImportJob | undefined {
		return this.#jobs.get(id);
	}
}
