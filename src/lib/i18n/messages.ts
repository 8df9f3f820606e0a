/** UI messages. zh-CN is the default; English is switchable with ?lang=en. */
import { wallEn, wallZh } from './wall.messages';
import { sitesEn, sitesZh } from './sites.messages';
import { forecastEn, forecastZh } from './forecast.messages';
import { dispatchEn, dispatchZh } from './dispatch.messages';
import { navigationEn, navigationZh } from './navigation.messages';
import { quarantineEn, quarantineZh } from './quarantine.messages';
import { quarantineFieldEn, quarantineFieldZh } from './quarantine-field.messages';
import { zonesEn, zonesZh } from './zones.messages';
import { timetableEn, timetableZh } from './timetable.messages';
import { doorVisitsEn, doorVisitsZh } from './door-visits.messages';
import { coverageEn, coverageZh } from './coverage.messages';
import { alertsEn, alertsZh } from './alerts.messages';
import { resultsEn, resultsZh } from './results.messages';
import { reportsEn, reportsZh } from './reports.messages';
import { ledgersEn, ledgersZh } from './ledgers.messages';
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const zhCN = {
	'wall.title': '指挥中心大屏',
	'kpi.peopleQueueing': '排队人数',
	'kpi.tubesToday': '今日采样管数',
	'kpi.peopleSampledToday': '今日已采样人数',
	'kpi.couriersOnRoad': '在途送样车',
	'status.connecting': '正在连接…',
	'status.live': '实时',
	'status.staleSince': '数据已停止更新，自',
	'status.storageDegraded': '数据库暂不可用：实时数据照常显示，记录暂存于事件流，恢复后自动补存',
	'status.backlog': '数据处理积压，待处理事件',
	'map.approximate': '位置为示意，非精确坐标',
	'map.schematicBasemap': '示意底图',
	'map.schematicBasemapHint': '村域为按采样点划分的示意区域，非真实边界；接入真实底图见 README（BASEMAP=pmtiles:…）',
	'legend.idle': '空闲 (<15分钟)',
	'legend.normal': '正常 (<30分钟)',
	'legend.busy': '繁忙 (<60分钟)',
	'legend.crowded': '拥挤 (≥60分钟)',
	'legend.courier': '送样车',
	'legend.title': '采样点预计等待',
	'home.title': '全员核酸检测指挥调度',
	'home.wall': '打开指挥中心大屏',
	'dataTime': '数据时间',
	'home.ledgers': '台账导入导出',
	'home.login': '登录',
	'wall.refused': '大屏无法连接',
	'login.title': '登录',
	'login.username': '用户名',
	'login.password': '密码',
	'login.submit': '登录',
	'login.wrong': '用户名或密码错误。',
	'login.throttledSeconds': '登录失败次数过多，请 {n} 秒后再试。',
	'login.throttledMinutes': '登录失败次数过多，请 {n} 分钟后再试。',
	'login.busy': '登录请求过多，请稍后再试。',
	'setup.title': '创建首个管理员',
	'setup.submit': '创建管理员',
	'setup.done': '管理员已创建，请登录。',
	'ledgers.title': '台账导入导出',
	'ledgers.kind': '台账类型',
	'ledgers.crs': '坐标系',
	'ledgers.check': '检查',
	'ledgers.import': '导入',
	'ledgers.importGood': '仅导入正确的行',
	'ledgers.export': '导出',
	'ledgers.exportHint': '导出的个人信息（姓名、身份证号、电话、住址）默认脱敏；管理员可完整导出，每次完整导出都会记入审计日志。',
	'ledgers.fullExport': '完整导出（管理员，记入审计）',
	'ledgers.rows': '行数',
	'ledgers.good': '正确',
	'ledgers.bad': '有问题',
	'ledgers.created': '新增',
	'ledgers.updated': '更新',
	'ledgers.unchanged': '未变',
	'ledgers.row': '行',
	'ledgers.column': '列',
	'ledgers.value': '值',
	'ledgers.problem': '问题',
	'ledgers.phase.receiving': '上传中：{done} / {total} MB',
	'ledgers.phase.parsing': '读取文件中…',
	'ledgers.phase.validating': '校验中：第 {done} / {total} 行',
	'ledgers.phase.writing': '写入中：{done} / {total} 行',
	'ledgers.phase.done': '完成',
	'ledgers.uploadFailed': '上传失败，请检查网络后重试',
	'ledgers.moreIssues': '另有 {count} 个问题未列出（共 {total} 个）',
	'ledgers.jobFailed': '文件无法读取或未能导入（{reason}）',
	'ledgers.outsideTitle': '{count} 行的坐标在本县范围之外（请核对经纬度是否填错或颠倒）',
	'ledgers.outsideRow': '第 {row} 行：{value} 在本县范围外约 {km} 公里',
	'ledgers.outsideLocation': '（住户位置不显示）',
	'ledgers.confirmOutside': '已核对，仍按原坐标导入这些行',
	'ledgers.outsideHeld': '未确认前，这些行不会导入。',
	'ledgers.outsideConfirmed': '已确认：这些行按原坐标导入。',
	...wallZh,
	...ledgersZh,
	...sitesZh,
	...forecastZh,
	...dispatchZh,
	...navigationZh,
	...quarantineZh,
	...quarantineFieldZh,
	...coverageZh,
	...reportsZh,
	...zonesZh,
	...timetableZh,
	...doorVisitsZh,
	...alertsZh,
	...resultsZh
} as const;

