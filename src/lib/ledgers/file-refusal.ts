/**
 * Files a ledger import cannot read, told apart by name and by their first bytes, each refused
 * with a bilingual message that says what the file is and what to do (Chinese first).
 *
 * `.xls` (Excel 97–2003, the default of older WPS installs) is refused, not read: the only BIFF
 * readers on the npm registry are SheetJS's `xlsx` 0.18.5, no longer published there by its
 * authors and open to two advisories when reading files (GHSA-4r6h-8v6p-xvw6 prototype pollution,
 * GHSA-5pgg-2g8v-p4x9 ReDoS), and third-party republishes of its later builds. Ledgers hold names,
 * ID numbers and homes; a save as .xlsx costs the office one step.
 */
export interface FileRefusal {
	code: 'old_excel' | 'wps_et' | 'word' | 'pdf' | 'other_spreadsheet' | 'not_a_workbook' | 'archive' | 'not_a_ledger_file';
	zh: string;
	en: string;
}

export const OLD_EXCEL: FileRefusal = {
	code: 'old_excel',
	zh: '这是旧版 Excel 97–2003 (.xls) 文件，请在 Excel 或 WPS 中「另存为」.xlsx 后再导入',
	en: 'This is an old Excel 97–2003 (.xls) file: save it as .xlsx in Excel or WPS and import that'
};

const WPS_ET: FileRefusal = {
	code: 'wps_et',
	zh: '这是 WPS 表格 (.et) 文件，请在 WPS 中「另存为」Excel 工作簿 (.xlsx) 后再导入',
	en: 'This is a WPS Spreadsheets (.et) file: save it as an Excel workbook (.xlsx) in WPS and import that'
};

const WORD: FileRefusal = {
	code: 'word',
	zh: '这是 Word / WPS 文字文档，不是表格：请把台账放在 Excel 或 WPS 表格中，保存为 .xlsx 后导入',
	en: 'This is a Word or WPS Writer document, not a spreadsheet: keep the ledger in Excel or WPS Spreadsheets and import it saved as .xlsx'
};

const PDF: FileRefusal = {
	code: 'pdf',
	zh: '这是 PDF 文件，无法读取其中的表格：请导入台账原来的 Excel 文件 (.xlsx) 或 .csv',
	en: 'This is a PDF file, whose tables cannot be read: import the ledger’s own Excel file (.xlsx) or a .csv'
};

const OTHER_SPREADSHEET: FileRefusal = {
	code: 'other_spreadsheet',
	zh: '这种表格格式（.ods / .numbers / .xlsb / .xlsm 等）不能导入：请「另存为」Excel 工作簿 (.xlsx) 后再导入',
	en: 'This spreadsheet format (.ods, .numbers, .xlsb, .xlsm …) cannot be imported: save it as an Excel workbook (.xlsx) and import that'
};

const NOT_A_WORKBOOK: FileRefusal = {
	code: 'not_a_workbook',
	zh: '文件名是 .xlsx，但内容不是 Excel 工作簿（可能是改了扩展名的其他文件）：请在 Excel 或 WPS 中打开并「另存为」.xlsx',
	en: 'The file is named .xlsx but is not an Excel workbook (perhaps another file renamed): open it in Excel or WPS and save it as .xlsx'
};

const ARCHIVE: FileRefusal = {
	code: 'archive',
	zh: '这是压缩包，不是表格：请先解压，再导入其中的 .xlsx 或 .csv 文件',
	en: 'This is a compressed archive, not a spreadsheet: unpack it and import the .xlsx or .csv inside'
};

export const NOT_A_LEDGER_FILE: FileRefusal = {
	code: 'not_a_ledger_file',
	zh: '只能导入 Excel 工作簿 (.xlsx) 或 .csv 文件',
	en: 'Only Excel workbooks (.xlsx) and .csv files can be imported'
};

const BY_EXTENSION: Record<string, FileRefusal> = {
	xls: OLD_EXCEL,
	xlt: OLD_EXCEL,
	et: WPS_ET,
	ett: WPS_ET,
	doc: WORD,
	docx: WORD,
	wps: WORD,
	rtf: WORD,
	pdf: PDF,
	ods: OTHER_SPREADSHEET,
	numbers: OTHER_SPREADSHEET,
	xlsb: OTHER_SPREADSHEET,
	xlsm: OTHER_SPREADSHEET,
	zip: ARCHIVE,
	rar: ARCHIVE,
	'7z': ARCHIVE
};

