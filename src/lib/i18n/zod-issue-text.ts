/**
 * A schema's complaint about a request body, in both languages of the UI. The English stays what
 * clients have always read (`path: message`, the schema's own words); the Chinese is built from the
 * issue's code, the field and its limits, in the words a dispatcher or shift leader uses, because
 * the schemas' custom messages are written in English once, beside the schema.
 *
 * A refinement may carry its own Chinese as `params: { zh }` (zod keeps params on custom issues).
 */
import type { z } from 'zod';

export interface IssueText {
	zh: string;
	en: string;
}

/** What a field is called on screen. Unknown fields are shown as they are named (a code, not a word). */
const FIELD_ZH: Record<string, string> = {
	body: '请求内容',
	query: '查询条件',
	event: '事件',
	events: '事件列表',
	id: '编号',
	type: '类型',
	at: '时间',
	courierId: '送样车',
	siteIds: '采样点',
	siteId: '采样点',
	labId: '实验室',
	vehicleId: '车辆',
	vehicle: '车辆',
	vehicles: '车辆',
	quarantineSiteId: '隔离点',
	householdId: '户编号',
	householdIds: '户编号',
	returneeId: '返乡人员编号',
	pickup: '接送点',
	label: '名称',
	lat: '纬度',
	lon: '经度',
	reason: '原因',
	trackerId: '定位终端编号',
	regionId: '区域',
	deviceId: '设备编号',
	kind: '类型',
	scopeId: '所属站点或车辆',
	limit: '条数',
	subject: '查询对象',
	field: '信息项',
	from: '开始时间',
	to: '结束时间',
	staffIds: '采样员',
	fromSiteId: '调出采样点',
	toSiteId: '调入采样点',
	username: '用户名',
	password: '密码',
	role: '角色',
	token: '令牌',
	queueLength: '排队人数',
	status: '状态',
	boxId: '样本箱编号',
	tubes: '管数',
	people: '人数',
	pooling: '混采方式',
	pools: '混采管',
	tube: '管号',
	tubesCounted: '清点管数',
	receivedTubes: '接收管数',
	testedTubes: '检测管数',
	result: '检测结果',
	speedKmh: '车速',
	heading: '行驶方向',
	accuracyM: '定位精度',
	crs: '坐标系',
	// A returnee's registration (返乡人员登记), with the ledger's headers.
	idNumber: '身份证号',
	phone: '电话',
	address: '住址',
	arrivalAt: '返乡时间',
	originPlace: '来源地',
	originRisk: '来源地风险等级',
	workPlace: '工作地',
	transportMode: '交通方式',
	transportNumber: '航班号/车次',
	lastNegativeTestAt: '最近核酸阴性时间',
	villageId: '所属村',
	healthCode: '健康码',
	contactKind: '接触类型',
	temperatureC: '体温',
	commandId: '命令编号',
	// Issue 15's pages and the site tablet: a field's name never leads a reason people read.
	note: '备注',
	startsAt: '开始时间',
	endsAt: '结束时间',
	mode: '操作方式',
	samples: '登记列表',
	memberCode: '成员编码',
	householdCode: '户编码',
	via: '采样方式',
	recordId: '告警记录'
};

const TYPE_ZH: Record<string, string> = {
	string: '文字',
	number: '数字',
	int: '整数',
	boolean: '是或否',
	array: '列表',
	object: '对象',
	date: '日期'
};

/** "siteIds.2" → "采样点（第 3 项）"; "pickup.lat" → "接送点的纬度". */
export function fieldZh(path: readonly PropertyKey[]): string {
	if (path.length === 0) return FIELD_ZH.body;
	const parts: string[] = [];
	for (const key of path) {
		if (typeof key === 'number' || /^\d+$/.test(String(key))) parts[parts.length - 1] = `${parts.at(-1) ?? '列表'}（第 ${Number(key) + 1} 项）`;
		else parts.push(FIELD_ZH[String(key)] ?? String(key));
	}
	return parts.join('的');
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
	let value = raw;
	for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
	return value;
}

