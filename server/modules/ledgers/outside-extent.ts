/**
 * Rows placed outside the county (src/lib/domain/county-extent.ts): found after the rows are
 * checked, held back unless the importer confirms them. The extent comes from the places already
 * registered (sites, labs, regions with coordinates), or from the file itself when none are.
 */
import { isNotNull } from 'drizzle-orm';
import { extentAround, extentAroundMedian, kmOutside, withinExtent, type Extent } from '../../../src/lib/domain/county-extent';
import type { LedgerDefinition } from '../../../src/lib/ledgers/ledger';
import type { Db } from '../../db/client';
import { labs, regions, sites } from '../../db/schema/index';

export interface OutsideRow {
	row: number;
	/** "lon, lat" as in the file; null for a household, whose place is personal data. */
	value: string | null;
	/** Roughly how far beyond the county's extent. */
	km: number;
}

export interface OutsideCheck {
	extent: Extent | null;
	rows: OutsideRow[];
}

async function registryExtent(db: Db): Promise<Extent | null> {
	const [siteRows, labRows, regionRows] = await Promise.all([
		db.select({ lat: sites.lat, lon: sites.lon }).from(sites),
		db.select({ lat: labs.lat, lon: labs.lon }).from(labs),
		db.select({ lat: regions.lat, lon: regions.lon }).from(regions).where(isNotNull(regions.lat))
	]);
	const points = [...siteRows, ...labRows, ...regionRows].filter((point): point is { lat: number; lon: number } => point.lat !== null && point.lon !== null);
	return extentAround(points);
}

const pointOf = (record: unknown) => {
	const { longitude, latitude } = record as { longitude?: unknown; latitude?: unknown };
	return typeof longitude === 'number' && typeof latitude === 'number' ? { lat: latitude, lon: longitude } : null;
};

export async function findRowsOutside(db: Db, definition: LedgerDefinition<unknown>, records: { row: number; record: unknown }[]): Promise<OutsideCheck> {
	const located = records.flatMap(({ row, record }) => {
		const point = pointOf(record);
		return point ? [{ row, point }] : [];
	});
	if (located.length === 0) return { extent: null, rows: [] };
	const extent = (await registryExtent(db)) ?? extentAroundMedian(located.map((each) => each.point));
	if (!extent) return { extent: null, rows: [] };
	const personal = definition.columns.some((column) => column.key === 'longitude' && column.personal);
	const rows = located
		.filter(({ point }) => !withinExtent(point, extent))
		.map(({ row, point }) => ({ row, value: personal ? null : `${point.lon}, ${point.lat}`, km: kmOutside(point, extent) }));
	return { extent, rows };
}
