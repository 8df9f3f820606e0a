/**
 * How the follow-up, supply and risk-zone operations say no (codes clients branch on, reasons in
 * zh and en) and their request schemas. Scope is village-scope.ts's, as for the cases.
 */
import { z } from 'zod';
import { serviceErrors } from '../service-error';
import { SYMPTOMS, TEMPERATURE_RANGE_C } from '../../../src/lib/domain/follow-up';
import { FOLLOW_UP_SLOTS, FOLLOW_UP_SOURCES } from '../../../src/lib/protocol/follow-up-events';
import { riskZoneLevel, zonePolygon } from '../../../src/lib/protocol/risk-zone-events';

export const refuseFollowUp = serviceErrors({
	case_not_found: { kind: 'not_found', text: () => ({ zh: '没有这个隔离对象', en: 'there is no such quarantine case' }) },
	outside_villages: { kind: 'forbidden', text: () => ({ zh: '只能处理本人负责村（社区）的隔离对象', en: 'an officer acts only for the villages they are responsible for' }) },
	case_not_active: {
		kind: 'conflict',
		text: ({ status }: { status: string }) => ({ zh: `该隔离对象当前不在管控期内（${status}），未记录`, en: `the case is not under its measure now (${status}); nothing was recorded` })
	},
	slot_not_for_measure: { kind: 'invalid', text: () => ({ zh: '该管控措施每天只随访一次（上午），没有晚间随访', en: 'this measure is followed up once a day (morning); it has no evening follow-up' }) },
	taken_in_future: { kind: 'invalid', text: () => ({ zh: '随访时间晚于当前时间，请检查手机时间', en: 'the follow-up is dated in the future; check the phone’s clock' }) },
	taken_too_long_ago: { kind: 'invalid', text: ({ days }: { days: number }) => ({ zh: `随访时间早于 ${days} 天前，不能补录`, en: `a follow-up older than ${days} days cannot be recorded` }) },
	report_conflict: {
		kind: 'conflict',
		text: () => ({ zh: '同一编号的随访已记录且内容不同，未作更改；新的随访请使用新编号', en: 'a follow-up with this id was already recorded with other content; nothing was changed; a new follow-up needs a new id' })
	},
	delivery_not_due: { kind: 'conflict', text: ({ next }: { next: string | null }) => ({ zh: next ? `下一次物资配送在 ${next}，今天不需要` : '该户没有待配送的物资', en: next ? `the next delivery is due on ${next}, not today` : 'no delivery is due to this household' }) },
	not_home_quarantine: { kind: 'unprocessable', text: () => ({ zh: '只有居家隔离户需要物资配送', en: 'supplies are delivered only to home-quarantine households' }) },
	zone_not_found: { kind: 'not_found', text: () => ({ zh: '没有这个风险区', en: 'there is no such risk zone' }) },
	zone_lifted: { kind: 'conflict', text: () => ({ zh: '该风险区已解除，不能再修改', en: 'this risk zone has been lifted and can no longer be changed' }) },
	zone_polygon_invalid: {
		kind: 'invalid',
		text: () => ({ zh: '风险区边界无效：每个环至少 4 个点且首尾相同，经纬度在范围内', en: 'the zone’s outline is not valid: each ring needs at least 4 positions, closed (first = last), within range' })
	},
	zone_unchanged: { kind: 'conflict', text: () => ({ zh: '风险区边界和等级都没有变化', en: 'neither the zone’s outline nor its level changed' }) },
	region_unknown: { kind: 'invalid', text: ({ id }: { id: string }) => ({ zh: `没有区划 "${id}"`, en: `no region "${id}"` }) },
	zones_not_allowed: { kind: 'forbidden', text: () => ({ zh: '只有指挥长可以划定、调整或解除风险区', en: 'only a commander adds, redraws or lifts risk zones' }) }
});

const RANGE_TEXT = `temperatureC: ${TEMPERATURE_RANGE_C.min}–${TEMPERATURE_RANGE_C.max} °C; re-measure`;
const reportId = z.string().trim().min(8, 'reportId: the phone’s own id of the report, 8–64 characters').max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'reportId: letters, digits and _ . : - only');

export const followUpRequest = z.strictObject({
	caseId: z.string().trim().min(1).max(64),
	reportId,
	takenAt: z.iso.datetime({ offset: true, error: 'takenAt: an ISO time with its offset, e.g. 2026-11-23T09:12:00+08:00' }),
	temperatureC: z.number().min(TEMPERATURE_RANGE_C.min, RANGE_TEXT).max(TEMPERATURE_RANGE_C.max, RANGE_TEXT).nullable(),
	symptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length).default([]),
	/** The phone may name the slot; otherwise the time of day says which. */
	slot: z.enum(FOLLOW_UP_SLOTS).optional(),
	source: z.enum(FOLLOW_UP_SOURCES).default('officer'),
	note: z.string().trim().max(200).optional()
});
export type FollowUpRequest = z.input<typeof followUpRequest>;

export const deliveryRequest = z.strictObject({
	caseId: z.string().trim().min(1).max(64),
	note: z.string().trim().max(200).optional()
});

export const addZoneRequest = z.strictObject({
	name: z.string().trim().min(1).max(100),
	level: riskZoneLevel,
	regionId: z.string().trim().max(64).nullable().default(null),
	polygon: zonePolygon
});

export const redrawZoneRequest = z.strictObject({
	level: riskZoneLevel.optional(),
	polygon: zonePolygon.optional()
});

export const liftZoneRequest = z.strictObject({
	reason: z.string({ error: 'reason is required: say why the zone is lifted' }).trim().min(2, 'reason is required: say why the zone is lifted').max(200)
});
