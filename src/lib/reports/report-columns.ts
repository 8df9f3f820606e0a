/**
 * What the daily report shows, once, for every renderer (the printable page, its PDF, the XLSX):
 * each section's headers in Chinese (and English) and how a cell reads. Places and labs by name,
 * never a person.
 */
import type { DailyReport, LabDayRow, SiteDayRow, TownshipDayRow } from '../domain/daily-report';

export type Cell = string | number | null;
export interface Column<Row> {
	zh: string;
	en: string;
	cell: (row: Row, names: Record<string, string>) => Cell;
	/** Shares (0–1) print as a percentage. */
	percent?: boolean;
	/** A name, not a figure: left-aligned. */
	text?: boolean;
}
export interface Section<Row> {
	key: 'sites' | 'townships' | 'labs' | 'quarantine';
	zh: string;
	en: string;
	columns: Column<Row>[];
	rows: (report: DailyReport) => Row[];
	/** The 合计 row, where one adds up. */
	total?: (report: DailyReport) => Cell[];
}

const name = (id: string, names: Record<string, string>) => names[id] ?? id;

export const poolingLabel = (pooling: number | null) => (pooling === null ? '—' : pooling <= 1 ? '1:1 单采' : `${pooling}:1`);

const siteSection: Section<SiteDayRow> = {
	key: 'sites', zh: '采样点', en: 'Sampling sites',
	columns: [
		{ text: true, zh: '采样点', en: 'Site', cell: (row, names) => name(row.siteId, names) },
		{ text: true, zh: '街道', en: 'Township', cell: (row, names) => name(row.townshipId, names) },
		{ zh: '采样人数', en: 'People sampled', cell: (row) => row.people },
		{ zh: '管数', en: 'Tubes', cell: (row) => row.tubes },
		{ zh: '箱数', en: 'Boxes', cell: (row) => row.boxes },
		{ zh: '混采方式（人/管）', en: 'Pooling (people per tube)', cell: (row) => poolingLabel(row.pooling) }
	],
	rows: (report) => report.sites,
	total: (report) => ['合计', '', report.totals.people, report.totals.tubes, report.totals.boxes, report.totals.tubes > 0 ? poolingLabel(Math.round((report.totals.people / report.totals.tubes) * 10) / 10) : '—']
};

const townshipSection: Section<TownshipDayRow> = {
	key: 'townships', zh: '街道', en: 'Townships',
	columns: [
		{ text: true, zh: '街道', en: 'Township', cell: (row, names) => name(row.townshipId, names) },
		{ zh: '花名册人数', en: 'Registered', cell: (row) => row.registered },
		{ zh: '已采样人数', en: 'Sampled', cell: (row) => row.sampled },
		{ zh: '覆盖率', en: 'Coverage', cell: (row) => row.coverage, percent: true },
		{ zh: '未采样人数', en: 'Not yet sampled', cell: (row) => row.gapsLeft }
	],
	rows: (report) => report.townships,
	total: (report) => {
		const registered = report.townships.reduce((sum, row) => sum + row.registered, 0);
		const sampled = report.townships.reduce((sum, row) => sum + row.sampled, 0);
		return ['合计', registered, sampled, registered > 0 ? Math.round((sampled / registered) * 1000) / 1000 : 0, registered - sampled];
	}
};

const labSection: Section<LabDayRow> = {
	key: 'labs', zh: '实验室', en: 'Labs',
	columns: [
		{ text: true, zh: '实验室', en: 'Lab', cell: (row, names) => name(row.labId, names) },
		{ zh: '收样管数', en: 'Tubes received', cell: (row) => row.received },
		{ zh: '检测管数', en: 'Tubes tested', cell: (row) => row.tested },
		{ zh: '阳性管数', en: 'Positive tubes', cell: (row) => row.positives },
		{ zh: '待检管数', en: 'Pending', cell: (row) => row.pending },
		{ zh: '采样至出结果中位时长（小时）', en: 'Median sampling → result (h)', cell: (row) => (row.medianTurnaroundMinutes === null ? '—' : Math.round(row.medianTurnaroundMinutes / 6) / 10) }
	],
	rows: (report) => report.labs,
	total: (report) => ['合计', report.totals.received, report.totals.tested, report.totals.positives, report.totals.pending, '']
};

export interface QuarantineRow {
	zh: string;
	en: string;
	value: number;
}
const quarantineSection: Section<QuarantineRow> = {
	key: 'quarantine', zh: '隔离', en: 'Quarantine',
	columns: [
		{ text: true, zh: '项目', en: 'Item', cell: (row) => row.zh },
		{ zh: '人数', en: 'People', cell: (row) => row.value }
	],
	rows: ({ quarantine: q }) => [
		{ zh: '集中隔离（24时在管）', en: 'Centralised quarantine (at 24:00)', value: q.byMeasure.centralised },
		{ zh: '居家隔离（24时在管）', en: 'Home quarantine (at 24:00)', value: q.byMeasure.home_quarantine },
		{ zh: '居家健康监测（24时在管）', en: 'Home health monitoring (at 24:00)', value: q.byMeasure.home_monitoring },
		{ zh: '自我健康监测（24时在管）', en: 'Self health monitoring (at 24:00)', value: q.byMeasure.health_monitoring },
		{ zh: '当日新增', en: 'New today', value: q.new },
		{ zh: '当日解除', en: 'Released today', value: q.released },
		{ zh: '当日发热或有症状', en: 'Fever or symptoms today', value: q.fevers }
	]
};

export const SECTIONS = [siteSection, townshipSection, labSection, quarantineSection] as unknown as Section<unknown>[];

/** A cell as printed: a share as 98.0 %, a number with thousands separators. */
export function printCell(value: Cell, percent = false): string {
	if (value === null) return '—';
	if (typeof value === 'number') return percent ? `${(value * 100).toFixed(1)}%` : value.toLocaleString('zh-CN');
	return value;
}

/** A changed field as a person reads it (amendment lists). */
export const FIELD_ZH: Record<string, string> = {
	people: '采样人数', tubes: '管数', boxes: '箱数', pooling: '混采方式', registered: '花名册人数', sampled: '已采样人数', coverage: '覆盖率', gapsLeft: '未采样人数',
	received: '收样管数', tested: '检测管数', positives: '阳性管数', pending: '待检管数', medianTurnaroundMinutes: '中位时长（分钟）',
	'byMeasure.centralised': '集中隔离', 'byMeasure.home_quarantine': '居家隔离', 'byMeasure.home_monitoring': '居家健康监测', 'byMeasure.health_monitoring': '自我健康监测',
	new: '当日新增', released: '当日解除', fevers: '当日发热或有症状', '*': '整行'
};

export const FIELD_EN: Record<string, string> = {
	people: 'People sampled', tubes: 'Tubes', boxes: 'Boxes', pooling: 'Pooling', registered: 'Registered', sampled: 'Sampled', coverage: 'Coverage', gapsLeft: 'Not yet sampled',
	received: 'Tubes received', tested: 'Tubes tested', positives: 'Positive tubes', pending: 'Pending', medianTurnaroundMinutes: 'Median turnaround (min)',
	'byMeasure.centralised': 'Centralised quarantine', 'byMeasure.home_quarantine': 'Home quarantine', 'byMeasure.home_monitoring': 'Home health monitoring', 'byMeasure.health_monitoring': 'Self health monitoring',
	new: 'New today', released: 'Released today', fevers: 'Fever or symptoms today', '*': 'Whole row'
};
