/**
 * What a device credential may report for must exist: a site tablet's site, a courier phone's
 * vehicle, a lab system's lab. A credential for a mistyped id would be issued, handed out, and then
 * every report of that device refused at ingest; so it is refused here, naming the closest ids that
 * do exist. A platform gateway's scope is "*" (every registered device behind it).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { labs, sites, vehicles } from '../../db/schema/index';
import { closestRegionIds } from '../../auth/user-scope';
import { serviceErrors } from '../service-error';
import type { DeviceKind } from './credentials';

const WHAT = {
	site_tablet: { zh: '采样点', en: 'site' },
	courier_phone: { zh: '车辆', en: 'vehicle' },
	lab_system: { zh: '实验室', en: 'lab' }
} as const;

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
	const table = kind === 'site_tablet' ? sites : kind === 'courier_phone' ? vehicles : labs;
	const [found] = await db.select({ id: table.id }).from(table).where(eq(table.id, scopeId)).limit(1);
	if (found) return;
	const existing = (await db.select({ id: table.id }).from(table)).map((row) => row.id);
	throw refuse('device_scope_unknown', { kind, scopeId, closest: closestRegionIds(scopeId, existing) });
}
