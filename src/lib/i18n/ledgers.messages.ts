/** The ledger page (/ledgers): how a file was read (sheet, header row, rows skipped), templates, which files it takes. */
export const ledgersZh = {
	'ledgers.fileHint': '可导入 Excel 工作簿 (.xlsx) 或 .csv 文件；旧版 .xls 请先在 Excel 或 WPS 中「另存为」.xlsx。',
	'ledgers.template': '空白模板',
	'ledgers.templateHint': '空白模板中的身份证号、电话和编号列已设为文本格式，直接输入即可，长数字不会丢失末位。',
	'ledgers.shape.sheet': '读取工作表「{sheet}」',
	'ledgers.shape.otherSheets': '（文件中另有：{sheets}）',
	'ledgers.shape.headerRow': '第 {row} 行作为表头',
	'ledgers.shape.skipped': '跳过 {count} 行（不是数据）',
	'ledgers.shape.skippedRow': '第 {row} 行',
	'ledgers.shape.ignoredColumns': '未导入的列（本台账没有此列）：{columns}',
	'ledgers.newRegions': '导入后将新增的街道/村（请核对名称是否有误）：{places}',
	'ledgers.newRegionsAdded': '已新增的街道/村：{places}',
	'ledgers.skip.title': '标题行',
	'ledgers.skip.blank': '空行',
	'ledgers.skip.unit': '单位行',
	'ledgers.skip.total': '合计行',
	'ledgers.skip.note': '备注行',
	'ledgers.skip.group': '分组表头（与下一行合为表头）'
};

export const ledgersEn: Record<keyof typeof ledgersZh, string> = {
	'ledgers.fileHint': 'Excel workbooks (.xlsx) and .csv files; save an old .xls as .xlsx in Excel or WPS first.',
	'ledgers.template': 'blank template',
	'ledgers.templateHint': 'In a blank template the ID-number, phone and code columns are formatted as text: type into them as they are and long numbers keep every digit.',
	'ledgers.shape.sheet': 'Read the sheet “{sheet}”',
	'ledgers.shape.otherSheets': ' (the file also has: {sheets})',
	'ledgers.shape.headerRow': 'row {row} taken as the header',
	'ledgers.shape.skipped': 'Skipped {count} rows that are not data',
	'ledgers.shape.skippedRow': 'Row {row}',
	'ledgers.shape.ignoredColumns': 'Columns not imported (not in this ledger): {columns}',
	'ledgers.newRegions': 'Importing adds these townships / villages (check the spelling): {places}',
	'ledgers.newRegionsAdded': 'Townships / villages added: {places}',
	'ledgers.skip.title': 'title row',
	'ledgers.skip.blank': 'blank row',
	'ledgers.skip.unit': 'unit row',
	'ledgers.skip.total': 'totals row',
	'ledgers.skip.note': 'notes row',
	'ledgers.skip.group': 'grouped header (read with the row below)'
};
