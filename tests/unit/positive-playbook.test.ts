/** A positive pool's playbook (第一时间报告、复检、处置, seed 003): each step's state, timer and lateness. */
import { describe, expect, it } from 'vitest';
import { playbook, STEP_TEXT, type PlaybookEvent } from '../../src/lib/domain/positive-playbook';

const china = (hhmm: string, day = '2026-11-30') => Date.parse(`${day}T${hhmm}:00+08:00`);
const positiveAt = china('10:00');
// One household of three in the 10:1 pool (codes from the roster, never ID numbers).
const members = ['M1', 'M2', 'M3'];
const stateOf = (book: ReturnType<typeof playbook>) => Object.fromEntries(book.steps.map((step) => [step.kind, step.state]));

const worked: PlaybookEvent[] = [
	{ kind: 'notified', at: china('10:15') },
	{ kind: 'resampled', at: china('11:00'), memberCode: 'M1' },
	{ kind: 'resampled', at: china('11:30'), memberCode: 'M2' },
	{ kind: 'resampled', at: china('12:00'), memberCode: 'M3' },
	{ kind: 'retest_result', at: china('15:00'), memberCode: 'M1', result: 'negative' },
	{ kind: 'retest_result', at: china('16:00'), memberCode: 'M2', result: 'positive' }
];

describe('playbook', () => {
	it('at the start: notify and re-sample are open with their timers, the rest waits', () => {
		const book = playbook({ positiveAt, members, events: [], now: china('10:20') });
		expect(stateOf(book)).toEqual({ notified: 'pending', resampled: 'pending', retest_result: 'waiting', transfer_proposed: 'waiting' });
		expect(book.steps[0]).toMatchObject({ minutesSincePositive: 20, dueAt: china('10:30'), done: 0, of: 1 });
		expect(book.late).toEqual([]);
		expect(book.complete).toBe(false);
	});

	it('a step open past its time is late: officers not told within 30 minutes, tubes not taken within 4 hours', () => {
		expect(playbook({ positiveAt, members, events: [], now: china('10:31') }).late).toEqual(['notified']);
		const partly = playbook({ positiveAt, members, events: worked.slice(0, 3), now: china('14:01') });
		expect(partly.late).toEqual(['resampled']);
		expect(partly.steps[1]).toMatchObject({ done: 2, of: 3, doneAt: null, minutesSincePositive: 241 });
		// Two tubes taken: their results are due 8 hours after the first of them.
		expect(partly.steps[2]).toMatchObject({ state: 'pending', dueAt: china('19:00') });
	});

	it('a positive re-test asks for a transfer within 30 minutes; a result outstanding is due 8 h after its tube', () => {
		const book = playbook({ positiveAt, members, events: worked, now: china('19:30') });
		expect(book.retestPositive).toEqual(['M2']);
		expect(book.steps[0]).toMatchObject({ state: 'done', doneAt: china('10:15'), minutesSincePositive: 15 });
		expect(book.steps[1]).toMatchObject({ state: 'done', doneAt: china('12:00'), minutesSincePositive: 120 });
		expect(book.steps[2]).toMatchObject({ state: 'pending', done: 2, of: 3, dueAt: china('20:00') });
		expect(book.steps[3]).toMatchObject({ state: 'late', done: 0, of: 1, dueAt: china('16:30') });
		expect(book.late).toEqual(['transfer_proposed']);
		expect(playbook({ positiveAt, members, events: worked, now: china('20:01') }).late).toEqual(['retest_result', 'transfer_proposed']);
	});

	it('is complete when every result is in and every positive has its transfer', () => {
		const events: PlaybookEvent[] = [...worked, { kind: 'transfer_proposed', at: china('16:20'), memberCode: 'M2' }, { kind: 'retest_result', at: china('17:00'), memberCode: 'M3', result: 'negative' }];
		const book = playbook({ positiveAt, members, events, now: china('23:00') });
		expect(stateOf(book)).toEqual({ notified: 'done', resampled: 'done', retest_result: 'done', transfer_proposed: 'done' });
		expect(book.steps[3].minutesSincePositive).toBe(380);
		expect(book.complete).toBe(true);
	});

	it('all re-tests negative: no transfer is needed; a later result of a member replaces the earlier', () => {
		const events: PlaybookEvent[] = [...worked, { kind: 'retest_result', at: china('16:30'), memberCode: 'M2', result: 'negative' }, { kind: 'retest_result', at: china('17:00'), memberCode: 'M3', result: 'negative' }];
		const book = playbook({ positiveAt, members, events, now: china('18:00') });
		expect(book.retestPositive).toEqual([]);
		expect(stateOf(book).transfer_proposed).toBe('not_needed');
		expect(book.complete).toBe(true);
	});

	it('ignores events of people not in the pool’s households, results without a tube, and repeats', () => {
		const events: PlaybookEvent[] = [
			{ kind: 'notified', at: china('10:25') },
			{ kind: 'notified', at: china('10:05') },
			{ kind: 'resampled', at: china('11:00'), memberCode: 'OTHER' },
			{ kind: 'resampled', at: china('11:00'), memberCode: 'M1' },
			{ kind: 'resampled', at: china('13:00'), memberCode: 'M1' },
			{ kind: 'retest_result', at: china('15:00'), memberCode: 'M3', result: 'positive' }
		];
		const book = playbook({ positiveAt, members, events, now: china('12:00') });
		expect(book.steps[0].doneAt).toBe(china('10:05'));
		expect(book.steps[1].done).toBe(1);
		expect(book.steps[2].done).toBe(0);
		expect(book.retestPositive).toEqual([]);
	});

	it('a pool with no known household has only the notification to do', () => {
		const book = playbook({ positiveAt, members: [], events: [{ kind: 'notified', at: china('10:10') }], now: china('11:00') });
		expect(stateOf(book)).toEqual({ notified: 'done', resampled: 'done', retest_result: 'done', transfer_proposed: 'not_needed' });
		expect(book.complete).toBe(true);
	});

	it('names every step in zh and en', () => {
		for (const text of Object.values(STEP_TEXT)) expect(text.zh.length * text.en.length).toBeGreaterThan(0);
	});
});
