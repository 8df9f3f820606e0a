/**
 * Ledgers as township offices make them (issue 17): the sheet, the header among the first rows,
 * title / unit / blank rows above it, totals and notes below, typed Excel cells and numbers Excel
 * has already damaged. Pure: the sheets are built here as cells (ledger-office-shapes.test.ts
 * builds real workbooks and imports them).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { householdsLedger, labsLedger, returneesLedger, sitesLedger, staffLedger } from '../../src/lib/ledgers/definitions';
import type { LedgerDefinition } from '../../src/lib/ledgers/ledger';
import { clockTime, date, dateTime, LOST_DIGITS } from '../../src/lib/ledgers/fields';
import { cellText, chooseSheet, findHeaderRow, footRowKind, formatShowsTime, headRowKind, shapeLedger, sheetNamedLike, type RawSheet, type SheetCell } from '../../src/lib/ledgers/table-shape';
import { describeIssue, validateLedger } from '../../src/lib/ledgers/validate-ledger';
import { describeShape, ledgerIssueZh } from '../../src/lib/ledgers/issue-text';

const sites = sitesLedger as LedgerDefinition<unknown>;
/** An Excel cell typed as a date or time: the Date's UTC fields are the wall clock typed. */
const typed = (iso: string, numFmt: string): SheetCell => ({ date: new Date(`${iso}Z`), numFmt });
const TITLE = '城门街道全员核酸检测采样点台账（2026年11月）';
const SITE_HEADERS = ['序号', '编号', '名称', '类型', '街道', '服务村', '经度', '纬度', '采样台数', '混采', '开始时间', '结束时间'];
const siteRow = (n: number, opens: SheetCell = '8:00', closes: SheetCell = '18:00'): SheetCell[] => [n, `S-00${n}`, `第${n}采样点`, '固定采样点', '城门街道', '红旗村、白畈村', 115.83, 29.66, 2, '10合1', opens, closes];

