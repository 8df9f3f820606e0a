/**
 * The one Socket.io server of a node, shared by the hub (browsers, main namespace) and ingest
 * (devices, /device): origin allow-list in allowRequest (the cors option does not stop WebSocket
 * connections from other origins), msgpack frames, a 64 KB message limit.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { socketParser } from '../../src/lib/realtime/socket-parser';

export const MAX_MESSAGE_BYTES = 64 * 1024;

export function createIoServer(httpServer: HttpServer, allowedOrigins: string[]): Server {
	return new Server(httpServer, {
		serveClient: false,
		parser: socketParser,
		// Off, so that one encoded frame serves every socket of a room.
		perMessageDeflate: false,
		maxHttpBufferSize: MAX_MESSAGE_BYTES,
		allowRequest: (req, callback) => {
			const origin = req.headers.origin;
			if (!origin) return callback(null, true);
			let host: string | null = null;
			try {
				host = new URL(origin).host;
			} catch {
				// Not a URL: refused below.
			}
			const allowed = host === req.headers.host || allowedOrigins.includes(origin);
			callback(allowed ? null : 'origin not allowed', allowed);
		}
	});
}
