/**
 * `?render=naive` in the page's address: every live layer replaced whole with setData on every
 * delta, no coalescing. The baseline that `npm run bench:wall` measures ours against.
 */
export const naiveRender = (): boolean => typeof location !== 'undefined' && new URLSearchParams(location.search).get('render') === 'naive';
