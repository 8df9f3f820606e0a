/**
 * The wall's camera: the county view, a short visit to a critical alert, and the optional tour of
 * the hottest townships. Pure planning (which view next) is separate from moving the map.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { SiteEntity } from '$lib/protocol';
import { newCriticalAlerts, type Alert } from '$lib/domain/alerts';

export interface Bounds {
	south: number;
	west: number;
	north: number;
	east: number;
}

/** Pixels of the map covered by panels on each side: the camera frames what is left free. */
export interface Padding {
	top: number;
	right: number;
	bottom: number;
	left: number;
}

export const NO_PADDING: Padding = { top: 0, right: 0, bottom: 0, left: 0 };

export const ALERT_VISIT_MS = 8000;
export const ALERT_ZOOM = 14;

/** The townships with the most people queueing, with the bounds of their sites, hottest first. */
export function hottestTownships(sites: Iterable<SiteEntity>, count = 3): { townshipId: string; queueing: number; bounds: Bounds }[] {
	const byTownship = new Map<string, { queueing: number; bounds: Bounds }>();
	for (const site of sites) {
		const entry = byTownship.get(site.townshipId) ?? { queueing: 0, bounds: { south: site.lat, west: site.lon, north: site.lat, east: site.lon } };
		entry.queueing += site.queueLength;
		entry.bounds = { south: Math.min(entry.bounds.south, site.lat), west: Math.min(entry.bounds.west, site.lon), north: Math.max(entry.bounds.north, site.lat), east: Math.max(entry.bounds.east, site.lon) };
		byTownship.set(site.townshipId, entry);
	}
	return [...byTownship.entries()]
		.map(([townshipId, entry]) => ({ townshipId, ...entry }))
		.sort((a, b) => b.queueing - a.queueing || a.townshipId.localeCompare(b.townshipId))
		.slice(0, count);
}

/**
 * The critical alert the wall's camera visits next, if any: only one that appeared while the page
 * is open. An alert already standing before the page loaded (its since older than the page) is
 * listed, never flown to, so reloading a wall does not replay a fly-to. Until the page knows when
 * the standing alerts began (the overview's alertsSince, kept by the server), nothing is visited:
 * a standing alert derived from the live layers alone would look as new as the page. Pure.
 */
export function alertToVisit(alerts: Alert[], visited: ReadonlySet<string>, pageOpenedAt: number, sinceKnown: boolean): Alert | null {
	if (!sinceKnown) return null;
	return newCriticalAlerts(alerts, visited).find((alert) => alert.since >= pageOpenedAt) ?? null;
}

export function showBounds(map: MapLibreMap, bounds: Bounds, durationMs = 1500): void {
	map.fitBounds([bounds.west, bounds.south, bounds.east, bounds.north], { padding: 48, duration: durationMs, maxZoom: 15 });
}

/** The bounds of some [lon, lat] points, or null when there are none. Pure. */
export function boundsOfPoints(points: Iterable<readonly [number, number]>): Bounds | null {
	let bounds: Bounds | null = null;
	for (const [lon, lat] of points) {
		bounds = bounds
			? { south: Math.min(bounds.south, lat), west: Math.min(bounds.west, lon), north: Math.max(bounds.north, lat), east: Math.max(bounds.east, lon) }
			: { south: lat, west: lon, north: lat, east: lon };
	}
	return bounds;
}
