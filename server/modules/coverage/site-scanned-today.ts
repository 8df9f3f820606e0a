/** Members registered at a site today (sampled_members, China-time day): the site tablet's count. */
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sampledMembers } from '../../db/schema/index';
import { serviceDay } from '../../../src/lib/domain/service-day';

export async function siteScannedToday(db: Db, siteId: string, now = Date.now()): Promise<number> {
	const [row] = await db.select({ n: count() }).from(sampledMembers).where(and(eq(sampledMembers.day, serviceDay(now)), eq(sampledMembers.siteId, siteId)));
	return Number(row?.n ?? 0);
}
