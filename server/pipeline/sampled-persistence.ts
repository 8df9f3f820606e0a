/**
 * People sampled (site.sampled) into sampled_members: one row per member and service day (China
 * time), the first sample standing (ON CONFLICT DO NOTHING on the day and member, and the batch's
 * rows go in device-time order), so a resent batch, a second scan or a replay after a crash
 * changes nothing. The members were resolved against the roster at ingest (a household code
 * already expanded): no code reaches this table that is not on the roster, and never an ID number
 * (the wire refuses one).
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sampledMembers } from '../db/schema/index';
import { serviceDay } from '../../src/lib/domain/service-day';
import type { NormalizedEvent, NormalizedSampled } from './normalized-event';
import { insertUnnest, type UnnestColumn } from './unnest-insert';

interface SampledRow {
	day: string;
	memberCode: string;
	siteId: string;
	via: 'site' | 'door_to_door';
	tube: string;
	at: string;
	eventId: string;
	deviceId: string;
}

const COLUMNS: UnnestColumn<SampledRow>[] = [
	{ name: 'day', type: 'text', value: (row) => row.day },
	{ name: 'member_code', type: 'text', value: (row) => row.memberCode },
	{ name: 'site_id', type: 'text', value: (row) => row.siteId },
	{ name: 'via', type: 'text', value: (row) => row.via },
	{ name: 'tube', type: 'text', value: (row) => row.tube },
	{ name: 'sampled_at', type: 'timestamptz', value: (row) => row.at },
	{ name: 'event_id', type: 'text', value: (row) => row.eventId },
	{ name: 'device_id', type: 'text', value: (row) => row.deviceId }
];

/** Rows per statement: 8 parameters each, whatever the count. */
const CHUNK = 5_000;

/** The rows of a batch's site.sampled events, earliest first, one per member and day (the first stands). */
export function sampledRows(events: readonly NormalizedEvent[]): SampledRow[] {
	const sampled = events.filter((event): event is NormalizedSampled => event.type === 'site.sampled').sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
	const rows = new Map<string, SampledRow>();
	for (const event of sampled) {
		const day = serviceDay(Date.parse(event.at));
		for (const member of event.members ?? []) {
			const key = `${day} ${member.memberCode}`;
			if (!rows.has(key)) rows.set(key, { day, memberCode: member.memberCode, siteId: event.siteId, via: event.via, tube: member.tube, at: event.at, eventId: event.id, deviceId: event.deviceId });
		}
	}
	return [...rows.values()];
}

type Tx = Parameters<typeof insertUnnest>[0];

export async function persistSampled(tx: Tx, events: readonly NormalizedEvent[]): Promise<void> {
	const rows = sampledRows(events);
	for (let start = 0; start < rows.length; start += CHUNK) await insertUnnest(tx, 'sampled_members', COLUMNS, rows.slice(start, start + CHUNK), '(day, member_code) do nothing');
}

/** Today's sampled members, at a site or (siteId null) at home by a mobile team, earliest first, for the live state after a restart. */
export async function scannedOn(db: Db, day: string): Promise<{ siteId: string | null; memberCode: string }[]> {
	const rows = await db.select({ siteId: sampledMembers.siteId, memberCode: sampledMembers.memberCode }).from(sampledMembers).where(eq(sampledMembers.day, day)).orderBy(sql`${sampledMembers.sampledAt}`);
	return rows;
}
