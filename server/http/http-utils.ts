import type { IncomingMessage, ServerResponse } from 'node:http';

export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
	return (await readBodyBytes(req, maxBytes)).toString('utf8');
}

/** Reads a request body, refusing more than maxBytes without buffering it. */
export async function readBodyBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
	const declared = Number(req.headers['content-length'] ?? NaN);
	if (Number.isFinite(declared) && declared > maxBytes) throw new HttpError(413, `body is ${declared} bytes; the limit is ${maxBytes}`);
	const parts: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > maxBytes) {
			req.resume();
			throw new HttpError(413, `body exceeds the limit of ${maxBytes} bytes`);
		}
		parts.push(chunk as Buffer);
	}
	return Buffer.concat(parts);
}

/**
 * A request body as it arrives, for a consumer that streams it on: refuses a declared length over
 * maxBytes at once, stops with a 413 when more arrives, and with a 400 when there is nothing.
 */
export function bodyChunks(req: IncomingMessage, maxBytes: number, what = 'body'): AsyncIterable<Uint8Array> {
	const declared = Number(req.headers['content-length'] ?? NaN);
	if (Number.isFinite(declared) && declared > maxBytes) throw new HttpError(413, `body is ${declared} bytes; the limit is ${maxBytes}`);
	return (async function* () {
		let size = 0;
		for await (const chunk of req) {
			size += (chunk as Buffer).length;
			if (size > maxBytes) {
				req.resume();
				throw new HttpError(413, `body exceeds the limit of ${maxBytes} bytes`);
			}
			yield chunk as Buffer;
		}
		if (size === 0) throw new HttpError(400, `the ${what} is empty`);
	})();
}

export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
	const type = req.headers['content-type'] ?? '';
	if (!type.startsWith('application/json')) throw new HttpError(415, 'content-type must be application/json');
	const text = await readBody(req, maxBytes);
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new HttpError(400, `body is not valid JSON: ${(error as Error).message}`);
	}
}

/** A JSON body checked against a schema; a 400 naming the first wrong field otherwise. */
export async function readValidJson<T>(req: IncomingMessage, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, maxBytes = 16 * 1024): Promise<T> {
	const parsed = schema.safeParse(await readJson(req, maxBytes));
	if (!parsed.success) throw new HttpError(400, `${parsed.error.issues[0].path.join('.') || 'body'}: ${parsed.error.issues[0].message}`);
	return parsed.data;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

export function sendError(res: ServerResponse, status: number, message: string): void {
	sendJson(res, status, { error: message });
}
