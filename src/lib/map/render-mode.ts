/**
 * How the live layers reach the map. `?render=naive` in the page's address: every live layer replaced whole with setData on every
 * delta, no coalescing. The baseline that `npm run bench:wall` measures ours against.
 */
export const naiveRender = (): boolean => typeof location !== 'undefined' && new URLSearchParams(location.search).get('render') === 'naive';

/** `?render=gpu`: the GPU point layer for the fleet whatever its size (FleetLayer; by default only past a few thousand vehicles), to see and test it on a county's demo. */
export const gpuFleetRender = (): boolean => typeof location !== 'undefined' && new URLSearchParams(location.search).get('render') === 'gpu';