export type MessageKey = keyof typeof zhCN;

const en: Record<MessageKey, string> = {
	'wall.title': 'Command centre wall',
	'kpi.peopleQueueing': 'People queueing',
	'kpi.tubesToday': 'Tubes today',
	'kpi.peopleSampledToday': 'People sampled today',
	'kpi.couriersOnRoad': 'Couriers on the road',
	'status.connecting': 'Connecting…',
	'status.live': 'Live',
	'status.staleSince': 'Data stale since',
	'status.storageDegraded': 'Database unavailable: live data continues, records wait in the event log and are saved when it returns',
	'status.backlog': 'Processing is behind; events waiting:',
	'map.approximate': 'Positions are schematic, not exact',
	'map.schematicBasemap': 'Schematic basemap',
	'map.schematicBasemapHint': 'Village areas are drawn around the sampling sites, not real boundaries; to bring in a real map see the README (BASEMAP=pmtiles:…)',
	'legend.idle': 'Idle (<15 min)',
	'legend.normal': 'Normal (<30 min)',
	'legend.busy': 'Busy (<60 min)',
	'legend.crowded': 'Crowded (≥60 min)',
	'legend.courier': 'Courier',
	'legend.title': 'Expected wait at sites',
	'home.title': 'Mass PCR testing command centre',
	'home.wall': 'Open the command-centre wall',
	'dataTime': 'Data time',
	'home.ledgers': 'Import and export ledgers',
	'home.login': 'Sign in',
	'wall.refused': 'The wall cannot connect',
	'login.title': 'Sign in',
	'login.username': 'Username',
	'login.password': 'Password',
	'login.submit': 'Sign in',
	'login.wrong': 'Wrong username or password.',
	'login.throttledSeconds': 'Too many failed sign-ins; try again in {n} s.',
	'login.throttledMinutes': 'Too many failed sign-ins; try again in {n} min.',
	'login.busy': 'Too many sign-ins at once; try again in a moment.',
	'setup.title': 'Create the first admin',
	'setup.submit': 'Create admin',
	'setup.done': 'The admin exists now; sign in.',
	'ledgers.title': 'Ledgers',
	'ledgers.kind': 'Ledger',
	'ledgers.crs': 'Coordinates',
	'ledgers.check': 'Check',
	'ledgers.import': 'Import',
	'ledgers.importGood': 'Import only the good rows',
	'ledgers.export': 'Export',
	'ledgers.exportHint': 'Personal data (names, ID numbers, phones, addresses) is masked in exports; an admin may export it in full, and every full export is audited.',
	'ledgers.fullExport': 'full export (admin, audited)',
	'ledgers.rows': 'Rows',
	'ledgers.good': 'good',
	'ledgers.bad': 'with problems',
	'ledgers.created': 'Created',
	'ledgers.updated': 'updated',
	'ledgers.unchanged': 'unchanged',
	'ledgers.row': 'Row',
	'ledgers.column': 'Column',
	'ledgers.value': 'Value',
	'ledgers.problem': 'Problem',
	'ledgers.phase.receiving': 'Uploading: {done} / {total} MB',
	'ledgers.phase.parsing': 'Reading the file…',
	'ledgers.phase.validating': 'Checking: row {done} of {total}',
	'ledgers.phase.writing': 'Writing: {done} of {total} rows',
	'ledgers.phase.done': 'Done',
	'ledgers.uploadFailed': 'The upload failed; check the network and try again',
	'ledgers.moreIssues': '{count} more problems not listed ({total} in all)',
	'ledgers.jobFailed': 'The file could not be read or imported ({reason})',
	'ledgers.outsideTitle': '{count} rows have coordinates outside the county (check that longitude and latitude are right and not swapped)',
	'ledgers.outsideRow': 'Row {row}: {value} lies about {km} km outside the county',
	'ledgers.outsideLocation': '(a household location, not shown)',
	'ledgers.confirmOutside': 'Checked: import these rows with their coordinates as they are',
	'ledgers.outsideHeld': 'These rows are not imported until you confirm them.',
	'ledgers.outsideConfirmed': 'Confirmed: these rows are imported with their coordinates as they are.',
	...wallEn,
	...ledgersEn,
	...sitesEn,
	...forecastEn,
	...dispatchEn,
	...navigationEn,
	...quarantineEn,
	...quarantineFieldEn,
	...coverageEn,
	...reportsEn,
	...zonesEn,
	...timetableEn,
	...doorVisitsEn,
	...alertsEn,
	...resultsEn
};

const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** A message by key, with {placeholders} filled from values. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
	const catalogue = catalogues[locale];
	return (key, values) => (values ? catalogue[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? '')) : catalogue[key]);
}

export function localeFrom(search: URLSearchParams): Locale {
	return search.get('lang') === 'en' ? 'en' : 'zh-CN';
}