describe('typed cells as the text their column reads', () => {
	it('reads a time-of-day cell (day 0, 1899-12-30) as HH:MM in a time column', () => {
		expect(cellText(typed('1899-12-30T08:00:00', 'h:mm'), 'time')).toEqual({ text: '08:00' });
		expect(cellText(typed('1899-12-30T17:30:00', 'hh:mm:ss'), 'time')).toEqual({ text: '17:30' });
		// A fraction of a day that lost its format reads as the time it is.
		expect(cellText(0.5, 'time')).toEqual({ text: '12:00' });
	});

	it('reads every time of day typed into a time cell back as that time (property)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
				const hhmm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
				// As ExcelJS makes it from the serial, with its rounding to the millisecond.
				const serial = (h * 60 + m) / 1440;
				const cell = { date: new Date(Math.round((serial - 25569) * 86_400_000)), numFmt: 'h:mm' };
				expect(clockTime(cellText(cell, 'time').text)).toEqual({ ok: true, value: hhmm });
			})
		);
	});

	it('reads a date cell as YYYY-MM-DD and a date-time cell as China time, whatever the zone of the machine', () => {
		expect(cellText(typed('2026-11-29T00:00:00', 'yyyy/m/d'), 'date')).toEqual({ text: '2026-11-29' });
		expect(cellText(typed('2026-11-29T18:20:00', 'yyyy/m/d h:mm'), 'dateTime')).toEqual({ text: '2026-11-29 18:20' });
		expect(dateTime(cellText(typed('2026-11-29T18:20:00', 'yyyy/m/d h:mm'), 'dateTime').text)).toEqual({ ok: true, value: '2026-11-29T10:20:00.000Z' });
		// Midnight shown with its time is a moment, not a day.
		expect(cellText(typed('2026-11-29T00:00:00', 'yyyy-mm-dd hh:mm'), 'dateTime')).toEqual({ text: '2026-11-29 00:00' });
		fc.assert(
			fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2049-12-31T23:59:00Z'), noInvalidDate: true }), (when) => {
				const minute = new Date(Math.floor(when.getTime() / 60_000) * 60_000);
				const text = cellText({ date: minute, numFmt: 'yyyy/m/d h:mm' }, 'dateTime').text;
				expect(dateTime(text)).toEqual({ ok: true, value: new Date(minute.getTime() - 8 * 3_600_000).toISOString() });
			})
		);
	});

	it('maps a cell of another type to what its column refuses or takes, as README says', () => {
		// A date without a time in a date-time column (返乡时间 typed as a date) is the start of that day, China time.
		const dayOnly = cellText(typed('2026-11-29T00:00:00', 'yyyy/m/d'), 'dateTime').text;
		expect(dayOnly).toBe('2026-11-29');
		expect(dateTime(dayOnly)).toEqual({ ok: true, value: '2026-11-28T16:00:00.000Z' });
		// A date-time in a time column is refused, not cut to its time.
		const moment = cellText(typed('2026-11-29T08:00:00', 'yyyy/m/d h:mm'), 'time').text;
		expect(moment).toBe('2026-11-29 08:00');
		expect(clockTime(moment).ok).toBe(false);
		// A date-time in a date column gives its day; a time of day in a date column is refused.
		expect(cellText(typed('2026-11-29T18:20:00', 'yyyy/m/d h:mm'), 'date')).toEqual({ text: '2026-11-29' });
		expect(date(cellText(typed('1899-12-30T08:00:00', 'h:mm'), 'date').text).ok).toBe(false);
	});

	it('keeps whole numbers whole, an 11-digit phone exact, and marks a number of 15 digits or more as damaged', () => {
		expect(cellText(1, 'number')).toEqual({ text: '1' });
		expect(cellText(2.0, 'text')).toEqual({ text: '2' });
		expect(cellText(115.83, 'number')).toEqual({ text: '115.83' });
		expect(cellText(13800138000, 'text')).toEqual({ text: '13800138000' });
		expect(cellText(360404199001011011, 'text')).toEqual({ text: '360404199001011008', damaged: true });
		expect(cellText(1e15, 'text')).toMatchObject({ damaged: true });
		expect(cellText(999999999999999, 'text')).toEqual({ text: '999999999999999' });
		expect(cellText(true, 'text')).toEqual({ text: '是' });
		expect(cellText('\u3000 S-001\u00A0 ', 'text')).toEqual({ text: 'S-001' });
	});

	it('knows which number formats show a time', () => {
		expect(formatShowsTime('yyyy/m/d h:mm')).toBe(true);
		expect(formatShowsTime('[$-F400]h:mm:ss AM/PM')).toBe(true);
		expect(formatShowsTime('yyyy"年"m"月"d"日"')).toBe(false);
		expect(formatShowsTime('[Red]yyyy-mm-dd')).toBe(false);
		expect(formatShowsTime('')).toBe(false);
	});
});

describe('rows that are not data', () => {
	it('names title, unit and blank rows above the header', () => {
		expect(headRowKind([TITLE, TITLE, TITLE])).toBe('title');
		expect(headRowKind(['填报单位：城门街道', '', '单位：人'])).toBe('unit');
		expect(headRowKind(['（单位：人、户）'])).toBe('unit');
		expect(headRowKind(['', ''])).toBe('blank');
	});

	it('names totals and notes rows, and leaves data rows alone', () => {
		expect(footRowKind(['合计', '', '', '35'])).toBe('total');
		expect(footRowKind(['', '合  计', '35'])).toBe('total');
		expect(footRowKind(['', '小计：', '12'])).toBe('total');
		expect(footRowKind(['总计（人）', '1200'])).toBe('total');
		expect(footRowKind(['1', '总计'])).toBe('total');
		expect(footRowKind(['备注：以上数据截至11月30日'])).toBe('note');
		expect(footRowKind(['填表人：王芳', '', '审核人：李强'])).toBe('note');
		expect(footRowKind(['制表 城门街道办'])).toBe('note');
		expect(footRowKind(['注：', '本表一式两份'])).toBe('note');
		expect(footRowKind(['审核人'])).toBe('note');
		expect(footRowKind(['S-001', '合计采样点', '固定采样点'])).toBeNull();
		expect(footRowKind(['H-001', '城门街道', '备注村'])).toBeNull();
		expect(footRowKind(['注射室采样点'])).toBeNull();
		expect(footRowKind([''])).toBeNull();
	});
});

