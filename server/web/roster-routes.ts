/**
 * The roster's and the timetable's routes: a village's not-yet-sampled list (GET
 * /api/coverage/villages/:villageId/gaps), and 各村时间安排表 (read, set, remove, XLSX). Who may is
 * decided by the operations (role and scope), so the refusal names the reason in zh and en.
 */
import { actorOf, type Principal } from '../auth/principal';
import type { UserRole } from '../auth/roles';
import { readValidJson, sendJson } from '../http/http-utils';
import { listCoverageGap, refuseGap } from '../modules/roster/list-coverage-gap';
import { exportTimetable, listTimetable, timetableChoices } from '../modules/timetable/list-timetable';
import { removeTimetableSlot, setTimetableSlot } from '../modules/timetable/set-timetable-slot';
import { refuseTimetable, type TimetableContext } from '../modules/timetable/timetable-refusals';
import { removeTimetableSlotRequest, setTimetableSlotRequest } from '../../src/lib/protocol/timetable-events';
import { scopeOrRefuse } from './scope-guard';
import type { RouteRequest, WebContext } from './web-context';

function userRole(principal: Principal, refuse: () => Error): UserRole {
	if (principal.kind !== 'user') throw refuse();
	return principal.role;
}

export async function getCoverageGap(ctx: WebContext, { res, params, principal }: RouteRequest) {
	const role = userRole(principal, () => refuseGap('gap_not_allowed'));
	const gap = await listCoverageGap({ ctx: { db: ctx.database.db, actor: actorOf(principal), role, scope: scopeOrRefuse(principal) }, input: { villageId: params.villageId } });
	sendJson(res, 200, gap);
}

/** The rows the asker's scope covers: an officer's villages, a township's, or the county's. */
export async function getTimetable(ctx: WebContext, { res, principal }: RouteRequest) {
	const scope = scopeOrRefuse(principal);
	const slots = await listTimetable(ctx.database.db, scope.kind === 'villages' ? scope.villageIds : undefined);
	const shown = scope.kind === 'township' ? slots.filter((slot) => slot.townshipId === scope.townshipId) : slots;
	const editor = principal.kind === 'user' && ['admin', 'commander', 'shift_leader'].includes(principal.role);
	const choices = editor ? await timetableChoices(ctx.database.db, scope.kind === 'township' ? scope.townshipId : null) : null;
	sendJson(res, 200, { slots: shown, editable: editor, choices });
}

export async function getTimetableFile(ctx: WebContext, { res }: RouteRequest) {
	const file = await exportTimetable(ctx.database.db);
	res.writeHead(200, {
		'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('各村时间安排表.xlsx')}`,
		'cache-control': 'no-store'
	});
	res.end(file);
}

const timetableContext = (ctx: WebContext, principal: Principal): TimetableContext => ({
	db: ctx.database.db, log: ctx.log, actor: actorOf(principal), role: userRole(principal, () => refuseTimetable('timetable_not_allowed')), scope: scopeOrRefuse(principal)
});

export async function postTimetableSlot(ctx: WebContext, { req, res, principal }: RouteRequest) {
	const context = timetableContext(ctx, principal);
	sendJson(res, 200, await setTimetableSlot({ ctx: context, input: await readValidJson(req, setTimetableSlotRequest) }));
}

export async function postRemoveTimetableSlot(ctx: WebContext, { req, res, principal }: RouteRequest) {
	const context = timetableContext(ctx, principal);
	sendJson(res, 200, await removeTimetableSlot({ ctx: context, input: await readValidJson(req, removeTimetableSlotRequest) }));
}
