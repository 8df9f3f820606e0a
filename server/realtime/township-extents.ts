/**
 * Where each township of the county is, as a hub learns it from the sites layer: the box around the
 * township's sites widened by TOWNSHIP_MARGIN_M (src/lib/domain/township-extent.ts). Seeded from
 * the live store's sites snapshot (at start and whenever the hub reads one for a socket) and kept
 * up by the sites deltas the hub relays. A site remembers the sequence number it was learned at, so
 * an older snapshot read while newer deltas arrived never puts a moved or removed site back.
 */
import { extentWidenedByMetres, type Extent } from '../../src/lib/domain/township-extent';
import type { Delta, SiteEntity, Snapshot } from '../../src/lib/protocol/index';

interface KnownSite {
	seq: number;
	/** Null once removed (kept, with its seq, so an older snapshot does not bring it back). */
	place: { townshipId: string; lat: number; lon: number } | null;
}

export class TownshipExtents {
	private readonly sites = new Map<string, KnownSite>();
	/** Computed on demand; a township whose sites changed is dropped from here. */
	private readonly extents = new Map<string, Extent | null>();

	constructor(private readonly marginM?: number) {}

	/** A snapshot of the sites layer: every site in it, unless a newer delta already told of it. */
	learnSnapshot(snapshot: Snapshot<'sites'>): void {
		for (const site of snapshot.entities) this.learn(site.id, snapshot.seq, site);
	}

	/** A delta of the sites layer: its upserts and removals. */
	learnDelta(delta: Delta<'sites'>): void {
		for (const site of delta.upserts) this.learn(site.id, delta.seq, site);
		for (const id of delta.removes) this.learn(id, delta.seq, null);
	}

	/** The township's extent; null while no site of it is known (its board then shows no vehicle). */
	extentOf(townshipId: string): Extent | null {
		if (!this.extents.has(townshipId)) {
			const places = [...this.sites.values()].flatMap((site) => (site.place?.townshipId === townshipId ? [site.place] : []));
			this.extents.set(townshipId, extentWidenedByMetres(places, this.marginM));
		}
		return this.extents.get(townshipId)!;
	}

	private learn(id: string, seq: number, site: Pick<SiteEntity, 'townshipId' | 'lat' | 'lon'> | null): void {
		const known = this.sites.get(id);
		if (known && known.seq > seq) return;
		const place = site ? { townshipId: site.townshipId, lat: site.lat, lon: site.lon } : null;
		const was = known?.place ?? null;
		this.sites.set(id, { seq, place });
		// A queue reading changes a site every tick; its place seldom. Only a move touches the extents.
		if (was?.townshipId === place?.townshipId && was?.lat === place?.lat && was?.lon === place?.lon) return;
		if (was) this.extents.delete(was.townshipId);
		if (place) this.extents.delete(place.townshipId);
	}
}