/** A file refused by its name alone (before any of it is read); null for .csv and .xlsx. */
export function refusalOfName(name: string): FileRefusal | null {
	const match = name.toLowerCase().trim().match(/\.([a-z0-9]+)$/);
	const extension = match?.[1] ?? '';
	if (extension === 'csv' || extension === 'xlsx') return null;
	return BY_EXTENSION[extension] ?? NOT_A_LEDGER_FILE;
}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((byte, index) => bytes[index] === byte);
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d];
const RAR = [0x52, 0x61, 0x72, 0x21];
const SEVEN_ZIP = [0x37, 0x7a, 0xbc, 0xaf];

/** Whether the bytes hold `text` in ASCII, or in UTF-16LE as an OLE2 directory names its streams. */
function contains(bytes: Uint8Array, text: string, utf16 = false): boolean {
	const needle = utf16 ? [...text].flatMap((char) => [char.charCodeAt(0), 0]) : [...text].map((char) => char.charCodeAt(0));
	for (let at = bytes.indexOf(needle[0]); at >= 0 && at <= bytes.length - needle.length; at = bytes.indexOf(needle[0], at + 1)) {
		let index = 1;
		while (index < needle.length && bytes[at + index] === needle[index]) index++;
		if (index === needle.length) return true;
	}
	return false;
}

/**
 * A file refused by what it holds, whatever its name says: an .xls (OLE2) renamed .xlsx or .csv, a
 * Word or PDF file, a zip that is no workbook. Null when the content fits the format.
 */
export function refusalOfContent(bytes: Uint8Array, format: 'csv' | 'xlsx'): FileRefusal | null {
	if (startsWith(bytes, OLE2)) {
		// An OLE2 compound file: Excel 97–2003 and WPS .et keep a Workbook (or Book) stream, Word a WordDocument one.
		if (contains(bytes, 'WordDocument', true)) return WORD;
		return OLD_EXCEL;
	}
	if (startsWith(bytes, PDF_MAGIC)) return PDF;
	if (startsWith(bytes, RAR) || startsWith(bytes, SEVEN_ZIP)) return ARCHIVE;
	if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) {
		// A zip's member names are stored as they are: an Excel workbook has xl/workbook.xml (xl/workbook.bin in .xlsb).
		if (contains(bytes, 'xl/workbook.xml')) return format === 'xlsx' ? null : NOT_A_WORKBOOK_CSV;
		if (contains(bytes, 'xl/workbook.bin')) return OTHER_SPREADSHEET;
		if (contains(bytes, 'word/document.xml')) return WORD;
		if (contains(bytes, 'application/vnd.oasis.opendocument.spreadsheet') || contains(bytes, 'Index/Document.iwa')) return OTHER_SPREADSHEET;
		return format === 'xlsx' ? NOT_A_WORKBOOK : ARCHIVE;
	}
	return null;
}

const NOT_A_WORKBOOK_CSV: FileRefusal = {
	code: 'not_a_workbook',
	zh: '文件名是 .csv，但内容是 Excel 工作簿：请把文件名改回 .xlsx 后再导入',
	en: 'The file is named .csv but is an Excel workbook: name it .xlsx again and import that'
};

/** One line, Chinese first: what an error carries across a worker thread and the CLI prints. */
export const refusalText = (refusal: FileRefusal): string => `${refusal.zh} / ${refusal.en}`;

/**
 * The half of a bilingual "中文 / English" line for a page's language; any other text as it is.
 * Returns null when the text is not such a line.
 */
export function bilingualPart(text: string, locale: 'zh-CN' | 'en'): string | null {
	const separator = text.indexOf(' / ');
	if (separator < 0) return null;
	const zh = text.slice(0, separator);
	const en = text.slice(separator + 3);
	if (!/[\u4e00-\u9fff]/.test(zh) || /[\u4e00-\u9fff]/.test(en)) return null;
	return locale === 'en' ? en : zh;
}
