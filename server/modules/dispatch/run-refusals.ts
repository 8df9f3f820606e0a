/**
 * How the run commands (accept-run.ts, edit-run.ts, cancel-run.ts) say no, their request schemas,
 * and the check they share: the courier, sites and lab a run names exist.
 */
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { labs, sites, vehicles } from '../../db/schema/index';
import { serviceErrors } from '../service-error';

const siteIds = z.array(z.string().min(1).max(64), { error: 'siteIds must be a list of site codes' }).min(1, 'siteIds must name at least one site').max(20);
const labId = z.string({ error: 'labId is required' }).min(1).max(64);

/** POST /api/dispatch/runs: a suggested run as it was, or as the dispatcher changed it. */
export const runRequest = z.strictObject({
	courierId: z.string({ error: 'courierId is required' }).min(1).max(64),
	siteIds,
	labId
});

/** POST /api/dispatch/runs/:id/edit: an open run's sites (in order) and lab. */
export const runEditRequest = z.strictObject({ siteIds, labId });

export const refuseRun = serviceErrors({
	no_such_courier: { kind: 'not_found', text: ({ id }: { id: string }) => ({ zh: `没有编号为“${id}”的送样车`, en: `courierId: no courier vehicle "${id}"` }) },
	no_such_site: { kind: 'not_found', text: ({ ids }: { ids: string[] }) => ({ zh: `没有这些采样点：${ids.join('、')}`, en: `siteIds: no site ${ids.map((id) => `"${id}"`).join(', ')}` }) },
	no_such_lab: { kind: 'not_found', text: ({ id }: { id: string }) => ({ zh: `没有编号为“${id}”的实验室`, en: `labId: no lab "${id}"` }) },
	courier_busy: { kind: 'conflict', text: ({ courier, runId }: { courier: string; runId: number }) => ({ zh: `${courier} 已有进行中的派单 #${runId}，请先取消该派单，未作任何更改`, en: `${courier} already has run ${runId} open; cancel it first` }) },
	no_open_run: { kind: 'not_found', text: ({ runId }: { runId: number }) => ({ zh: `派单 #${runId} 不存在或已结束，未作任何更改`, en: `no open run ${runId}` }) },
	run_unchanged: { kind: 'invalid', text: ({ runId }: { runId: number }) => ({ zh: `派单 #${runId} 的采样点和实验室都没有改动`, en: `run ${runId} would stay as it is: change its sites or its lab` }) },
	bad_run_id: { kind: 'invalid', text: () => ({ zh: '派单编号须为正整数', en: 'the run id must be a positive whole number' }) }
});

/** The courier (when named), the sites and the lab of a run, or the refusal naming what does not exist. */
export async function runTargets(db: Db, { courierId, siteIds, labId }: { courierId?: string; siteIds: string[]; labId: string }) {
	let courier: { id: string; name: string } | null = null;
	if (courierId !== undefined) {
		const [found] = await db.select().from(vehicles).where(eq(vehicles.id, courierId));
		if (!found || found.kind !== 'courier') throw refuseRun('no_such_courier', { id: courierId });
		courier = { id: found.id, name: found.name };
	}
	const known = await db.select({ id: sites.id }).from(sites).where(inArray(sites.id, siteIds));
	const unknown = siteIds.filter((id) => !known.some((site) => site.id === id));
	if (unknown.length > 0) throw refuseRun('no_such_site', { ids: unknown });
	const [lab] = await db.select({ id: labs.id }).from(labs).where(eq(labs.id, labId));
	if (!lab) throw refuseRun('no_such_lab', { id: labId });
	return { courier, labId: lab.id };
}
