import type { IncomingMessage } from 'node:http';

/** The raw body and parsed events of a load-generator post (the bench's baselines trust their input). */
export async function readBatch(req: IncomingMessage): Promise<{ body: Buffer; events: unknown[] }> {
	const parts: Buffer[] = [];
	for await (const chunk of req) parts.push(chunk as Buffer);
	const body = Buffer.concat(parts);
	return { body, events: (JSON.parse(body.toString('utf8')) as { events: unknown[] }).events };
}
