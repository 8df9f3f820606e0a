/** The ledgers an operator can import and export. Headers in Chinese first, English accepted. */
import { homeQuarantineRefusal } from '../domain/quarantine';
import { choice, clockTime, code, coordinateSystem, date, dateTime, decimal, formatChinaDateTime, idNumber, integer, latitude, list, longitude, phone, text, yesNo } from './fields';
import { column, type LedgerDefinition } from './ledger';
import type { ZonePolygon } from '../domain/risk-zones';
import { formatBoundary, zoneBoundary } from './zone-boundary';
import { rosterLedger } from './roster-ledger';

export const SITE_KINDS = { fixed: '固定采样点', mobile_van: '流动采样车', temporary: '临时采样点', fever_clinic_24h: '24小时发热门诊', door_to_door: '上门采样' } as const;
export const SITE_STATUSES = { open: '开放', busy: '繁忙', paused: '暂停', closed: '关闭' } as const;
export const POOLING_LABELS = { '1:1': '单采单检', household: '一户一管', '10:1': '10合1', '20:1': '20合1' } as const;
export const STAFF_ROLES = { sampler: '采样', registrar: '登记', marshal: '秩序维护', courier: '送样', driver: '司机', quarantine_officer: '隔离专班' } as const;
export const VEHICLE_KINDS = { courier: '送样车', transfer: '转运车' } as const;
export const LAB_KINDS = { lab: '检测实验室', transfer_station: '样本中转站' } as const;
export const HOUSEHOLD_MEASURES = { none: '无', home_quarantine: '居家隔离', home_monitoring: '居家健康监测', centralised: '集中隔离' } as const;
export const SPECIAL_CATEGORIES = { aged_70_plus: '70岁以上', aged_14_or_under: '14岁以下', pregnant: '孕妇', severe_illness: '严重基础疾病', relative_critical: '直系亲属病危或去世' } as const;

type Crs = keyof typeof coordinateSystem.labels;

export interface SiteRecord {
	code: string; name: string; kind: keyof typeof SITE_KINDS; township: string; villages: string[]; longitude: number; latitude: number; crs: Crs | null;
	desks: number; pooling: keyof typeof POOLING_LABELS; opensAt: string | null; closesAt: string | null; status: keyof typeof SITE_STATUSES | null;
}

export const sitesLedger: LedgerDefinition<SiteRecord> = {
	kind: 'sites', zh: '采样点', en: 'Sampling sites', key: 'code',
	columns: [
		column('code', '编号', 'code', code, { required: true }),
		column('name', '名称', 'name', text(100), { required: true }),
		column('kind', '类型', 'kind', choice(SITE_KINDS), { required: true }),
		column('township', '街道', 'township', text(50), { required: true }),
		column('villages', '服务村', 'villages', list(text(50)), { required: true }),
		column('longitude', '经度', 'longitude', longitude, { required: true }),
		column('latitude', '纬度', 'latitude', latitude, { required: true }),
		column('crs', '坐标系', 'crs', coordinateSystem),
		column('desks', '采样台数', 'desks', integer(1, 200), { required: true }),
		column('pooling', '混采', 'pooling', choice(POOLING_LABELS), { required: true }),
		column('opensAt', '开始时间', 'opens_at', clockTime),
		column('closesAt', '结束时间', 'closes_at', clockTime),
		column('status', '状态', 'status', choice(SITE_STATUSES))
	],
	check: (site) => (site.villages.length === 0 ? { key: 'villages', message: 'must name at least one village' } : site.opensAt && site.closesAt && site.opensAt >= site.closesAt ? { key: 'closesAt', message: 'must be after 开始时间' } : null)
};

export interface StaffRecord {
	code: string; name: string; idNumber: string | null; phone: string | null; role: keyof typeof STAFF_ROLES; township: string; ppeLimitHours: number | null; site: string | null; vehicle: string | null;
}

