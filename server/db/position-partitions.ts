/**
 * Creates the day partitions of the position history (migration 0003) ahead of time: today's and
 * tomorrow's, so that a partition always exists before its first fix arrives. A partition cannot
 * be created for a day that already has rows in positions_default; such a day stays in the
 * default partition, which is still correct, only slower to drop. Dropping old days is a
 * `DROP TABLE positions_YYYYMMDD` (docs/deploy.md).
 */
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { nextServiceDay, serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';

export const positionPartitionName = (day: string) => `positions_${day.replaceAll('-', '')}`;

export async function ensurePositionPartitions(db: Db, now: number, logger?: Pick<Console, 'warn'>): Promise<void> {
	const today = serviceDay(now);
	for (const day of [today, nextServiceDay(today)]) {
		const from = new Date(serviceDayStart(day)).toISOString();
		const to = new Date(serviceDayStart(nextServiceDay(day))).toISOString();
		try {
			await db.execute(sql.raw(`CREATE TABLE IF NOT EXISTS "${positionPartitionName(day)}" PARTITION OF "positions" FOR VALUES FROM ('${from}') TO ('${to}')`));
		} catch (error) {
			logger?.warn(`positions: no partition for ${day}, its fixes stay in positions_default: ${(error as Error).message}`);
		}
	}
}
