/**
 * Headless dashboards in a process of their own, so that decoding hundreds of thousands of updates
 * a second does not share one event loop with the measuring. Connects, records latency, and on
 * stdin "report" prints its histogram as one JSON line and exits.
 *
 * argv: <system: ours|naive|ceiling> <url[,url…]> <display token or -, one per dashboard, comma-separated>
 * Dashboards take the URLs (the hub processes of a cluster) in turn.
 */
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { LatencyHistogram } from './latency-histogram';
import { socketParser } from '../src/lib/realtime/socket-parser';

const [system, urlList, tokenList] = process.argv.slice(2);
const urls = urlList.split(',');
const tokens = tokenList.split(',');
const histogram = new LatencyHistogram();
/** Per reconnection, ms from the disconnect to the first delta after it. */
const gapsMs: number[] = [];
const closers: (() => void)[] = [];

for (const [n, token] of tokens.entries()) {
	const url = urls[n % urls.length];
	if (system === 'ceiling') {
		const socket = new WebSocket(url.replace('http', 'ws'));
		socket.on('message', (data) => {
			const now = Date.now();
			for (const event of (JSON.parse(String(data)) as { events: { at: string }[] }).events) histogram.record(now - Date.parse(event.at));
		});
		closers.push(() => socket.close());
	} else {
		// Ours speaks msgpack; the naive baseline, like most first versions, speaks JSON.
		const socket = io(url, { transports: ['websocket'], ...(system === 'ours' ? { parser: socketParser } : {}), forceNew: true, auth: token !== '-' ? { token } : {} });
		if (system === 'ours') {
			// A hub killed under load: how long from losing it to the next delta, through another hub.
			let lostAt: number | null = null;
			socket.on('disconnect', () => (lostAt ??= Date.now()));
			socket.on('vehicles:delta', (delta: { upserts: { fixAt: string }[] }) => {
				const now = Date.now();
				if (lostAt !== null) {
					gapsMs.push(now - lostAt);
					lostAt = null;
				}
				for (const vehicle of delta.upserts) histogram.record(now - Date.parse(vehicle.fixAt));
			});
		} else {
			socket.on('event', (event: { at: string }) => histogram.record(Date.now() - Date.parse(event.at)));
		}
		closers.push(() => socket.close());
	}
}
console.log('connected');

process.stdin.on('data', (chunk) => {
	if (!String(chunk).includes('report')) return;
	for (const close of closers) close();
	process.stdout.write(JSON.stringify({ histogram: histogram.toJSON(), gapsMs }) + '\n', () => process.exit(0));
});
