/**
 * What a device credential may report for must exist: a site tablet's site, a courier phone's
 * vehicle, a lab system's lab. A credential for a mistyped id would be issued, handed out, and then
 * every report of that device refused at ingest; so it is refused here, naming the closest ids that
 * do exist. A platform gateway's scope is "*" (every registered device behind it). A quarantine
 * device (a village team's phone or a thermometer) is scoped to villages: their ids, comma-separated.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { labs, regions, sites, vehicles } from '../../db/schema/index';
import { closestRegionIds } from '../../auth/user-scope';
import { serviceErrors } from '../service-error';
import type { DeviceKind } from './credentials';

const WHAT = {
	site_tablet: { zh: '采样点', en: 'site' },
	courier_phone: { zh: '车辆', en: 'vehicle' },
	lab_system: { zh: '实验室', en: 'lab' },
	quarantine_device: { zh: '村（社区）', en: 'village' }
} as const;

/** A quarantine device's villages from its stored scope ("v1,v2"); empty entries are dropped. */
export function villagesOfDeviceScope(scopeId: string): string[] {
	return [...new Set(scopeId.split(',').map((id) => id.trim()).filter((id) => id.length > 0))];
}

const refuse = serviceErrors({
	device_scope_unknown: {
		kind: 'invalid',
		text: ({ kind, scopeId, closest }: { kind: keyof typeof WHAT; scopeId: string; closest: string[] }) => ({
			zh: `没有编号为 "${scopeId}" 的${WHAT[kind].zh}，未签发设备凭证；${closest.length > 0 ? `最接近的现有编号：${closest.join('、')}` : `尚无任何${WHAT[kind].zh}，请先导入台账`}`,
			en: `no ${WHAT[kind].en} "${scopeId}" exists, so no device credential was issued; ${closest.length > 0 ? `closest existing ids: ${closest.join(', ')}` : `no ${WHAT[kind].en} exists yet: import its ledger first`}`
		})
	},
	gateway_scope: {
		kind: 'invalid',
		text: () => ({ zh: '平台接入凭证的范围必须是 "*"', en: 'a platform gateway credential has the scope "*"' })
	}
});

/** Throws a ServiceError when the device's scope names nothing that exists. */
export async function assertDeviceScopeExists(db: Db, kind: DeviceKind, scopeId: string): Promise<void> {
	if (kind === 'platform_gateway') {
		if (scopeId !== '*') throw refuse('gateway_scope');
		return;
	}
	if (kind === 'quarantine_device') return assertVillagesExist(db, scopeId);
	const table = kind === 'site_tablet' ? sites : kind === 'courier_phone' ? vehicles : labs;
	const [found] = await db.select({ id: table.id }).from(table).where(eq(table.id, scopeId)).limit(1);
	if (found) return;
	const existing = (await db.select({ id: table.id }).from(table)).map((row) => row.id);
	throw refuse('device_scope_unknown', { kind, scopeId, closest: closestRegionIds(scopeId, existing) });
}

async function assertVillagesExist(db: Db, scopeId: string): Promise<void> {
	const villages = (await db.select({ id: regions.id }).from(regions).where(eq(regions.level, 'village'))).map((row) => row.id);
	const wanted = villagesOfDeviceScope(scopeId);
	const missing = wanted.length === 0 ? scopeId : wanted.find((id) => !villages.includes(id));
	if (missing !== undefined) throw refuse('device_scope_unknown', { kind: 'quarantine_device', scopeId: missing, closest: closestRegionIds(missing, villages) });
}