export const staffLedger: LedgerDefinition<StaffRecord> = {
	kind: 'staff', zh: '工作人员', en: 'Staff', key: 'code',
	columns: [
		column('code', '工号', 'code', code, { required: true }),
		column('name', '姓名', 'name', text(50), { required: true, personal: 'name' }),
		column('idNumber', '身份证号', 'id_number', idNumber, { personal: 'idNumber' }),
		column('phone', '电话', 'phone', phone, { personal: 'phone' }),
		column('role', '角色', 'role', choice(STAFF_ROLES), { required: true }),
		column('township', '所属街道', 'township', text(50), { required: true }),
		column('ppeLimitHours', '防护时长上限', 'ppe_limit_hours', decimal(1, 8)),
		column('site', '采样点编号', 'site', code),
		column('vehicle', '车辆编号', 'vehicle', code)
	],
	check: (member) => (member.site && member.vehicle ? { key: 'vehicle', message: 'a person works at a site or on a vehicle, not both' } : null)
};

export interface VehicleRecord {
	code: string; name: string; kind: keyof typeof VEHICLE_KINDS; plate: string | null; permitNumber: string | null;
	/** The device id of the Traccar Client (OsmAnd) phone on board, if any: registers it to this vehicle. */
	tracker?: string | null;
}

export const vehiclesLedger: LedgerDefinition<VehicleRecord> = {
	kind: 'vehicles', zh: '车辆', en: 'Vehicles', key: 'code',
	columns: [
		column('code', '编号', 'code', code, { required: true }),
		column('name', '名称', 'name', text(100), { required: true }),
		column('kind', '类型', 'kind', choice(VEHICLE_KINDS), { required: true }),
		column('plate', '车牌', 'plate', text(20)),
		column('permitNumber', '准运证号', 'permit_number', text(50)),
		column('tracker', '定位终端号', 'tracker_id', code)
	]
};

export interface LabRecord {
	code: string; name: string; kind: keyof typeof LAB_KINDS; longitude: number; latitude: number; crs: Crs | null; capacity: number;
}

export const labsLedger: LedgerDefinition<LabRecord> = {
	kind: 'labs', zh: '实验室与中转站', en: 'Labs and transfer stations', key: 'code',
	columns: [
		column('code', '编号', 'code', code, { required: true }),
		column('name', '名称', 'name', text(100), { required: true }),
		column('kind', '类型', 'kind', choice(LAB_KINDS), { required: true }),
		column('longitude', '经度', 'longitude', longitude, { required: true }),
		column('latitude', '纬度', 'latitude', latitude, { required: true }),
		column('crs', '坐标系', 'crs', coordinateSystem),
		column('capacity', '日检测能力(管)', 'capacity_tubes_per_day', integer(0, 10_000_000), { required: true })
	]
};

export interface HouseholdRecord {
	code: string; township: string; village: string; grid: string | null; measure: keyof typeof HOUSEHOLD_MEASURES | null; members: number;
	startDate: string | null; plannedEndDate: string | null; headName: string | null; idNumber: string | null; phone: string | null; address: string | null;
	longitude: number | null; latitude: number | null; crs: Crs | null; separateRoom: boolean | null; separateBathroom: boolean | null;
	specialCategory: keyof typeof SPECIAL_CATEGORIES | null; officer: string | null;
}

