/** The daily report's refusals (zh/en) and the amendment request's schema. */
import { z } from 'zod';
import { serviceErrors } from '../service-error';

export const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const refuseReport = serviceErrors({
	bad_day: { kind: 'invalid', text: ({ day }: { day: string }) => ({ zh: `日期“${day}”无效，请写成 2026-11-30 的格式`, en: `"${day}" is not a date; write it as 2026-11-30` }) },
	no_report: { kind: 'not_found', text: ({ day }: { day: string }) => ({ zh: `${day} 没有任何采样、检测或隔离数据，没有日报`, en: `there is no sampling, testing or quarantine data for ${day}, so no daily report` }) },
	day_not_over: { kind: 'conflict', text: ({ day }: { day: string }) => ({ zh: `${day} 的日报在当日 24:00（北京时间）锁定，尚未锁定，无需更正：数字仍在实时更新`, en: `the report of ${day} locks at 24:00 China time and is not locked yet; nothing to amend, its figures are still live` }) },
	no_reason: { kind: 'invalid', text: () => ({ zh: '更正日报须填写原因，未作任何更改', en: 'an amendment needs a reason; nothing was changed' }) },
	no_change: { kind: 'unprocessable', text: () => ({ zh: '所填数字与现行日报相同，没有可更正的内容，未作任何更改', en: 'the figures given are those of the report in force; there is nothing to amend, nothing was changed' }) },
	no_such_row: { kind: 'unprocessable', text: ({ section, key }: { section: string; key: string }) => ({ zh: `日报的${SECTION_ZH[section] ?? section}中没有“${key}”这一行，未作任何更改`, en: `the report has no row "${key}" in ${section}; nothing was changed` }) },
	bad_field: { kind: 'invalid', text: ({ field }: { field: string }) => ({ zh: `“${field}”不是可更正的数字项，未作任何更改`, en: `"${field}" is not a figure that can be amended; nothing was changed` }) }
});

const SECTION_ZH: Record<string, string> = { sites: '采样点', townships: '街道', labs: '实验室', quarantine: '隔离' };

/** One corrected figure: the row (by id; none for quarantine), the field and its new value. */
export const reportFix = z.strictObject({
	section: z.enum(['sites', 'townships', 'labs', 'quarantine']),
	key: z.string().min(1).max(64).nullable().optional(),
	field: z.string().min(1).max(64),
	to: z.number().finite().min(0).nullable()
});
export type ReportFix = z.infer<typeof reportFix>;

export const amendmentRequest = z.strictObject({
	reason: z.string().max(500).default(''),
	changes: z.array(reportFix).min(1).max(200)
});
export type AmendmentRequest = z.input<typeof amendmentRequest>;
