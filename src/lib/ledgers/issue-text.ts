/**
 * A ledger problem in Chinese, for the ledger page. The parsers and checks write each problem once,
 * in English (what the CLI prints and API clients have always read: "215.3 is not a longitude");
 * they come from a fixed set of sentence forms, so the page turns each form into Chinese here
 * rather than every parser carrying two texts. A form not listed comes back null and the page shows
 * the English (a unit test feeds every column bad values, so a new form without Chinese is noticed).
 */

import type { SkippedRow, TableShape } from './table-shape';

const WHAT_ZH: Record<string, string> = {
	'staff code (import the staff first)': '工作人员工号（请先导入人员台账）',
	'site (import the sites first)': '采样点（请先导入采样点台账）',
	'vehicle (import the vehicles first)': '车辆（请先导入车辆台账）',
	'household of the register (import the households first)': '户（户籍与隔离台账中没有此户编号，请先导入户籍台账）'
};

const ID_NUMBER_ZH: Record<string, string> = {
	'must be 18 characters: 17 digits and a digit or X': '须为 18 位：17 位数字加一位数字或 X',
	'has no valid birth date': '出生日期无效',
	'has a wrong check character': '校验位不对'
};

const HOME_QUARANTINE_ZH: Record<string, string> = {
	'home quarantine is only for the five special categories': '居家隔离仅限五类特殊人群',
	'the home needs a separate room': '家中须有单独房间',
	'the home needs a separate bathroom': '家中须有单独卫生间'
};

