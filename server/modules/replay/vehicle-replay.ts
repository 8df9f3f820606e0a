/**
 * Replay of vehicles' tracks over a window: the fixes to play back, and along each track its
 * stops (flagged where no vehicle should stop), distance, arrivals and departures at places, and
 * the custody events of the boxes it carried. Computed on every fix; only the fixes sent to the
 * browser are thinned when a window holds more than the page can draw smoothly. Fixes that would
 * show a transfer's pickup point (src/lib/domain/pickup-privacy.ts) are taken out first, for every
 * page, and nothing but the distance is computed from them.
 */
import { and, asc, eq, gte, inArray, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { boxHandovers, sampleBoxes, sites, vehicles } from '../../db/schema/index';
import { serviceErrors } from '../service-error';
import { issueText } from '../../../src/lib/i18n/zod-issue-text';
import { fenceAt, trackDistanceKm, trackFenceEvents, trackStops, type TrackFix } from '../../../src/lib/domain/vehicle-track';
import type { ReplayTrack, ReplayWindow } from '../../../src/lib/protocol/replay';
import { loadPlaces, loadTracks } from '../dispatch/vehicle-tracks';
import { loadPickupWatches, pickupScreen } from '../transfers/pickup-watches';

/** A replay covers at most a day: a morning, a shift, a night. */
const MAX_WINDOW_MS = 24 * 3_600_000;
/** Fixes sent to the browser for all vehicles together; beyond this the tracks are thinned evenly. */
const MAX_FIXES_SENT = 60_000;

const instant = (name: string) => z.iso.datetime({ offset: true, error: `${name} must be an ISO 8601 time with a zone, e.g. 2026-11-23T06:00:00+08:00` });
export const replayQuery = z
	.object({
		vehicles: z.string({ error: 'vehicles is required: "all" or vehicle codes separated by commas' }).min(1, 'vehicles is required: "all" or vehicle codes separated by commas'),
		from: instant('from'),
		to: instant('to')
	})
	.refine((query) => Date.parse(query.from) < Date.parse(query.to), { message: 'from must be before to', params: { zh: '开始时间须早于结束时间' } })
	.refine((query) => Date.parse(query.to) - Date.parse(query.from) <= MAX_WINDOW_MS, { message: 'a replay covers at most 24 hours', params: { zh: '回放时段最长 24 小时' } });

/** How a replay request says no. */
const refuse = serviceErrors({
	bad_query: { kind: 'invalid', text: (text: { zh: string; en: string }) => text },
	no_such_vehicle: { kind: 'not_found', text: ({ codes }: { codes: string[] }) => ({ zh: `没有这些车辆：${codes.join('、')}`, en: `vehicles: no vehicle ${codes.map((code) => `"${code}"`).join(', ')}` }) }
});

export function parseReplayQuery(search: URLSearchParams): z.infer<typeof replayQuery> {
	const raw = Object.fromEntries(search);
	const parsed = replayQuery.safeParse(raw);
	if (!parsed.success) throw refuse('bad_query', issueText(parsed.error.issues[0], raw, 'query'));
	return parsed.data;
}

/** Keeps every n-th fix (and the last) so that the tracks together stay under the limit. */
function thin(fixes: TrackFix[], keepEvery: number): TrackFix[] {
	if (keepEvery <= 1) return fixes;
	return fixes.filter((_, index) => index % keepEvery === 0 || index === fixes.length - 1);
}

/** The fix nearest in time, for a custody event recorded without a position. */
function nearestFix(fixes: TrackFix[], at: number): TrackFix | null {
	let best: TrackFix | null = null;
	for (const fix of fixes) if (best === null || Math.abs(fix.at - at) < Math.abs(best.at - at)) best = fix;
	return best;
}

export async function loadReplay(db: Db, query: z.infer<typeof replayQuery>): Promise<ReplayWindow> {
	const from = new Date(query.from);
	const to = new Date(query.to);
	const all = await db.select({ id: vehicles.id, name: vehicles.name, kind: vehicles.kind }).from(vehicles).orderBy(asc(vehicles.id));
	const wanted = query.vehicles === 'all' ? all : query.vehicles.split(',').map((code) => code.trim());
	const unknown = query.vehicles === 'all' ? [] : (wanted as string[]).filter((code) => !all.some((vehicle) => vehicle.id === code));
	if (unknown.length > 0) throw refuse('no_such_vehicle', { codes: unknown });
	const chosen = all.filter((vehicle) => query.vehicles === 'all' || (wanted as string[]).includes(vehicle.id));
	const ids = chosen.map((vehicle) => vehicle.id);
	const [tracks, places, custodyRows, watched] = await Promise.all([
		loadTracks(db, ids, from, to),
		loadPlaces(db),
		ids.length === 0
			? Promise.resolve([])
			: db
					.select({ at: boxHandovers.at, kind: boxHandovers.kind, boxId: boxHandovers.boxId, tubesCounted: boxHandovers.tubesCounted, vehicleId: boxHandovers.vehicleId, carrier: sampleBoxes.courierVehicleId, toParty: boxHandovers.toParty, lat: boxHandovers.lat, lon: boxHandovers.lon, siteName: sites.name })
					.from(boxHandovers)
					.innerJoin(sampleBoxes, eq(sampleBoxes.id, boxHandovers.boxId))
					.innerJoin(sites, eq(sites.id, sampleBoxes.siteId))
					.where(and(gte(boxHandovers.at, from), lte(boxHandovers.at, to), or(inArray(boxHandovers.vehicleId, ids), inArray(sampleBoxes.courierVehicleId, ids))))
					.orderBy(asc(boxHandovers.at)),
		loadPickupWatches(db, { from, to, vehicleIds: ids })
	]);
	const screen = pickupScreen(watched);
	const screened = new Map(ids.map((id) => [id, screen.track(id, tracks.get(id) ?? [])]));
	const totalFixes = [...screened.values()].reduce((sum, track) => sum + track.shown.length, 0);
	const keepEvery = Math.ceil(totalFixes / MAX_FIXES_SENT);
	const placeName = (id: string) => places.find((place) => place.id === id)?.name ?? id;
	const result: ReplayTrack[] = chosen.map((vehicle) => {
		const { shown: fixes, hidden } = screened.get(vehicle.id)!;
		return {
			id: vehicle.id,
			name: vehicle.name,
			kind: vehicle.kind,
			fixes: thin(fixes, keepEvery).map((fix) => [fix.at, fix.lat, fix.lon, fix.speedKmh ?? null]),
			hidden: hidden.map((span) => ({ from: new Date(span.from).toISOString(), to: new Date(span.to).toISOString() })),
			distanceKm: trackDistanceKm(tracks.get(vehicle.id) ?? []),
			stops: trackStops(fixes).map((stop) => {
				const place = fenceAt(stop, places);
				return { from: new Date(stop.from).toISOString(), to: new Date(stop.to).toISOString(), minutes: stop.minutes, lat: stop.lat, lon: stop.lon, placeName: place?.name ?? null, flagged: place === null };
			}),
			fenceEvents: trackFenceEvents(places, fixes).map((event) => ({ type: event.type, placeName: placeName(event.fenceId), at: new Date(event.at).toISOString() })),
			custody: custodyRows
				.filter((row) => (row.vehicleId ?? row.carrier) === vehicle.id)
				.map((row) => {
					const where = row.lat !== null && row.lon !== null ? { lat: row.lat, lon: row.lon } : nearestFix(fixes, row.at.getTime());
					return { at: row.at.toISOString(), kind: row.kind, boxId: row.boxId, siteName: row.siteName, toParty: row.toParty, tubesCounted: row.tubesCounted, lat: where?.lat ?? null, lon: where?.lon ?? null };
				})
		};
	});
	return { from: from.toISOString(), to: to.toISOString(), thinnedToEvery: keepEvery, vehicles: result };
}
