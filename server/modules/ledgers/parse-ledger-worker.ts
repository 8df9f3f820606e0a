/**
 * Runs in a worker thread (started by parse-ledger.ts): receives a ledger file in chunks, reads it
 * and checks every row, and answers with the good records in chunks and the issues (the first
 * ISSUE_LIMIT by row, and how many there were). Reading a 200,000-row spreadsheet and checking it
 * takes seconds of CPU; here that time is not taken from the server's event loop. One file at a
 * time; the same worker then takes the next.
 */
import { parentPort } from 'node:worker_threads';
import { LEDGERS, type LedgerKind } from '../../../src/lib/ledgers/definitions';
import type { LedgerDefinition } from '../../../src/lib/ledgers/ledger';
import { checkLedgerTable } from './check-ledger-table';
import { readLedgerSheets, type LedgerFormat } from './ledger-files';
import { shapeLedger } from '../../../src/lib/ledgers/table-shape';
import type { FromParser, ToParser } from './parse-ledger-protocol';

const port = parentPort!;
const send = (message: FromParser) => port.postMessage(message);
let file: { kind: LedgerKind; format: LedgerFormat; chunks: Buffer[] } | null = null;

port.on('message', (message: ToParser) => {
	if (message.type === 'start') file = { kind: message.kind, format: message.format, chunks: [] };
	else if (message.type === 'chunk') file!.chunks.push(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
	else {
		const { kind, format, chunks } = file!;
		file = null;
		parse(kind, format, Buffer.concat(chunks)).catch((error: Error) => send({ type: 'failed', message: error.message }));
	}
});

async function parse(kind: LedgerKind, format: LedgerFormat, content: Buffer) {
	send({ type: 'progress', phase: 'parsing', done: 0, total: content.byteLength });
	const definition = LEDGERS[kind] as LedgerDefinition<unknown>;
	const { table, shape, fileErrors } = shapeLedger(definition, await readLedgerSheets(content, format));
	const checked = await checkLedgerTable(
		definition,
		table,
		{
			onRecords: (records) => records.length > 0 && send({ type: 'records', records }),
			onProgress: (done, total) => send({ type: 'progress', phase: 'validating', done, total })
		},
		{ shape, fileErrors }
	);
	send({ type: 'done', ...checked });
}
