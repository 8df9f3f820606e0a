/**
 * The naive baseline, written for the bench: every event emitted to every socket as JSON as it
 * arrives, no coalescing, no rooms, no persistence. What a first version of a dashboard often is.
 */
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readBatch } from './read-batch';
import { Server } from 'socket.io';

const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
const server = createServer(async (req, res) => {
	if (req.url === '/metrics') return void res.end(`event_loop_lag_p99_ms ${lag.percentile(99) / 1e6}\n`);
	const { events } = await readBatch(req);
	for (const event of events) io.emit('event', event);
	res.setHeader('content-type', 'application/json');
	res.end(JSON.stringify({ accepted: events.length }));
});
const io = new Server(server, { serveClient: false });
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as { port: number }).port}`));