export const householdsLedger: LedgerDefinition<HouseholdRecord> = {
	kind: 'households', zh: '户籍与隔离台账', en: 'Households', key: 'code',
	columns: [
		column('code', '户编号', 'code', code, { required: true }),
		column('township', '街道', 'township', text(50), { required: true }),
		column('village', '村', 'village', text(50), { required: true }),
		column('grid', '网格', 'grid', text(50)),
		column('measure', '管控措施', 'measure', choice(HOUSEHOLD_MEASURES)),
		column('members', '人数', 'members', integer(1, 100), { required: true }),
		column('startDate', '开始日期', 'start_date', date),
		column('plannedEndDate', '计划结束日期', 'planned_end_date', date),
		column('headName', '户主姓名', 'head_name', text(50), { personal: 'name' }),
		column('idNumber', '身份证号', 'id_number', idNumber, { personal: 'idNumber' }),
		column('phone', '电话', 'phone', phone, { personal: 'phone' }),
		column('address', '地址', 'address', text(200), { personal: 'address' }),
		column('longitude', '经度', 'longitude', longitude, { personal: 'location' }),
		column('latitude', '纬度', 'latitude', latitude, { personal: 'location' }),
		column('crs', '坐标系', 'crs', coordinateSystem, { personal: 'location' }),
		column('separateRoom', '独立房间', 'separate_room', yesNo),
		column('separateBathroom', '独立卫生间', 'separate_bathroom', yesNo),
		column('specialCategory', '特殊人群', 'special_category', choice(SPECIAL_CATEGORIES)),
		column('officer', '责任人工号', 'officer', code)
	],
	check: (household) => {
		if ((household.longitude === null) !== (household.latitude === null)) return { key: household.longitude === null ? 'longitude' : 'latitude', message: 'is needed together with the other coordinate' };
		const measure = household.measure ?? 'none';
		if (measure === 'none') return null;
		if (!household.startDate) return { key: 'startDate', message: `is required for ${HOUSEHOLD_MEASURES[measure]}` };
		if (household.plannedEndDate && household.plannedEndDate < household.startDate) return { key: 'plannedEndDate', message: 'is before 开始日期' };
		if (measure === 'home_quarantine') {
			const refusal = homeQuarantineRefusal({ specialCategory: household.specialCategory, separateRoom: household.separateRoom, separateBathroom: household.separateBathroom });
			if (refusal) return { key: 'measure', message: `居家隔离 not allowed: ${refusal}` };
		}
		return null;
	}
};

export const ORIGIN_RISKS = { low: '低风险', medium: '中风险', high: '高风险' } as const;
export const TRANSPORT_LABELS = { flight: '飞机', train: '火车', coach: '汽车', car: '自驾', other: '其他' } as const;
export const CONTACT_KINDS = { close: '密接', secondary: '次密接' } as const;
export const HEALTH_CODES = { green: '绿码', yellow: '黄码', red: '红码' } as const;

export interface ReturneeRecord {
	name: string; idNumber: string | null; phone: string | null; arrivalAt: string; originPlace: string; originRisk: keyof typeof ORIGIN_RISKS; workPlace: string | null;
	transportMode: keyof typeof TRANSPORT_LABELS; transportNumber: string | null; lastNegativeTestAt: string | null; township: string | null; village: string; address: string | null;
	contactKind: keyof typeof CONTACT_KINDS | null; healthCode: keyof typeof HEALTH_CODES | null;
	/** The household on the register they return to (its home facts decide home quarantine); else the three home facts below, as the office found the home. */
	household: string | null; specialCategory: keyof typeof SPECIAL_CATEGORIES | null; separateRoom: boolean | null; separateBathroom: boolean | null;
}

/**
 * Returnees (返乡人员) as a township or the data platform lists them on arrival. Each row is
 * registered as an officer's would be (classified, a case opened); a row for someone already
 * registered that day comes back unchanged. Times are China time.
 */
export const returneesLedger: LedgerDefinition<ReturneeRecord> = {
	kind: 'returnees', zh: '返乡人员', en: 'Returnees', key: 'idNumber',
	columns: [
		column('name', '姓名', 'name', text(50), { required: true, personal: 'name' }),
		column('idNumber', '身份证号', 'id_number', idNumber, { personal: 'idNumber' }),
		column('phone', '电话', 'phone', phone, { personal: 'phone' }),
		column('arrivalAt', '返乡时间', 'arrival_at', dateTime, { required: true, format: formatChinaDateTime }),
		column('originPlace', '来源地', 'origin_place', text(100), { required: true }),
		column('originRisk', '来源地风险等级', 'origin_risk', choice(ORIGIN_RISKS), { required: true }),
		column('workPlace', '工作地', 'work_place', text(100)),
		column('transportMode', '交通方式', 'transport_mode', choice(TRANSPORT_LABELS), { required: true }),
		column('transportNumber', '航班号/车次', 'transport_number', text(20)),
		column('lastNegativeTestAt', '最近核酸阴性时间', 'last_negative_test_at', dateTime, { format: formatChinaDateTime }),
		column('township', '街道', 'township', text(50)),
		column('village', '所属村', 'village', text(50), { required: true }),
		column('address', '住址', 'address', text(200), { personal: 'address' }),
		column('contactKind', '密接类型', 'contact_kind', choice(CONTACT_KINDS)),
		column('healthCode', '健康码', 'health_code', choice(HEALTH_CODES)),
		// Home quarantine is only for the special categories in a home with a room and a bathroom of
		// their own (domain/quarantine.ts); without these a returnee from a risk area is centralised.
		column('household', '户编号', 'household_code', code),
		column('specialCategory', '特殊人群', 'special_category', choice(SPECIAL_CATEGORIES)),
		column('separateRoom', '独立房间', 'separate_room', yesNo),
		column('separateBathroom', '独立卫生间', 'separate_bathroom', yesNo)
	],
	check: (returnee) => {
		if (!returnee.idNumber && !returnee.phone) return { key: 'phone', message: 'is needed when 身份证号 is empty, so that a second registration of the same person is recognised' };
		if (Date.parse(returnee.arrivalAt) > Date.now() + 5 * 60_000) return { key: 'arrivalAt', message: 'is in the future' };
		return null;
	}
};

