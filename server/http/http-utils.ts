import type { IncomingMessage, ServerResponse } from 'node:http';
import { issueText } from '../../src/lib/i18n/zod-issue-text';

/** A refusal a person reads, in both languages of the UI. */
export interface RefusalText {
	zh: string;
	en: string;
}

/**
 * A refusal of the HTTP layer itself (a body too large, not JSON, a malformed path). Operations
 * refuse with a ServiceError instead (server/modules/service-error.ts); both reach the client as
 * `{ error: <en>, code, message: { zh, en } }`.
 */
export class HttpError extends Error {
	/** Null for a refusal still written in English only (a file not yet converted). */
	readonly text: RefusalText | null;
	readonly code: string | null;
	constructor(
		readonly status: number,
		text: RefusalText | string,
		code: string | null = null
	) {
		super(typeof text === 'string' ? text : text.en);
		this.text = typeof text === 'string' ? null : text;
		this.code = code;
	}
}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
	return (await readBodyBytes(req, maxBytes)).toString('utf8');
}

/** Reads a request body, refusing more than maxBytes without buffering it. */
export async function readBodyBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
	const declared = Number(req.headers['content-length'] ?? NaN);
	if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(declared, maxBytes);
	const parts: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > maxBytes) {
			req.resume();
			throw new HttpError(413, { zh: `上传内容超过 ${sizeZh(maxBytes)} 的上限`, en: `body exceeds the limit of ${maxBytes} bytes` }, 'body_too_large');
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
	if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(declared, maxBytes);
	return (async function* () {
		let size = 0;
		for await (const chunk of req) {
			size += (chunk as Buffer).length;
			if (size > maxBytes) {
				req.resume();
				throw new HttpError(413, { zh: `上传内容超过 ${sizeZh(maxBytes)} 的上限`, en: `body exceeds the limit of ${maxBytes} bytes` }, 'body_too_large');
			}
			yield chunk as Buffer;
		}
		if (size === 0) throw new HttpError(400, { zh: what === 'file' ? '文件是空的' : '请求内容是空的', en: `the ${what} is empty` }, 'body_empty');
	})();
}

export async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
	const type = req.headers['content-type'] ?? '';
	if (!type.startsWith('application/json')) throw new HttpError(415, { zh: '请求内容须为 JSON（content-type: application/json）', en: 'content-type must be application/json' }, 'not_json');
	const text = await readBody(req, maxBytes);
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new HttpError(400, { zh: '请求内容不是有效的 JSON', en: `body is not valid JSON: ${(error as Error).message}` }, 'invalid_json');
	}
}

type Schema<T> = { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly unknown[] } } };

/** A value checked against a schema; a 400 naming the first wrong field, in zh and en, otherwise. */
export function validOrRefuse<T>(schema: Schema<T>, value: unknown, whole = 'body'): T {
	const parsed = schema.safeParse(value);
	if (!parsed.success) throw new HttpError(400, issueText(parsed.error.issues[0] as Parameters<typeof issueText>[0], value, whole), 'invalid_input');
	return parsed.data;
}

/** A JSON body checked against a schema; a 400 naming the first wrong field otherwise. */
export async function readValidJson<T>(req: IncomingMessage, schema: Schema<T>, maxBytes = 16 * 1024): Promise<T> {
	return validOrRefuse(schema, await readJson(req, maxBytes));
}

function sizeZh(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function tooLarge(declared: number, maxBytes: number): HttpError {
	return new HttpError(413, { zh: `上传内容有 ${sizeZh(declared)}，超过 ${sizeZh(maxBytes)} 的上限`, en: `body is ${declared} bytes; the limit is ${maxBytes}` }, 'body_too_large');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

/**
 * A refusal as every client reads it: `error` in English (what clients and scripts have always
 * read), a stable `code` to branch on, and `message` in both languages for pages to show.
 */
export function sendError(res: ServerResponse, status: number, text: RefusalText | string, code: string | null = null, extra: Record<string, unknown> = {}): void {
	if (typeof text === 'string') return sendJson(res, status, { error: text, ...(code ? { code } : {}), ...extra });
	sendJson(res, status, { error: text.en, ...(code ? { code } : {}), message: { zh: text.zh, en: text.en }, ...extra });
}

/** An HttpError as the client reads it. */
export function sendHttpError(res: ServerResponse, error: HttpError): void {
	sendError(res, error.status, error.text ?? error.message, error.code);
}
