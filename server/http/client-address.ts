import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, as a key for per-address limits. Behind one trusted reverse
 * proxy (TRUST_PROXY) it is the last entry of X-Forwarded-For, the one that proxy appended;
 * otherwise the header is anyone's to write and is ignored. An IPv6 client counts by its /64, the
 * block a single subscriber is usually given.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
	const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',').pop()?.trim() : '';
	return addressKey(forwarded || req.socket.remoteAddress || 'unknown');
}

export function addressKey(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return mapped[1];
	if (!address.includes(':')) return address;
	const [head, tail = ''] = address.split('%')[0].toLowerCase().split('::');
	const left = head ? head.split(':') : [];
	const right = address.includes('::') ? (tail ? tail.split(':') : []) : [];
	const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
	return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