const last = (path: readonly PropertyKey[]) => String(path.at(-1) ?? '');

/** The Chinese for one issue: "{field}：{what is wrong}". `raw` is the body checked, to tell a missing field from a wrong one. */
export function issueZh(issue: z.core.$ZodIssue, raw?: unknown): string {
	const field = fieldZh(issue.path);
	const name = last(issue.path);
	switch (issue.code) {
		case 'invalid_type':
			if (issue.path.length > 0 && raw !== undefined && valueAt(raw, issue.path) === undefined) return `缺少${field}，必须填写`;
			if (issue.path.length === 0 && issue.expected === 'object') return '请求内容须为 JSON 对象';
			return `${field}应为${TYPE_ZH[issue.expected] ?? issue.expected}`;
		case 'too_small':
		case 'too_big': {
			if ((name === 'lat' || name === 'lon') && issue.origin === 'number') return name === 'lat' ? `${field}不是有效的纬度（−90 到 90）` : `${field}不是有效的经度（−180 到 180）`;
			const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
			const small = issue.code === 'too_small';
			if (issue.origin === 'string') return small ? (limit <= 1 ? `${field}不能为空` : `${field}至少要 ${limit} 个字`) : `${field}最多 ${limit} 个字`;
			if (issue.origin === 'array' || issue.origin === 'set') return small ? `${field}至少要有 ${limit} 项` : `${field}最多 ${limit} 项`;
			if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
				if (small) return issue.inclusive === false ? `${field}须大于 ${limit}` : `${field}不能小于 ${limit}`;
				return issue.inclusive === false ? `${field}须小于 ${limit}` : `${field}不能大于 ${limit}`;
			}
			return small ? `${field}太小` : `${field}太大`;
		}
		case 'invalid_format':
			if (issue.format === 'datetime') return `${field}须为带时区的时间，例如 2026-11-23T08:00:00+08:00`;
			if (issue.format === 'regex') return `${field}含有不允许的字符或格式不对`;
			return `${field}格式不对`;
		case 'invalid_value':
			return `${field}须为以下之一：${issue.values.map(String).join('、')}`;
		case 'unrecognized_keys':
			return `${field}中有不认识的字段：${issue.keys.join('、')}`;
		case 'not_multiple_of':
			return `${field}须为 ${String(issue.divisor)} 的整数倍`;
		case 'invalid_union':
			return `${field}格式不对`;
		case 'custom': {
			const zh = (issue.params as { zh?: unknown } | undefined)?.zh;
			return typeof zh === 'string' ? zh : `${field}不符合要求`;
		}
		default:
			return `${field}不符合要求`;
	}
}

const TYPE_EN: Record<string, string> = { string: 'a text (string)', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'an object', date: 'a date' };

/**
 * The English, `path: what is wrong` ("body" when the whole body is at fault). A schema's own
 * message is kept; zod's generic type message ("Invalid input: expected string, received
 * undefined") becomes plain: the field is missing, or must be a text / a number / a list.
 */
export function issueEn(issue: z.core.$ZodIssue, whole = 'body', raw?: unknown): string {
	const field = issue.path.join('.') || whole;
	if (issue.code === 'invalid_type' && /^Invalid input/.test(issue.message)) {
		if (issue.path.length > 0 && raw !== undefined && valueAt(raw, issue.path) === undefined) return `${field}: missing; it is required`;
		if (issue.path.length === 0 && issue.expected === 'object') return `${field}: must be a JSON object`;
		return `${field}: must be ${TYPE_EN[issue.expected] ?? issue.expected}`;
	}
	if (issue.code === 'invalid_value' && /^Invalid (option|input)/.test(issue.message)) return `${field}: must be one of ${issue.values.map(String).join(', ')}`;
	return `${field}: ${issue.message}`;
}

/** Both languages for the first issue of a failed parse. */
export function issueText(issue: z.core.$ZodIssue, raw?: unknown, whole = 'body'): IssueText {
	return { zh: issueZh(issue, raw), en: issueEn(issue, whole, raw) };
}
