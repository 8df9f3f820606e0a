/** What people read when a page's or the tablet's request is refused: the field in words, never its internal name first. */
import { describe, expect, it } from 'vitest';
import { issueText } from '../../src/lib/i18n/zod-issue-text';
import { acknowledgeAlertRequest } from '../../src/lib/protocol/alert-events';
import { setTimetableSlotRequest } from '../../src/lib/protocol/timetable-events';
import { resolveSampled } from '../../server/ingest/sampled-codes';
import type { NormalizedEvent } from '../../server/pipeline/normalized-event';

const firstIssue = (schema: { safeParse(value: unknown): { success: boolean; error?: { issues: unknown[] } } }, value: unknown) => {
	const parsed = schema.safeParse(value);
	expect(parsed.success).toBe(false);
	return issueText(parsed.error!.issues[0] as Parameters<typeof issueText>[0], value);
};

describe('refusal wording', () => {
	it('names an acknowledgement’s note 备注, and says its limit once in English', () => {
		const text = firstIssue(acknowledgeAlertRequest, { note: '很'.repeat(201) });
		expect(text.zh).toBe('备注最多 200 个字');
		expect(text.en).toBe('note: at most 200 characters');
	});

	it('names the timetable’s fields in Chinese', () => {
		expect(firstIssue(setTimetableSlotRequest, { villageId: 'v', siteId: 's', startsAt: '08:00', endsAt: '10:00', note: 'x'.repeat(201) }).zh).toBe('备注最多 200 个字');
		expect(firstIssue(setTimetableSlotRequest, { villageId: 'v', siteId: 's', startsAt: '08:00' }).zh).toBe('缺少结束时间，必须填写');
		expect(firstIssue(setTimetableSlotRequest, { villageId: 'v', siteId: 's', startsAt: '08:00', endsAt: '10:00', mode: 'replace' }).zh).toMatch(/^操作方式须为以下之一：add、edit/);
	});

	it('tells the registrar which code is not on the roster without the field path; the device API’s reason keeps it', async () => {
		const event = { type: 'site.sampled', id: 'e1', deviceId: 'd', siteId: 's', at: '2026-11-30T08:00:00+08:00', via: 'site', samples: [{ tube: 'T1', memberCode: 'CM0300-1' }, { tube: 'T1', memberCode: 'CM0300-9' }] } as unknown as NormalizedEvent;
		const roster = { resolve: async () => ({ members: new Set(['CM0300-1']), households: new Map<string, string[]>() }) };
		const refused = await resolveSampled([event], roster as never);
		const problem = refused.get(0)!;
		expect(problem.zh).toMatch(/^编码 “CM0300-9”不在花名册上/);
		expect(problem.en).toMatch(/^"CM0300-9" is not on the roster/);
		expect(problem.reason).toMatch(/^samples\.1\.memberCode: "CM0300-9" is not on the roster/);
		const unavailable = (await resolveSampled([event], undefined)).get(0)!;
		expect(unavailable.en).toMatch(/^The roster is not available/);
		expect(unavailable.reason).toMatch(/^samples: /);
	});
});