describe('the header among the first rows', () => {
	it('skips a merged title, a subtitle, a unit row and blank rows', () => {
		const rows: RawSheet['rows'] = [[TITLE, TITLE, TITLE], [], ['填报单位：城门街道', null, '单位：个'], SITE_HEADERS, siteRow(1)];
		expect(findHeaderRow(sites, rows)).toMatchObject({ index: 3, rows: 1, complete: true, recognised: 11 });
	});

	it('takes a header written by hand: spaces inside, a * mark, a hint in brackets, full-width forms', () => {
		const headers = ['编 号', '名称*', '*类型', '街道', '服务村', '经度（E）', '纬度', '采样台数', '混采', '开始时间(HH:MM)', '结束时间'];
		expect(findHeaderRow(sites, [headers])).toMatchObject({ index: 0, complete: true, recognised: 11 });
		// A header whose own name has brackets (日检测能力(管)) is still itself, in either width.
		expect(validateLedger(labsLedger as LedgerDefinition<unknown>, { headers: ['编号', '名称', '类型', '经度', '纬度', '日检测能力（管）'], rows: [] }).fileErrors).toEqual([]);
	});

	it('looks no further than the tenth row, and without a complete header takes the row that names the most columns', () => {
		const late: RawSheet['rows'] = [...Array.from({ length: 10 }, (_, index) => [`说明 ${index + 1}`]), SITE_HEADERS];
		expect(findHeaderRow(sites, late)).toMatchObject({ index: 0, complete: false, recognised: 0 });
		expect(findHeaderRow(sites, [[TITLE], ['编号', '名称', '类型'], ['S-1', '点', '固定采样点']])).toMatchObject({ index: 1, rows: 1, complete: false, recognised: 3 });
	});
});

describe('the sheet', () => {
	const data = (name: string): RawSheet => ({ name, rows: [SITE_HEADERS, siteRow(1)] });
	const notes: RawSheet = { name: '填表说明', rows: [['本表由各村填报'], ['编号为采样点编号']] };

	it('takes the only sheet with the ledger\'s header, whatever its name', () => {
		const chosen = chooseSheet(sites, [notes, data('Sheet2')]);
		expect(chosen && 'sheet' in chosen && chosen.sheet.name).toBe('Sheet2');
	});

	it('takes the one named like the ledger when several have its header', () => {
		const chosen = chooseSheet(sites, [data('汇总'), data('城门街道采样点'), notes]);
		expect(chosen && 'sheet' in chosen && chosen.sheet.name).toBe('城门街道采样点');
		expect(sheetNamedLike(staffLedger as LedgerDefinition<unknown>, '工作人员名单')).toBe(true);
		expect(sheetNamedLike(householdsLedger as LedgerDefinition<unknown>, '户籍台账')).toBe(true);
		expect(sheetNamedLike(sites, 'Sites')).toBe(true);
		expect(sheetNamedLike(sites, '人员')).toBe(false);
	});

	it('refuses two sheets with the header and neither named like the ledger, listing them in both languages', () => {
		const shaped = shapeLedger(sites, [data('11月29日'), data('11月30日')]);
		expect(shaped.fileErrors).toEqual(['the workbook has 2 sheets that could be the ledger (11月29日、11月30日): keep only one, or name the sheet to import 采样点']);
		expect(ledgerIssueZh(shaped.fileErrors[0])).toBe('工作簿中有 2 个工作表都像是本台账（11月29日、11月30日）：请只保留一个，或把要导入的工作表命名为“采样点”');
		expect(shaped.shape).toEqual({ sheet: null, sheets: ['11月29日', '11月30日'], headerRow: 0, skipped: [], ignoredColumns: [] });
		expect(shaped.table.rows).toEqual([]);
	});

	it('refuses two sheets with the header both named like the ledger without asking to name one so', () => {
		const shaped = shapeLedger(sites, [data('采样点'), data('采样点（旧）')]);
		expect(shaped.fileErrors).toEqual(['the workbook has 2 sheets named like the ledger (采样点、采样点（旧）): keep only the one to import']);
		expect(ledgerIssueZh(shaped.fileErrors[0])).toBe('工作簿中有 2 个工作表的名称都像是本台账（采样点、采样点（旧））：请只保留要导入的那一个');
	});

	it('without a sheet that has the header, reads the one named like the ledger, so its missing columns are named', () => {
		const shaped = shapeLedger(sites, [notes, { name: '采样点', rows: [['编号', '名称'], ['S-1', '点']] }]);
		expect(shaped.shape.sheet).toBe('采样点');
		expect(validateLedger(sites, shaped.table).fileErrors).toContain('column 类型 (kind) is missing');
	});
});

