/**
 * The risk-zone ledger meets the database through the commands a commander's page uses
 * (server/modules/quarantine/add-, redraw-, lift-risk-zone.ts), in the import's transaction: a name
 * with no standing zone is drawn (at its 划定时间), a standing zone whose type or outline differs is
 * redrawn, and one with 解除时间 is lifted at that time. An outline is converted to WGS-84 first, from
 * the row's 坐标系 or the import's, as the sites' and households' positions are. Their events go to the command outbox with
 * the batch, as an officer's would. A row that changes nothing (an export imported back) is unchanged.
 */
import { desc } from 'drizzle-orm';
import { riskZones } from '../../../db/schema/index';
import type { ZoneRecord } from '../../../../src/lib/ledgers/definitions';
import type { LedgerIssue } from '../../../../src/lib/ledgers/validate-ledger';
import type { ZonePolygon } from '../../../../src/lib/domain/risk-zones';
import { polygonToWgs84 } from '../../../../src/lib/domain/coordinates';
import { commandEmitter, stageCommandEvents, type Tx as CommandTx } from '../../command-events';
import { addZoneInTransaction } from '../../quarantine/add-risk-zone';
import { redrawZoneInTransaction } from '../../quarantine/redraw-risk-zone';
import { liftZoneInTransaction } from '../../quarantine/lift-risk-zone';
import type { Db } from '../../../db/client';
import type { LedgerStore } from './ledger-store';

/** A zone's row whose lift reason a ledger does not give. */
const IMPORTED_LIFT_REASON = '台账导入：按解除时间解除';

type ZoneRow = typeof riskZones.$inferSelect;

/** The zone a name stands for: its standing zone, else the latest drawn under it. */
async function zonesByName(db: Db): Promise<Map<string, ZoneRow>> {
	const rows = await db.select().from(riskZones).orderBy(desc(riskZones.startsAt));
	const byName = new Map<string, ZoneRow>();
	for (const row of rows) {
		const known = byName.get(row.name);
		if (!known || (known.liftedAt && !row.liftedAt)) byName.set(row.name, row);
	}
	return byName;
}

export const zonesStore: LedgerStore<ZoneRecord> = {
	async references(db, records) {
		const byName = await zonesByName(db);
		const issues: LedgerIssue[] = [];
		for (const { row, record } of records) {
			const zone = byName.get(record.name);
			if (!zone || zone.liftedAt || !record.liftedAt) continue;
			if (Date.parse(record.liftedAt) < zone.startsAt.getTime()) issues.push({ row, column: '解除时间', value: record.liftedAt, message: 'is before 划定时间' });
		}
		return issues;
	},

	async write(tx, records, options) {
		const byName = await zonesByName(tx as unknown as Db);
		const now = options.now.getTime();
		const { events, emit } = commandEmitter(options.by, now);
		const commandTx = tx as unknown as CommandTx;
		const counts = { created: 0, updated: 0, unchanged: 0 };
		for (const record of records) {
			const known = byName.get(record.name);
			const liftAt = record.liftedAt ? Date.parse(record.liftedAt) : null;
			const reason = record.liftReason ?? IMPORTED_LIFT_REASON;
			const boundary = polygonToWgs84(record.boundary, record.crs ?? options.crs);
			if (known && !known.liftedAt) {
				const changed = known.level !== record.level || JSON.stringify(known.polygon) !== JSON.stringify(boundary);
				if (changed) await redrawZoneInTransaction(commandTx, emit, { actor: options.by, now }, known.id, { level: record.level, polygon: boundary });
				if (liftAt !== null) await liftZoneInTransaction(commandTx, emit, { actor: options.by, now: liftAt }, known.id, reason);
				counts[changed || liftAt !== null ? 'updated' : 'unchanged']++;
				continue;
			}
			// The name's zone was lifted: the same row again is the history; a row without 解除时间 draws it anew.
			if (known && liftAt !== null) {
				counts.unchanged++;
				continue;
			}
			const drawnAt = record.drawnAt ? Date.parse(record.drawnAt) : now;
			const zoneId = await addZoneInTransaction(commandTx, emit, { actor: options.by, now: drawnAt }, { name: record.name, level: record.level, regionId: null, polygon: boundary });
			if (liftAt !== null) await liftZoneInTransaction(commandTx, emit, { actor: options.by, now: liftAt }, zoneId, reason);
			counts.created++;
		}
		await stageCommandEvents(commandTx, events);
		return counts;
	},

	async read(db) {
		const byName = await zonesByName(db);
		return [...byName.values()]
			.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.name.localeCompare(b.name))
			.map((zone) => ({
				name: zone.name, level: zone.level, boundary: zone.polygon as ZonePolygon, crs: 'wgs84' as const, drawnAt: zone.startsAt.toISOString(),
				liftedAt: zone.liftedAt?.toISOString() ?? null, liftReason: zone.liftedAt ? zone.liftReason : null
			}));
	}
};
