/**
 * What `npm run bench:wall` measures as "main-thread ms per update", an update being a delta:
 * its handling on the main thread (the socket through Svelte's effects, and the map update when
 * that happens within the delta's tick, as in the naive variant) plus its share of the coalesced
 * map update that later carried it to the map (ours: that update's time divided among the deltas
 * it carried). The sum over the updates is all the main-thread time the live data cost, so the
 * bench can also report it per second, which no way of counting updates can flatter. A map update
 * no delta led to (the clock turning vehicles silent) counts as an update of its own.
 * Off unless the bench set the array.
 */
type Timed = { __ccUpdateMs?: number[] };

let handling = false;
/** Per layer, indexes in the timings of its deltas handled since its map source was last updated outside a delta. */
const carried = new Map<string, number[]>();

const timings = () => (globalThis as Timed).__ccUpdateMs;

/** Call at a delta's start; call the returned function with its time once its tick settled. */
export function deltaStarted(layer: string): ((ms: number) => void) | null {
	if (!timings()) return null;
	handling = true;
	return (ms) => {
		handling = false;
		const list = timings();
		if (!list) return;
		carried.set(layer, [...(carried.get(layer) ?? []), list.length]);
		list.push(ms);
	};
}

/** Runs a map update (setData / updateData); outside a delta's tick, timed and shared among the deltas it carries. */
export function timedMapUpdate(update: () => void, layer = ''): void {
	const list = timings();
	if (!list || handling) return update();
	const started = performance.now();
	update();
	const ms = performance.now() - started;
	// The bench may have emptied the list since (a new measuring window): only indexes still in it.
	const shares = (carried.get(layer) ?? []).filter((index) => index < list.length);
	carried.delete(layer);
	if (shares.length === 0) list.push(ms);
	else for (const index of shares) list[index] += ms / shares.length;
}