describe('shapeLedger', () => {
	it('reads a two-row header (隔离信息 merged over 开始日期 and 计划结束日期, the other names merged down both rows) as one', () => {
		const households = householdsLedger as LedgerDefinition<unknown>;
		// A merged cell reads as its value in every cell it covers, as the workbook reader gives it.
		const upper = ['户编号', '街道', '村', '管控措施', '人数', '隔离信息', '隔离信息', '户主姓名'];
		const lower = ['户编号', '街道', '村', '管控措施', '人数', '开始日期', '计划结束日期', '户主姓名'];
		const row = ['H-1', '城门街道', '红旗村', '居家健康监测', 3, typed('2026-11-20T00:00:00', 'yyyy/m/d'), typed('2026-11-27T00:00:00', 'yyyy/m/d'), '王芳'];
		const shaped = shapeLedger(households, [{ name: '户籍', rows: [[TITLE], upper, lower, row] }]);
		expect(shaped.shape).toMatchObject({ headerRow: 3, skipped: [{ row: 1, kind: 'title' }, { row: 2, kind: 'group', text: '户编号' }], ignoredColumns: [] });
		const checked = validateLedger(households, shaped.table);
		expect(checked.issues).toEqual([]);
		expect(checked.records).toEqual([{ row: 4, record: expect.objectContaining({ code: 'H-1', startDate: '2026-11-20', plannedEndDate: '2026-11-27' }) }]);
		expect(findHeaderRow(households, [upper, lower, row])).toMatchObject({ index: 0, rows: 2 });
	});

	it('does not take the first data row for a second header row', () => {
		expect(findHeaderRow(sites, [SITE_HEADERS, siteRow(1), siteRow(2)])).toMatchObject({ index: 0, rows: 1, complete: true });
	});

	it('quotes a skipped notes row with its phone and ID numbers masked, for the page, the CLI and the kept job alike', () => {
		const shaped = shapeLedger(sites, [{ name: '采样点', rows: [SITE_HEADERS, siteRow(1), ['备注：联系人身份证号360404199001011239 电话13912345678']] }]);
		expect(shaped.shape.skipped).toEqual([{ row: 3, kind: 'note', text: '备注：联系人身份证号360*************39 电话139******' }]);
	});

	it('names the columns that are no column of the ledger (负责人), which are not imported; 序号 only numbers the rows', () => {
		const shaped = shapeLedger(sites, [{ name: '采样点', rows: [[...SITE_HEADERS, '负责人'], [...siteRow(1), '王芳']] }]);
		expect(SITE_HEADERS).toContain('序号');
		expect(shaped.shape.ignoredColumns).toEqual(['负责人']);
		expect(validateLedger(sites, shaped.table).records).toHaveLength(1);
		expect(describeShape(shaped.shape)).toEqual([{ zh: '未导入的列（本台账没有此列）：负责人', en: 'columns not imported (not in this ledger): 负责人' }]);
	});

	it('reads an office\'s sheet: title, unit row, typed times, a totals row and notes, rows numbered as in Excel', () => {
		const sheet: RawSheet = {
			name: '采样点',
			rows: [
				[TITLE, TITLE, TITLE],
				['单位：个'],
				SITE_HEADERS,
				siteRow(1, typed('1899-12-30T08:00:00', 'h:mm'), typed('1899-12-30T18:00:00', 'h:mm')),
				[],
				siteRow(2, '８：３０', '17:00'),
				['合计', null, null, null, null, null, null, null, 4],
				['填表人：王芳', null, '审核人：李强'],
				['备注：开始时间为工作日']
			]
		};
		const shaped = shapeLedger(sites, [sheet, { name: '说明', rows: [['说明']] }]);
		expect(shaped.fileErrors).toEqual([]);
		expect(shaped.shape).toEqual({
			sheet: '采样点',
			sheets: ['采样点', '说明'],
			headerRow: 3,
			skipped: [
				{ row: 1, kind: 'title', text: TITLE },
				{ row: 2, kind: 'unit', text: '单位：个' },
				{ row: 7, kind: 'total', text: '合计' },
				{ row: 8, kind: 'note', text: '填表人：王芳' },
				{ row: 9, kind: 'note', text: '备注：开始时间为工作日' }
			],
			ignoredColumns: []
		});
		expect(shaped.table.rowNumbers).toEqual([4, 6]);
		const checked = validateLedger(sites, shaped.table);
		expect(checked.issues).toEqual([]);
		expect(checked.records.map(({ row, record }) => [row, (record as { opensAt: string }).opensAt, (record as { closesAt: string }).closesAt])).toEqual([
			[4, '08:00', '18:00'],
			[6, '08:30', '17:00']
		]);
		expect(describeShape(shaped.shape).map((line) => line.en)).toEqual([
			'read sheet 采样点 (of 2: 采样点, 说明)',
			'header on row 3',
			`skipped row 1 (title): ${TITLE}`,
			'skipped row 2 (unit): 单位：个',
			'skipped row 7 (total): 合计',
			'skipped row 8 (note): 填表人：王芳',
			'skipped row 9 (note): 备注：开始时间为工作日'
		]);
		expect(describeShape(shaped.shape)[1].zh).toBe('表头在第 3 行');
		expect(describeShape(shaped.shape)[4].zh).toBe('跳过第 7 行（合计行）：合计');
	});

	it('cuts a skipped row\'s text to 40 characters', () => {
		const long = '备注：' + '很'.repeat(60);
		const shaped = shapeLedger(sites, [{ name: null, rows: [SITE_HEADERS, [long]] }]);
		expect(shaped.shape.skipped).toEqual([{ row: 2, kind: 'note', text: long.slice(0, 40) }]);
		expect(shaped.shape).toMatchObject({ sheet: null, sheets: [], headerRow: 1 });
	});

	it('refuses an ID number a number cell damaged, in both languages, and takes an exact phone', () => {
		const headers = ['姓名', '身份证号', '电话', '返乡时间', '来源地', '来源地风险等级', '交通方式', '所属村'];
		const row = (id: SheetCell, phone: SheetCell, arrival: SheetCell): SheetCell[] => ['王芳', id, phone, arrival, '武汉', '低风险', '自驾', '红旗村'];
		const shaped = shapeLedger(returneesLedger as LedgerDefinition<unknown>, [
			{
				name: '返乡人员',
				rows: [
					headers,
					row(360404199001011011, 13800138000, typed('2026-11-29T18:20:00', 'yyyy/m/d h:mm')),
					row('11010519491231002X', 13800138001, typed('2026-11-29T00:00:00', 'yyyy/m/d')),
					row('110105194912310021', '1.38001E+10', '2026年11月29日 18:20')
				]
			}
		]);
		const checked = validateLedger(returneesLedger as LedgerDefinition<unknown>, shaped.table);
		// The report names personal cells masked, as every screen does.
		expect(checked.issues.map(describeIssue)).toEqual([
			`row 2, 身份证号: 3604**********1008 ${LOST_DIGITS}`,
			'row 4, 身份证号: 1101**********0021 is not a valid ID number: it has a wrong check character',
			`row 4, 电话: 1.3****E+10 ${LOST_DIGITS}`
		]);
		expect(ledgerIssueZh(LOST_DIGITS)).toBe('被存成了数字，末尾几位已丢失：请把该列设为文本格式后重新输入');
		// Row 3's arrival is a date cell: the start of that day, China time.
		expect(checked.records.map(({ row, record }) => [row, (record as { arrivalAt: string }).arrivalAt])).toEqual([[3, '2026-11-28T16:00:00.000Z']]);
	});
});
