/**
 * Reads and checks a ledger file in a worker thread (parse-ledger-worker.ts), so the server keeps
 * answering devices and probes meanwhile. The file goes to the worker chunk by chunk as it
 * arrives; the good records come back in chunks.
 */
import type { LedgerKind } from '../../../src/lib/ledgers/definitions';
import type { CheckedTable } from './check-ledger-table';
import type { LedgerFormat } from './ledger-files';
import type { FromParser, ToParser } from './parse-ledger-protocol';
import { takeWorker, returnWorker } from './parser-workers';

export interface ParsedLedger<R> extends CheckedTable {
	records: { row: number; record: R }[];
}

export type ParseProgress = { phase: 'receiving' | 'parsing' | 'validating'; done: number; total: number };

/** A file given whole goes over in slices of this size, so that no one copy is large. */
const SLICE_BYTES = 1024 * 1024;

export async function parseLedgerInWorker<R>({ kind, format, source, expectedBytes = 0, onProgress }: {
	kind: LedgerKind;
	format: LedgerFormat;
	/** The file, whole or as it arrives (a request body); an error from it ends the parse. */
	source: Uint8Array | AsyncIterable<Uint8Array>;
	expectedBytes?: number;
	onProgress: (progress: ParseProgress) => void;
}): Promise<ParsedLedger<R>> {
	const worker = takeWorker();
	const send = (message: ToParser) => worker.postMessage(message, message.type === 'chunk' ? [message.bytes.buffer as ArrayBuffer] : []);
	let onMessage!: (message: FromParser) => void;
	let onFailure!: (reason: unknown) => void;
	const result = new Promise<ParsedLedger<R>>((resolve, reject) => {
		const records: { row: number; record: R }[] = [];
		onMessage = (message) => {
			if (message.type === 'progress') onProgress(message);
			else if (message.type === 'records') for (const each of message.records) records.push(each as { row: number; record: R });
			else if (message.type === 'failed') reject(new Error(message.message));
			else {
				const { type: _, ...checked } = message;
				resolve({ ...checked, records });
			}
		};
		onFailure = (reason) => reject(reason instanceof Error ? reason : new Error(`the ledger parser stopped (exit code ${reason})`));
	});
	// Until the file is sent, a failed worker is only noticed here; never leave the rejection unhandled.
	result.catch(() => {});
	worker.on('message', onMessage).on('error', onFailure).on('exit', onFailure);
	let finished = false;
	try {
		let received = 0;
		const total = source instanceof Uint8Array ? source.byteLength : expectedBytes;
		onProgress({ phase: 'receiving', done: 0, total });
		send({ type: 'start', kind, format });
		for await (const chunk of source instanceof Uint8Array ? slices(source) : source) {
			// Copied into a buffer of its own, then handed over: a view would clone its whole underlying
			// buffer (a request's chunks may share a pooled one; a slice shares the whole file's).
			send({ type: 'chunk', bytes: new Uint8Array(chunk) });
			received += chunk.byteLength;
			onProgress({ phase: 'receiving', done: received, total: Math.max(total, received) });
		}
		send({ type: 'end' });
		const parsed = await result;
		finished = true;
		return parsed;
	} finally {
		worker.off('message', onMessage).off('error', onFailure).off('exit', onFailure);
		// A worker left midway (the upload failed, the worker broke) may hold half a file: never reuse it.
		if (finished) returnWorker(worker);
		else void worker.terminate();
	}
}

function* slices(content: Uint8Array): Generator<Uint8Array> {
	for (let start = 0; start < content.byteLength; start += SLICE_BYTES) yield content.subarray(start, start + SLICE_BYTES);
}

