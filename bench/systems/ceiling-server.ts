/**
 * The ceiling, written for the bench: a raw WebSocket server that encodes each received batch once
 * and sends the same frame to every client. No validation, no storage, no per-room work: the most
 * this machine can fan out.
 */
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readBatch } from './read-batch';
import { WebSocketServer } from 'ws';

const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
const server = createServer(async (req, res) => {
	if (req.url === '/metrics') return void res.end(`event_loop_lag_p99_ms ${lag.percentile(99) / 1e6}\n`);
	const { body, events } = await readBatch(req);
	for (const client of wss.clients) client.send(body);
	res.setHeader('content-type', 'application/json');
	res.end(JSON.stringify({ accepted: events.length }));
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as { port: number }).port}`));
