/**
 * The V8 flags every server process runs with: `npm start` and `npm run serve` (package.json, which
 * cannot import this and spells them out), `npm run start:cluster`, and the tests' and benches'
 * servers. Keep them the same everywhere.
 *
 * --max-semi-space-size=64 (MB, the young generation's halves; the default is 16): at a
 * megacity's load nearly every allocation (a request's events, their JSON, a tick's delta) dies
 * young, and with small semi-spaces the scavenger ran so often that collection took 9.2 % of the
 * process at 6,000 events/s; with 64 MB, 4.8 %, and loop lag p99 105 -> 43 ms (npm run bench --
 * --rate 6000 --server-node-args "--max-semi-space-size=64", with and without, 2026-11-30). It
 * costs some 80 MB of resident memory.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];
