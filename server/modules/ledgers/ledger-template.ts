/**
 * A blank ledger to fill in (空白模板): the ledger's headers, and every column that holds a code,
 * an ID number, a phone or other text formatted as text ('@') for the whole column, so that an
 * 18-digit ID number or an 11-digit phone typed into it keeps every digit (typed into a General
 * column, Excel keeps 15 significant digits and shows 3.60404E+17). Numeric columns (经度, 人数 …)
 * stay General. The text columns' headers carry a note saying so in Chinese and English.
 */
import type ExcelJS from 'exceljs';
import { LEDGERS, type LedgerKind } from '../../../src/lib/ledgers/definitions';
import type { LedgerColumn, LedgerDefinition } from '../../../src/lib/ledgers/ledger';
import { code, idNumber, phone, yesNo } from '../../../src/lib/ledgers/fields';

/** The values a column takes from a fixed list (类型, 混采, 是/否 …), as the template's drop-down offers them; null for free columns. */
export function listedValues(column: LedgerColumn): string[] | null {
	if (column.parse === yesNo) return ['是', '否'];
	const labels = (column.parse as { labels?: Record<string, string> }).labels;
	return labels ? Object.values(labels) : null;
}

/** Rows of the template that carry the formats and drop-downs (a ledger of a township is far smaller). */
const TEMPLATE_ROWS = 5000;

/** ExcelJS writes data validations for ranges ('C2:C5001'), though its types leave the collection out. */
interface WithValidations {
	dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/** A column whose cells are numbers: its parser reads "1" as a number. Every other column is text in the template. */
export function isNumericColumn(column: LedgerColumn): boolean {
	const parsed = column.parse('1') as { ok: boolean; value?: unknown };
	return parsed.ok && typeof parsed.value === 'number';
}

/** Columns a spreadsheet would damage as numbers: ID numbers, phones, codes (户编号, 定位终端号 …) and other numbers kept as text (准运证号). */
export function isLongDigitColumn(column: LedgerColumn): boolean {
	return column.personal === 'idNumber' || column.personal === 'phone' || column.parse === idNumber || column.parse === phone || column.parse === code || /Number$/.test(column.key);
}

/** Width in characters: a Chinese character takes two. */
export function displayWidth(text: string): number {
	let width = 0;
	for (const char of text) width += /[\u2e80-\u9fff\uff00-\uffef]/.test(char) ? 2 : 1;
	return width;
}

const TEXT_NOTE_ZH = '本列已设为文本格式：身份证号、电话、编号等请直接输入，不要改为数字或常规格式，否则长数字会丢失末位。';
const TEXT_NOTE_EN = 'This column is formatted as text: type ID numbers, phones and codes as they are; a number format would lose the last digits of a long number.';

export async function writeLedgerTemplate(kind: LedgerKind, headers: 'zh' | 'en' = 'zh'): Promise<Buffer> {
	const definition = LEDGERS[kind] as LedgerDefinition<unknown>;
	const Excel = (await import('exceljs')).default as typeof ExcelJS;
	const workbook = new Excel.Workbook();
	const sheet = workbook.addWorksheet(definition.zh, { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = definition.columns.map((column) => {
		const header = column[headers];
		const text = !isNumericColumn(column);
		// Wide enough for the header (bold, with the filter arrow) and for an 18-digit ID number in the long-digit columns.
		const width = Math.max(10, displayWidth(header) + 4, column.personal === 'idNumber' ? 22 : isLongDigitColumn(column) ? 14 : 0);
		return { header, key: column.key, width, style: text ? { numFmt: '@' } : {} };
	});
	const headerRow = sheet.getRow(1);
	headerRow.font = { bold: true };
	definition.columns.forEach((column, index) => {
		const cell = headerRow.getCell(index + 1);
		// The header cell itself stays General; only the cells below are text.
		cell.numFmt = 'General';
		if (!isNumericColumn(column) && isLongDigitColumn(column)) cell.note = `${TEXT_NOTE_ZH}\n${TEXT_NOTE_EN}`;
		// A column of fixed values offers them as a drop-down; another value typed in is warned about, not blocked
		// (the import reads a few other forms too, such as 10:1 for 10合1, and says what is wrong with the rest).
		const values = listedValues(column);
		if (values && values.join(',').length <= 250) {
			const letter = sheet.getColumn(index + 1).letter;
			(sheet as unknown as WithValidations).dataValidations.add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, {
				type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`], showErrorMessage: true, errorStyle: 'warning',
				errorTitle: '不在可选值中 / Not a listed value', error: `可选：${values.join('、')}\nAllowed: ${values.join(', ')}`
			});
		}
	});
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
