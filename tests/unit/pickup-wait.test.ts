/** Couriers collect from each site every 2 hours (001): a box left longer alerts the dispatcher, by site. */
import { describe, expect, it } from 'vitest';
import { pickupsOverdue } from '../../src/lib/domain/pickup-wait';

const now = Date.parse('2026-11-30T14:00:00+08:00');
const ago = (minutes: number) => now - minutes * 60_000;

describe('pickupsOverdue', () => {
	it('lists a site whose sealed box has waited over 2 hours, with its boxes and tubes, the longest first', () => {
		const sites = pickupsOverdue(
			[
				{ id: 'a1', siteId: 'baifan', sealedAt: ago(130), tubes: 30, collected: false },
				{ id: 'a2', siteId: 'baifan', sealedAt: ago(150), tubes: 20, collected: false },
				{ id: 'b1', siteId: 'jinlan', sealedAt: ago(190), tubes: 10, collected: false },
				{ id: 'c1', siteId: 'lixin', sealedAt: ago(119), tubes: 10, collected: false },
				{ id: 'd1', siteId: 'hongxin', sealedAt: ago(300), tubes: 10, collected: true }
			],
			now
		);
		expect(sites).toEqual([
			{ siteId: 'jinlan', boxes: 1, tubes: 10, oldestSealedAt: ago(190), waitedMinutes: 190, critical: true },
			{ siteId: 'baifan', boxes: 2, tubes: 50, oldestSealedAt: ago(150), waitedMinutes: 150, critical: false }
		]);
	});

	it('exactly 2 hours is still on time; nothing waiting is no alert', () => {
		expect(pickupsOverdue([{ id: 'a', siteId: 's', sealedAt: ago(120), tubes: 1, collected: false }], now)).toEqual([]);
		expect(pickupsOverdue([], now)).toEqual([]);
	});
});
