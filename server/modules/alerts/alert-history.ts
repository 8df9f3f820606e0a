/**
 * The alert history (/alerts): records filtered by kind, township and China-time day, newest
 * first, paged. A shift leader reads their township's only, a dispatcher the dispatch kinds
 * (vehicles, pickups, labs); commanders and admins all; other roles none.
 */
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { alertRecords, sites } from '../../db/schema/index';
import { alertArea, type AlertActor } from '../../../src/lib/domain/alert-scope';
import type { AlertRecordView } from '../../../src/lib/protocol/alert-events';
import { refuseAlert } from './alert-refusals';
import { toViews } from './alert-views';

export const HISTORY_PAGE_SIZE = 50;
export const HISTORY_ROLES = ['admin', 'commander', 'shift_leader', 'dispatcher'];

export interface HistoryFilter {
	kind?: string;
	townshipId?: string;
	day?: string;
	page?: number;
}

export interface AlertHistory {
	rows: AlertRecordView[];
	total: number;
	page: number;
	pageSize: number;
	/** Kinds and townships found in what the reader may see, for the filter's choices. */
	kinds: string[];
	townships: string[];
}

export async function alertHistory({ db, who, filter }: { db: Db; who: AlertActor; filter: HistoryFilter }): Promise<AlertHistory> {
	if (!HISTORY_ROLES.includes(who.role)) throw refuseAlert('role_not_allowed');
	const scope: SQL[] = [];
	if (who.role === 'shift_leader') scope.push(eq(alertRecords.townshipId, who.townshipId ?? '\u0000'));
	const seen = await db.selectDistinct({ kind: alertRecords.kind, townshipId: alertRecords.townshipId }).from(alertRecords).where(scope.length ? and(...scope) : undefined);
	const kindsSeen = [...new Set(seen.map((row) => row.kind))].filter((kind) => who.role !== 'dispatcher' || alertArea(kind) === 'dispatch').sort();
	if (who.role === 'dispatcher') scope.push(kindsSeen.length ? inArray(alertRecords.kind, kindsSeen) : sql`false`);
	const where = and(
		...scope,
		filter.kind ? eq(alertRecords.kind, filter.kind) : undefined,
		filter.townshipId ? eq(alertRecords.townshipId, filter.townshipId) : undefined,
		filter.day ? eq(alertRecords.day, filter.day) : undefined
	);
	const page = Math.max(1, Math.floor(filter.page ?? 1));
	const [rows, [{ n }]] = await Promise.all([
		db.select().from(alertRecords).where(where).orderBy(desc(alertRecords.raisedAt), desc(alertRecords.id)).limit(HISTORY_PAGE_SIZE).offset((page - 1) * HISTORY_PAGE_SIZE),
		db.select({ n: count() }).from(alertRecords).where(where)
	]);
	// The filter offers every township the reader may see (the county's sites' townships, a shift
	// leader's own), not only those that already had an alert: else it offered only 全部.
	const siteTownshipIds = (await db.selectDistinct({ townshipId: sites.townshipId }).from(sites)).map((row) => row.townshipId);
	const seenTownships = seen.filter((row) => kindsSeen.includes(row.kind)).map((row) => row.townshipId);
	const townships = [...new Set([...siteTownshipIds, ...seenTownships].filter((id): id is string => id !== null && (who.role !== 'shift_leader' || id === who.townshipId)))].sort();
	return { rows: await toViews(db, rows), total: n, page, pageSize: HISTORY_PAGE_SIZE, kinds: kindsSeen, townships };
}