/** Sentence forms, each with its Chinese; the first that matches wins. */
const FORMS: [RegExp, (...parts: string[]) => string | null][] = [
	[/^is required$/, () => '为必填项'],
	[/^appears already in row (\d+)$/, (row) => `与第 ${row} 行重复`],
	[/^is longer than (\d+) characters$/, (n) => `超过 ${n} 个字符`],
	[/^is not a valid code \(letters, digits and - _ \. \/ : only\)$/, () => '不是有效编号（只能使用字母、数字和 - _ . / :）'],
	[/^is not a whole number$/, () => '不是整数'],
	[/^must be between (\S+) and (\S+)$/, (min, max) => `须在 ${min} 到 ${max} 之间`],
	[/^is not a number$/, () => '不是数字'],
	[/^is not a longitude \(−180 to 180\)$/, () => '不是有效经度（−180 到 180）'],
	[/^is not a latitude \(−90 to 90\)$/, () => '不是有效纬度（−90 到 90）'],
	[/^must be one of (.+)$/, (choices) => `须为以下之一：${choices}`],
	[/^is not a coordinate system this import knows: WGS-84, GCJ-02 \(Amap, Tencent\), BD-09 \(Baidu\) or CGCS2000$/, () => '不是本系统认识的坐标系：须为 WGS-84、GCJ-02（高德、腾讯）、BD-09（百度）或 CGCS2000'],
	[/^must be 是 or 否 \(yes or no\)$/, () => '须填“是”或“否”'],
	[/^is not a date \(YYYY-MM-DD\)$/, () => '不是日期（格式 YYYY-MM-DD）'],
	[/^is not a date on the calendar$/, () => '不是日历上存在的日期'],
	[/^is not a time of day \(HH:MM\)$/, () => '不是时刻（格式 HH:MM）'],
	[/^is not a time of day \(00:00–24:00\)$/, () => '不是有效时刻（00:00–24:00）'],
	[/^is not a valid ID number: it (.+)$/, (problem) => (ID_NUMBER_ZH[problem] ? `不是有效的身份证号：${ID_NUMBER_ZH[problem]}` : null)],
	[/^is not a phone number \(11-digit mobile or area code and number\)$/, () => '不是电话号码（11 位手机号，或区号加号码）'],
	[/^"(.*)" (.+)$/, (part, rest) => {
		const zh = ledgerIssueZh(rest);
		return zh === null ? null : `“${part}”${zh}`;
	}],
	[/^must name at least one village$/, () => '须至少填写一个村'],
	[/^must be after 开始时间$/, () => '须晚于开始时间'],
	[/^a person works at a site or on a vehicle, not both$/, () => '一人只在采样点或车辆上工作，二者不能都填'],
	[/^is needed together with the other coordinate$/, () => '经度和纬度须同时填写'],
	[/^is required for (.+)$/, (measure) => `${measure}须填写此项`],
	[/^is before 开始日期$/, () => '早于开始日期'],
	[/^居家隔离 not allowed: (.+)$/, (refusal) => (HOME_QUARANTINE_ZH[refusal] ? `不能居家隔离：${HOME_QUARANTINE_ZH[refusal]}` : null)],
	[/^is not a date and time \(YYYY-MM-DD HH:MM(, China time)?\)$/, () => '不是日期时间（格式 YYYY-MM-DD HH:MM，北京时间）'],
	[/^is not a date and time on the calendar$/, () => '不是日历上存在的日期时间'],
	[/^is in the future$/, () => '晚于当前时间'],
	[/^is needed when 身份证号 is empty, so that a second registration of the same person is recognised$/, () => '身份证号为空时须填写电话，以便识别重复登记'],
	[/^is not a known village of (.+) \(import the households first\)$/, (township) => `不是${township}已登记的村（请先导入户籍台账）`],
	[/^is not a known village \(import the households first\)$/, () => '不是已登记的村（请先导入户籍台账）'],
	[/^is masked, as an export with personal data hidden shows it: import a full export, or type the real value$/, () => '是打码后的值（来自隐藏个人信息的导出）：请导入完整导出的文件，或填写真实值'],
	[/^is not a household of (.+) on the register$/, (village) => `不是${village}已登记的户（请核对户编号，或先导入户籍台账）`],
	[/^names villages in (\d+) townships: fill in 街道$/, (count) => `有 ${count} 个街道都有同名村，请填写街道`],
	[/^is not a boundary: a GeoJSON Polygon or MultiPolygon, or 经度,纬度 pairs separated by ;$/, () => '不是边界：须为 GeoJSON 多边形（Polygon / MultiPolygon），或以 ; 分隔的“经度,纬度”点列'],
	[/^needs at least 3 distinct points$/, () => '至少需要 3 个不同的点'],
	[/^is not a valid boundary: each ring needs at least 4 positions, closed, longitude within ±180 and latitude within ±90$/, () => '边界无效：每个环至少 4 个点且首尾相同，经度在 ±180、纬度在 ±90 以内'],
	[/^is too large: at most 50 rings of 2000 points each$/, () => '边界过大：最多 50 个环，每环最多 2000 个点'],
	[/^is before 划定时间$/, () => '早于划定时间'],
	[/^is only for a zone with 解除时间$/, () => '只在填写了解除时间时填写'],
	[/^(.+) is lifted already; a zone lifted cannot be changed$/, (name) => `“${name}”已解除，不能再修改`],
	[/^is not one of 老年、残疾、卧床、敬老院 \(aged, disabled, bedridden, care home\)$/, () => '不是老年、残疾、卧床、敬老院之一'],
	[/^is needed with 身份证号$/, () => '填写身份证号时须填写姓名'],
	[/^is beyond the household's (\d+) members \(人数 in the register\)$/, (n) => `超出该户人数（户籍台账登记 ${n} 人）`],
	[/^is not a known (.+)$/, (what) => (WHAT_ZH[what] ? `不是已登记的${WHAT_ZH[what]}` : null)],
	[/^was stored as a number and lost its last digits: format the column as text and type it again$/, () => '被存成了数字，末尾几位已丢失：请把该列设为文本格式后重新输入'],
	// Problems with the file as a whole.
	[/^the workbook has (\d+) sheets named like the ledger \((.*)\): keep only the one to import$/, (count, sheets) => `工作簿中有 ${count} 个工作表的名称都像是本台账（${sheets}）：请只保留要导入的那一个`],
	[/^the workbook has (\d+) sheets that could be the ledger \((.*)\): keep only one, or name the sheet to import (.+)$/, (count, sheets, name) => `工作簿中有 ${count} 个工作表都像是本台账（${sheets}）：请只保留一个，或把要导入的工作表命名为“${name}”`],
	[/^column (\S+) \((.+)\) is missing$/, (zh, en) => `缺少“${zh}”（${en}）列`],
	[/^columns (.+) and (.+) are the same column$/, (a, b) => `“${a}”与“${b}”是同一列`]
];

export function ledgerIssueZh(message: string): string | null {
	for (const [form, zh] of FORMS) {
		const match = form.exec(message);
		if (match) return zh(...match.slice(1));
	}
	return null;
}

/** The problem in the page's language: Chinese where its form is known, else as written. */
export function ledgerIssueText(message: string, locale: 'zh-CN' | 'en'): string {
	return locale === 'en' ? message : (ledgerIssueZh(message) ?? message);
}

/** What each kind of skipped row is called (table-shape.ts). */
export const SKIPPED_KIND_TEXT: Record<SkippedRow['kind'], { zh: string; en: string }> = {
	title: { zh: '标题', en: 'title' },
	blank: { zh: '空行', en: 'blank' },
	unit: { zh: '单位行', en: 'unit' },
	total: { zh: '合计行', en: 'total' },
	note: { zh: '备注行', en: 'note' },
	group: { zh: '分组表头', en: 'grouped header' }
};

/**
 * How a file's layout was read, in both languages, one line each: the sheet taken (when the
 * workbook has several), the header's row (when not the first), and every row skipped.
 */
export function describeShape(shape: TableShape): { zh: string; en: string }[] {
	const lines: { zh: string; en: string }[] = [];
	if (shape.sheet !== null && shape.sheets.length > 1) lines.push({ zh: `读取工作表“${shape.sheet}”（共 ${shape.sheets.length} 个：${shape.sheets.join('、')}）`, en: `read sheet ${shape.sheet} (of ${shape.sheets.length}: ${shape.sheets.join(', ')})` });
	if (shape.headerRow > 1) lines.push({ zh: `表头在第 ${shape.headerRow} 行`, en: `header on row ${shape.headerRow}` });
	if (shape.ignoredColumns.length > 0) lines.push({ zh: `未导入的列（本台账没有此列）：${shape.ignoredColumns.join('、')}`, en: `columns not imported (not in this ledger): ${shape.ignoredColumns.join(', ')}` });
	for (const row of shape.skipped) {
		const kind = SKIPPED_KIND_TEXT[row.kind];
		lines.push({ zh: `跳过第 ${row.row} 行（${kind.zh}）${row.text ? `：${row.text}` : ''}`, en: `skipped row ${row.row} (${kind.en})${row.text ? `: ${row.text}` : ''}` });
	}
	return lines;
}

/** An issue as the CLI prints it in Chinese: 第 14 行，经度：215.3 不是有效经度（…）. */
export function describeIssueZh(issue: { row: number; column: string; value: string; message: string }): string {
	const zh = ledgerIssueZh(issue.message) ?? issue.message;
	return `第 ${issue.row} 行，${issue.column}：${issue.value === '' ? '（空）' : issue.value} ${zh}`;
}
