/**
 * The sequence rule of every live layer, kept apart from Svelte so it is unit-tested on its own:
 * a delta applies only directly on top of the state it follows; an old one is ignored; a jump
 * means frames were lost and the layer must be fetched whole.
 */
export type DeltaVerdict = 'apply' | 'ignore' | 'gap';

export function judgeDelta(current: number | null, incoming: number): DeltaVerdict {
	// No snapshot yet: the snapshot on its way will include this change.
	if (current === null) return 'ignore';
	if (incoming <= current) return 'ignore';
	if (incoming === current + 1) return 'apply';
	return 'gap';
}