export const ZONE_LEVELS = { sealed: '封控区', controlled: '管控区', precaution: '防范区' } as const;

export interface ZoneRecord {
	name: string; level: keyof typeof ZONE_LEVELS; boundary: ZonePolygon; crs: Crs | null; drawnAt: string | null; liftedAt: string | null; liftReason: string | null;
}

/**
 * Risk zones (封控区 / 管控区 / 防范区) as a command centre keeps them, one row per zone by its name.
 * Each row goes through the commands a commander's page uses: a new name is drawn (划定), a standing
 * zone whose type or outline differs is redrawn, one with 解除时间 is lifted; a row that changes
 * nothing comes back unchanged. 边界 is GeoJSON or 经度,纬度 pairs in the row's 坐标系 (else the
 * import's, WGS-84 by default: outlines copied from Amap or Tencent are GCJ-02, from Baidu BD-09),
 * converted to WGS-84 as the households' and sites' are; an export writes WGS-84. Times are China time.
 */
export const zonesLedger: LedgerDefinition<ZoneRecord> = {
	kind: 'zones', zh: '风险区', en: 'Risk zones', key: 'name',
	columns: [
		column('name', '区域名称', 'name', text(100), { required: true }),
		column('level', '区域类型', 'kind', choice(ZONE_LEVELS), { required: true }),
		column('boundary', '边界', 'boundary', zoneBoundary, { required: true, format: formatBoundary }),
		column('crs', '坐标系', 'crs', coordinateSystem),
		column('drawnAt', '划定时间', 'drawn_at', dateTime, { format: formatChinaDateTime }),
		column('liftedAt', '解除时间', 'lifted_at', dateTime, { format: formatChinaDateTime }),
		column('liftReason', '解除原因', 'lift_reason', text(200))
	],
	check: (zone) => {
		const soon = Date.now() + 5 * 60_000;
		if (zone.drawnAt && Date.parse(zone.drawnAt) > soon) return { key: 'drawnAt', message: 'is in the future' };
		if (zone.liftedAt && Date.parse(zone.liftedAt) > soon) return { key: 'liftedAt', message: 'is in the future' };
		if (zone.liftedAt && zone.drawnAt && zone.liftedAt < zone.drawnAt) return { key: 'liftedAt', message: 'is before 划定时间' };
		if (zone.liftReason && !zone.liftedAt) return { key: 'liftReason', message: 'is only for a zone with 解除时间' };
		return null;
	}
};

export const LEDGERS = { sites: sitesLedger, staff: staffLedger, vehicles: vehiclesLedger, labs: labsLedger, households: householdsLedger, returnees: returneesLedger, zones: zonesLedger, roster: rosterLedger } as const;
export type LedgerKind = keyof typeof LEDGERS;
export const LEDGER_KINDS = Object.keys(LEDGERS) as LedgerKind[];
/** Own keys only: `in` would also take constructor, toString and __proto__ (a 500 on /api/ledgers/constructor.csv). */
export const isLedgerKind = (value: string): value is LedgerKind => Object.hasOwn(LEDGERS, value);
