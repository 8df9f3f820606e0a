/**
 * The y range of a wall chart of counts (people queueing, sampled per hour, tubes behind): from 0,
 * always, to a round number above the largest value. A chart whose axis starts near its data makes
 * a queue going from 150 to 170 look like a surge; from 0 it reads as the small rise it is.
 */

/** 1, 2, 2.5, 5 × 10ⁿ: the smallest at or above `value` (> 0). */
export function niceCeil(value: number): number {
	const power = 10 ** Math.floor(Math.log10(value));
	for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value - power * 1e-9) return step * power;
	return 10 * power;
}

/** [0, top]: top a round number at least a tenth above the largest value; [0, 1] with nothing above 0 to draw. */
export function countAxisRange(_min: number | null, max: number | null): [number, number] {
	if (max === null || !Number.isFinite(max) || max <= 0) return [0, 1];
	return [0, niceCeil(max * 1.1)];
}

/** Tick steps for counts: whole numbers only (no 0.5 person), 1, 2, 5 × 10ⁿ up to ten million. */
export const COUNT_INCRS: number[] = Array.from({ length: 8 }, (_, power) => [1, 2, 5].map((step) => step * 10 ** power)).flat();
