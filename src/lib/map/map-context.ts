import { getContext, setContext } from 'svelte';
import type { Map as MapLibreMap } from 'maplibre-gl';

const KEY = Symbol('map');

/** MapView provides its map to the renderless layer components inside it. */
export function provideMap(getMap: () => MapLibreMap): void {
	setContext(KEY, getMap);
}

export function useMap(): MapLibreMap {
	const getMap = getContext<(() => MapLibreMap) | undefined>(KEY);
	if (!getMap) throw new Error('a map layer must be placed inside <MapView>');
	return getMap();
}
