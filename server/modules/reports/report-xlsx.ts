/** The daily report as a workbook (日报-<day>.xlsx): sheets 采样点 / 街道 / 实验室 / 隔离 with Chinese headers, and 说明 (state, amendments). */
import type { DayReportView } from './read-reports';
import { SECTIONS } from '../../../src/lib/reports/report-columns';
import { chinaDateTime } from '../../../src/lib/china-time';

export async function reportWorkbook(view: DayReportView): Promise<Buffer> {
	const ExcelJS = (await import('exceljs')).default;
	const book = new ExcelJS.Workbook();
	book.created = new Date(view.generatedAt);
	for (const section of SECTIONS) {
		const sheet = book.addWorksheet(section.zh);
		sheet.addRow(section.columns.map((column) => column.zh)).font = { bold: true };
		for (const row of section.rows(view.report)) sheet.addRow(section.columns.map((column) => column.cell(row, view.names)));
		if (section.total) sheet.addRow(section.total(view.report)).font = { bold: true };
		section.columns.forEach((column, index) => {
			const excelColumn = sheet.getColumn(index + 1);
			excelColumn.width = Math.max(10, column.zh.length * 2 + 4);
			if (column.percent) excelColumn.numFmt = '0.0%';
		});
		sheet.views = [{ state: 'frozen', ySplit: 1 }];
	}
	const about = book.addWorksheet('说明');
	about.addRow(['日期', view.day]);
	about.addRow(['状态', view.state === 'locked' ? `已于 ${chinaDateTime(view.lockedAt!)} 锁定（北京时间）` : `未锁定，截至 ${chinaDateTime(view.generatedAt)} 的实时数字`]);
	about.addRow(['更正次数', view.amendments.length]);
	view.amendments.forEach((amendment, index) => about.addRow([`更正 ${index + 1}`, `${chinaDateTime(amendment.at)} ${amendment.by}：${amendment.reason}（${amendment.changes.length} 项）`]));
	about.getColumn(1).width = 12;
	about.getColumn(2).width = 60;
	return Buffer.from(await book.xlsx.writeBuffer());
}
