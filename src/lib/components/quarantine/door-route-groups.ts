/**
 * The officer's door-to-door stops grouped by route, as the officer sees them: the server numbers
 * routes county-wide (a village's routes could be 36 and 37 of "37"), so each village's routes are
 * renumbered 1, 2 … in the server's order. Routes holding a re-test (a positive pool's members)
 * come first: they are the urgent ones.
 */
export interface RoutedStop {
	village: string;
	route: number | null;
	stopOrder: number | null;
	retest: boolean;
	open: boolean;
}

export interface RouteGroup<S extends RoutedStop> {
	key: string;
	village: string;
	/** 1, 2 … within the village; null for stops not yet on a route. */
	number: number | null;
	stops: S[];
	retest: boolean;
	openStops: number;
}

export function groupByRoute<S extends RoutedStop>(stops: readonly S[]): RouteGroup<S>[] {
	const groups = new Map<string, RouteGroup<S>>();
	for (const stop of stops) {
		const key = `${stop.village}\u0000${stop.route ?? ''}`;
		const group = groups.get(key) ?? { key, village: stop.village, number: null, stops: [], retest: false, openStops: 0 };
		group.stops.push(stop);
		group.retest ||= stop.retest;
		if (stop.open) group.openStops += 1;
		groups.set(key, group);
	}
	const serverRoute = (group: RouteGroup<S>) => group.stops[0].route;
	const byVillage = new Map<string, number[]>();
	for (const group of groups.values()) {
		const route = serverRoute(group);
		if (route !== null) byVillage.set(group.village, [...(byVillage.get(group.village) ?? []), route]);
	}
	for (const group of groups.values()) {
		const route = serverRoute(group);
		if (route !== null) group.number = [...new Set(byVillage.get(group.village))].sort((a, b) => a - b).indexOf(route) + 1;
		group.stops.sort((a, b) => (a.stopOrder ?? Infinity) - (b.stopOrder ?? Infinity));
	}
	return [...groups.values()].sort(
		(a, b) => Number(b.retest) - Number(a.retest) || Number(b.openStops > 0) - Number(a.openStops > 0) || a.village.localeCompare(b.village, 'zh-CN') || (a.number ?? Infinity) - (b.number ?? Infinity)
	);
}
