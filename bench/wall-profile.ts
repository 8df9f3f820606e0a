/**
 * Summarises a wall page's V8 CPU profile (`npm run bench:wall -- --replay --profile DIR`): the
 * main thread's time by where it went (bundle, or source file when the build has source maps:
 * `npx vite build --sourcemap`), and the heaviest functions by self and total time.
 *
 *   npx tsx bench/wall-profile.ts DIR/wall-ours.cpuprofile [build/client]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

interface Node {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	children?: number[];
}
interface Profile {
	nodes: Node[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

const [path, clientDir = 'build/client'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
const maps = new Map<string, TraceMap | null>();
const mapOf = (url: string) => {
	if (!maps.has(url)) {
		const file = join(clientDir, new URL(url, 'http://x').pathname) + '.map';
		maps.set(url, existsSync(file) ? new TraceMap(readFileSync(file, 'utf8')) : null);
	}
	return maps.get(url)!;
};
const nameOf = (node: Node) => {
	const { functionName, url, lineNumber, columnNumber } = node.callFrame;
	if (!url) return `(${functionName || 'program'})`;
	const map = url.startsWith('http') ? mapOf(url) : null;
	if (map) {
		const original = originalPositionFor(map, { line: lineNumber + 1, column: columnNumber });
		if (original.source) return `${original.name ?? functionName ?? '?'} ${original.source.replace(/^(\.\.\/)+/, '')}:${original.line}`;
	}
	return `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
};
const fileOf = (name: string) => {
	const where = name.split(' ')[1] ?? name;
	if (where.includes('node_modules/')) return where.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1');
	return where.replace(/:\d+$/, '');
};

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const self = new Map<number, number>();
profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
const total = (profile.endTime - profile.startTime) / 1000;

const selfByName = new Map<string, number>();
const totalByName = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [id, ms] of self) {
	const name = nameOf(byId.get(id)!);
	selfByName.set(name, (selfByName.get(name) ?? 0) + ms);
	byFile.set(fileOf(name), (byFile.get(fileOf(name)) ?? 0) + ms);
	// Inclusive: once per distinct name up the stack.
	const seen = new Set<string>();
	for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
		const upName = nameOf(byId.get(at)!);
		if (seen.has(upName)) continue;
		seen.add(upName);
		totalByName.set(upName, (totalByName.get(upName) ?? 0) + ms);
	}
}
const top = (entries: Map<string, number>, count: number) =>
	[...entries].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, ms]) => ({ ms: Math.round(ms), pct: Math.round((ms / total) * 1000) / 10, name }));
console.log(`profile ${Math.round(total)} ms`);
console.log('by file / package'), console.table(top(byFile, 15));
console.log('self'), console.table(top(selfByName, 25));
console.log('total'), console.table(top(totalByName, 40));
