/**
 * Box codes on a courier's phone. A code is long and carries the sealing tablet's (or the demo's)
 * site id: `tablet-site-baifan-box-lx3k2a-ab12cd`, `box-sim-…-site-baifan-17`. Its last part is
 * what tells boxes apart (a tablet's random tail, the demo's counter), so the courier may type
 * just that; the full code is what is posted, and only a code that names exactly one of the
 * boxes listed for the courier is taken.
 */

/** The part of a code a person reads and types: after the last '-', or the whole code without one. */
export function shortBoxCode(id: string): string {
	const tail = id.slice(id.lastIndexOf('-') + 1);
	return tail.length > 0 ? tail : id;
}

export type BoxCodeMatch<T> = { kind: 'found'; box: T } | { kind: 'ambiguous'; boxes: T[] } | { kind: 'unknown' };

/**
 * The box a typed or scanned code names among those listed: the full code (a scan) first, else the
 * boxes whose code ends with '-' and what was typed (case and spaces aside). Several such boxes
 * are ambiguous: nothing is picked for the courier.
 */
export function matchBoxCode<T extends { id: string }>(typed: string, boxes: readonly T[]): BoxCodeMatch<T> {
	const code = typed.trim().toLowerCase();
	if (code.length === 0) return { kind: 'unknown' };
	const exact = boxes.find((box) => box.id.toLowerCase() === code);
	if (exact) return { kind: 'found', box: exact };
	const ending = boxes.filter((box) => box.id.toLowerCase().endsWith(`-${code}`));
	if (ending.length === 1) return { kind: 'found', box: ending[0] };
	return ending.length > 1 ? { kind: 'ambiguous', boxes: ending } : { kind: 'unknown' };
}
