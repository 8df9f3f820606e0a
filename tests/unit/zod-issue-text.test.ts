/** A schema's complaint reads in plain Chinese, and the English stays what clients have always read. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldZh, issueText } from '../../src/lib/i18n/zod-issue-text';

const first = (schema: z.ZodType, value: unknown) => {
	const parsed = schema.safeParse(value);
	if (parsed.success) throw new Error('expected a refusal');
	return issueText(parsed.error.issues[0], value);
};

describe('issueText', () => {
	const point = z.strictObject({ label: z.string().min(1).max(60), lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });

	it('says a longitude or latitude out of range is not one', () => {
		expect(first(point, { label: 'x', lat: 29, lon: 200 })).toEqual({ zh: '经度不是有效的经度（−180 到 180）', en: 'lon: Too big: expected number to be <=180' });
		expect(first(z.object({ pickup: point }), { pickup: { label: 'x', lat: -91, lon: 1 } }).zh).toBe('接送点的纬度不是有效的纬度（−90 到 90）');
	});

	it('tells a missing field from one of the wrong type', () => {
		const run = z.strictObject({ courierId: z.string({ error: 'courierId is required' }), siteIds: z.array(z.string()).min(1, 'siteIds must name at least one site') });
		expect(first(run, { siteIds: ['a'] })).toEqual({ zh: '缺少送样车，必须填写', en: 'courierId: courierId is required' });
		expect(first(run, { courierId: 7, siteIds: ['a'] }).zh).toBe('送样车应为文字');
		expect(first(run, { courierId: 'c', siteIds: [] }).zh).toBe('采样点至少要有 1 项');
		expect(first(run, { courierId: 'c', siteIds: ['a', 3] }).zh).toBe('采样点（第 2 项）应为文字');
	});

	it('names limits of text, numbers and lists, options and unknown fields', () => {
		expect(first(z.object({ reason: z.string().trim().min(2) }), { reason: ' ' }).zh).toBe('原因至少要 2 个字');
		expect(first(z.object({ reason: z.string().max(3) }), { reason: 'abcd' }).zh).toBe('原因最多 3 个字');
		expect(first(z.object({ queueLength: z.number().min(0) }), { queueLength: -1 }).zh).toBe('排队人数不能小于 0');
		expect(first(z.object({ status: z.enum(['open', 'paused', 'closed']) }), { status: 'gone' }).zh).toBe('状态须为以下之一：open、paused、closed');
		expect(first(z.strictObject({ a: z.string() }), { a: 'x', extra: 1 }).zh).toBe('请求内容中有不认识的字段：extra');
		expect(first(z.object({ from: z.iso.datetime({ offset: true }) }), { from: 'yesterday' }).zh).toMatch(/^开始时间须为带时区的时间/);
	});

	it('uses a refinement’s own Chinese, and the whole body when no field is at fault', () => {
		const either = z.object({ a: z.string().optional(), b: z.string().optional() }).refine((body) => !!body.a !== !!body.b, { message: 'name exactly one of a and b', params: { zh: '请在 a 和 b 中选且只选一个' } });
		expect(first(either, {})).toEqual({ zh: '请在 a 和 b 中选且只选一个', en: 'body: name exactly one of a and b' });
		expect(first(z.object({ a: z.string() }), 'text').zh).toBe('请求内容须为 JSON 对象');
		expect(first(z.object({ x: z.string() }).refine(() => false, { message: 'no' }), { x: 'y' }).zh).toBe('请求内容不符合要求');
	});

	it('names an unknown field by its key, a known one by its word', () => {
		expect(fieldZh(['mystery'])).toBe('mystery');
		expect(fieldZh([])).toBe('请求内容');
		expect(fieldZh(['pools', 3, 'tube'])).toBe('混采管（第 4 项）的管号');
	});
});
