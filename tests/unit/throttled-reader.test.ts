/**
 * The dispatcher's board re-read: at most once per interval for the board's own live data (fixes,
 * boxes), and at once for a change another dispatcher made (requestNow), so the second dispatcher
 * is not left waiting out the interval.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ThrottledReader } from '../../src/lib/state/throttled-reader';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ThrottledReader', () => {
	it('folds requests inside the interval into one read at its end', () => {
		const read = vi.fn(async () => {});
		const reader = new ThrottledReader(read, 5000);
		reader.request();
		reader.request();
		vi.advanceTimersByTime(4999);
		expect(read).toHaveBeenCalledTimes(0);
		vi.advanceTimersByTime(1);
		expect(read).toHaveBeenCalledTimes(1);
	});

	it('reads at once on requestNow, inside the interval, and drops the read that was waiting', () => {
		const read = vi.fn(async () => {});
		const reader = new ThrottledReader(read, 5000);
		reader.request();
		vi.advanceTimersByTime(100);
		reader.requestNow();
		expect(read).toHaveBeenCalledTimes(1);
		// The next ordinary request waits its interval after the immediate read; the dropped one never runs.
		reader.request();
		vi.advanceTimersByTime(4999);
		expect(read).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(1);
		expect(read).toHaveBeenCalledTimes(2);
	});

	it('reads nothing once stopped', () => {
		const read = vi.fn(async () => {});
		const reader = new ThrottledReader(read, 5000);
		reader.request();
		reader.stop();
		reader.requestNow();
		vi.advanceTimersByTime(10_000);
		expect(read).toHaveBeenCalledTimes(0);
	});
});
