import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { choice, clockTime, code, date, decimal, idNumber, integer, latitude, list, longitude, phone, text, yesNo } from '../../src/lib/ledgers/fields';
import { idNumberCheckCharacter } from '../../src/lib/domain/id-number';
import { sitesLedger, householdsLedger, type SiteRecord } from '../../src/lib/ledgers/definitions';
import { toLedgerTable } from '../../src/lib/ledgers/ledger';
import { validateLedger } from '../../src/lib/ledgers/validate-ledger';
import { escapeCell } from '../../src/lib/ledgers/cell-escaping';

const value = <T>(result: { ok: true; value: T } | { ok: false; message: string }) => (result.ok ? result.value : undefined);

describe('ledger cell parsers (properties)', () => {
	it('integer reads back every whole number in range and refuses those outside', () => {
		fc.assert(fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => void expect(value(integer(-1000, 1000)(String(n)))).toBe(n)));
		fc.assert(fc.property(fc.integer({ min: 1001, max: 1e9 }), (n) => void expect(integer(-1000, 1000)(String(n)).ok).toBe(false)));
		fc.assert(fc.property(fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }), (x) => void expect(integer(-1e308, 1e308)(String(x)).ok).toBe(false)));
	});

	it('longitude takes every number from −180 to 180 and refuses every other', () => {
		fc.assert(fc.property(fc.double({ min: -180, max: 180, noNaN: true }), (x) => void expect(value(longitude(String(x)))).toBe(Number(String(x)))));
		fc.assert(
			fc.property(fc.oneof(fc.double({ min: 180.000001, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: -180.000001, noNaN: true })), (x) => {
				const result = longitude(String(x));
				expect(result.ok).toBe(false);
				if (!result.ok) expect(result.message).toBe('is not a longitude (−180 to 180)');
			})
		);
	});

	it('latitude takes every number from −90 to 90 and refuses every other', () => {
		fc.assert(fc.property(fc.double({ min: -90, max: 90, noNaN: true }), (x) => void expect(latitude(String(x)).ok).toBe(true)));
		fc.assert(fc.property(fc.double({ min: 90.000001, max: 1e6, noNaN: true }), (x) => void expect(latitude(String(x)).ok).toBe(false)));
	});

	it('decimal never accepts text that is not a number', () => {
		fc.assert(fc.property(fc.string().filter((s) => !Number.isFinite(Number(s)) || s.trim() === ''), (s) => void expect(decimal(-Infinity, Infinity)(s).ok).toBe(false)));
	});

	it('idNumber accepts every well-formed number and refuses it with any other check character', () => {
		const first17 = fc
			.tuple(fc.constantFrom('360404', '110101', '440305'), fc.date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
			.map(([region, birth, sequence]) => `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(sequence).padStart(3, '0')}`);
		fc.assert(
			fc.property(first17, fc.constantFrom(...'0123456789X'), (body, check) => {
				const result = idNumber(body + check);
				expect(result.ok).toBe(check === idNumberCheckCharacter(body));
			})
		);
	});

	it('yes/no, dates and times read back what they are written as', () => {
		fc.assert(fc.property(fc.boolean(), (b) => void expect(value(yesNo(b ? '是' : '否'))).toBe(b)));
		fc.assert(
			fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2050-12-31'), noInvalidDate: true }), (d) => {
				const text = d.toISOString().slice(0, 10);
				expect(value(date(text))).toBe(text);
				expect(value(date(text.replaceAll('-', '/')))).toBe(text);
			})
		);
		fc.assert(fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => void expect(value(clockTime(`${h}:${String(m).padStart(2, '0')}`))).toBe(`${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)));
	});

	it('rejects calendar impossibilities, bad phones, odd codes and overlong text', () => {
		expect(date('2026-02-30')).toEqual({ ok: false, message: 'is not a date on the calendar' });
		expect(clockTime('24:30').ok).toBe(false);
		expect(phone('1380013800').ok).toBe(false);
		expect(value(phone('138 0013 8000'))).toBe('13800138000');
		expect(code('has space').ok).toBe(false);
		expect(value(code('白畈-01'))).toBe('白畈-01');
		expect(text(3)('四个字符').ok).toBe(false);
		expect(value(list(text(10))('白畈村、白合村;金兰村'))).toEqual(['白畈村', '白合村', '金兰村']);
	});

	it('choices accept the Chinese label or the English value', () => {
		const kind = choice({ fixed: '固定采样点', mobile_van: '流动采样车' });
		expect(value(kind('流动采样车'))).toBe('mobile_van');
		expect(value(kind('MOBILE_VAN'))).toBe('mobile_van');
		expect(kind('bus')).toEqual({ ok: false, message: 'must be one of 固定采样点、流动采样车' });
	});
});

describe('a ledger row written out and read back (property)', () => {
	const site = fc.record<SiteRecord>({
		code: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
		name: fc.string({ minLength: 1, maxLength: 20 }).map((s) => s.replace(/[\s,、;；，]/g, 'x')),
		kind: fc.constantFrom('fixed', 'mobile_van', 'temporary', 'fever_clinic_24h', 'door_to_door'),
		township: fc.constantFrom('城门街道', '沙河街道'),
		villages: fc.uniqueArray(fc.constantFrom('白畈村', '白合村', '金兰村'), { minLength: 1, maxLength: 3 }),
		longitude: fc.double({ min: -180, max: 180, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
		latitude: fc.double({ min: -90, max: 90, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
		crs: fc.constantFrom('wgs84', 'gcj02', null),
		desks: fc.integer({ min: 1, max: 200 }),
		pooling: fc.constantFrom('1:1', 'household', '10:1', '20:1'),
		opensAt: fc.constant('08:00'),
		closesAt: fc.constantFrom('12:00', null),
		status: fc.constantFrom('open', 'paused', null)
	});

	it('comes back as the same site record', () => {
		fc.assert(
			fc.property(fc.uniqueArray(site, { selector: (record) => record.code, maxLength: 10 }), (records) => {
				// Written as an export writes it (formula-like cells quoted, a leading quote doubled): a
				// name such as '=x comes back as '=x, not as =x.
				const table = toLedgerTable(sitesLedger, records);
				const exported = { ...table, rows: table.rows.map((cells) => cells.map((cell) => escapeCell(cell))) };
				const validation = validateLedger(sitesLedger, exported);
				expect(validation.issues).toEqual([]);
				expect(validation.records.map((each) => each.record)).toEqual(records.map((record) => ({ ...record, name: record.name.trim() })));
			})
		);
	});

	it('reads English headers as well as Chinese ones', () => {
		const record = { code: 'H1', township: '城门街道', village: '白畈村', members: '3' };
		const validation = validateLedger(householdsLedger, { headers: ['code', 'township', 'village', 'members'], rows: [Object.values(record)] });
		expect(validation.issues).toEqual([]);
		expect(validation.records[0].record).toMatchObject({ code: 'H1', members: 3, measure: null });
	});
});
