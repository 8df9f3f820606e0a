/** A lab that reports only totals: its boxes count as tested when the counter passes them in receipt order. */
import { describe, expect, it } from 'vitest';
import { fifoTestedTimes, weightedMedian, type ReceivedBox } from '../../src/lib/domain/lab-fifo';

const china = (hhmm: string, day = '2026-11-30') => Date.parse(`${day}T${hhmm}:00+08:00`);
const box = (id: string, received: string, tubes: number, extra: Partial<ReceivedBox> = {}): ReceivedBox => ({ id, labId: 'cdc', receivedAt: china(received), tubes, ...extra });

describe('fifoTestedTimes', () => {
	const boxes = [box('B2', '10:30', 20), box('B1', '10:00', 30), box('B3', '11:00', 25)];

	it('marks boxes tested in the order received, when the day’s tested counter passes the whole box', () => {
		const tested = fifoTestedTimes(boxes, [
			{ labId: 'cdc', at: china('11:30'), testedTubes: 29 },
			{ labId: 'cdc', at: china('12:00'), testedTubes: 30 },
			{ labId: 'cdc', at: china('13:00'), testedTubes: 60 }
		]);
		expect(Object.fromEntries(tested)).toEqual({ B1: china('12:00'), B2: china('13:00') });
	});

	it('never counts a box in a report made before it arrived, nor takes tubes back on a lower late report', () => {
		const tested = fifoTestedTimes([box('B1', '10:00', 10), box('B2', '12:00', 10)], [
			{ labId: 'cdc', at: china('11:00'), testedTubes: 20 },
			{ labId: 'cdc', at: china('11:30'), testedTubes: 5 },
			{ labId: 'cdc', at: china('12:10'), testedTubes: 20 }
		]);
		expect(Object.fromEntries(tested)).toEqual({ B1: china('11:00'), B2: china('12:10') });
	});

	it('adds the days up across midnight, keeps labs apart, and takes per-tube results when every tube has one', () => {
		const tested = fifoTestedTimes(
			[box('B1', '23:00', 10), box('B2', '23:30', 10), { id: 'H1', labId: 'hospital', receivedAt: china('09:00'), tubes: 2, tubeResults: [china('10:00'), china('10:20')] }, { id: 'H2', labId: 'hospital', receivedAt: china('09:00'), tubes: 2, tubeResults: [china('10:00')] }],
			[
				{ labId: 'cdc', at: china('23:50'), testedTubes: 10 },
				{ labId: 'cdc', at: china('00:40', '2026-12-01'), testedTubes: 10 }
			]
		);
		expect(Object.fromEntries(tested)).toEqual({ B1: china('23:50'), B2: china('00:40', '2026-12-01'), H1: china('10:20') });
	});
});

describe('weightedMedian', () => {
	it('is the median of every tube, each box’s minutes counted once per tube', () => {
		expect(weightedMedian([{ value: 300, weight: 3 }, { value: 600, weight: 1 }])).toBe(300);
		expect(weightedMedian([{ value: 300, weight: 1 }, { value: 600, weight: 1 }])).toBe(450);
		expect(weightedMedian([{ value: 100, weight: 0 }])).toBeNull();
	});
});
