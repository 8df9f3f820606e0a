/** Admin work: users, wall display tokens, device credentials. Every change is audited. */
import { z } from 'zod';
import { actorOf } from '../auth/principal';
import { DEVICE_KINDS } from '../db/schema/index';
import { HttpError, readJson, readValidJson, sendError, sendHttpError, sendJson, validOrRefuse } from '../http/http-utils';
import { issueZh } from '../../src/lib/i18n/zod-issue-text';
import { identityText } from './identity-refusal';
import { createDisplayToken, issueDeviceCredential, revokeDisplayToken } from '../modules/identity/credentials';
import { createUser, IdentityError, newUserInput } from '../modules/identity/users';
import { listTrackerPage, registerTracker, UNKNOWN_TRACKERS } from '../modules/trackers/trackers';
import type { RouteRequest, WebContext } from './web-context';

const body = <T>(req: RouteRequest['req'], schema: z.ZodType<T>): Promise<T> => readValidJson(req, schema);

function answerError(res: RouteRequest['res'], error: unknown) {
	if (error instanceof IdentityError) return sendError(res, 400, identityText(error.message), 'identity_refused');
	if (error instanceof HttpError) return sendHttpError(res, error);
	throw error;
}

export async function postUser(ctx: WebContext, { req, res, principal }: RouteRequest) {
	try {
		// Checked here first, so that a wrong or missing field is named in both languages (zod-issue-text).
		const input = validOrRefuse(newUserInput, await readJson(req, 16 * 1024));
		sendJson(res, 201, await createUser({ db: ctx.database.db, input, actor: actorOf(principal) }));
	} catch (error) {
		answerError(res, error);
	}
}

const displayInput = z.object({ label: z.string().min(1).max(100), regionId: z.string().max(100).nullable().optional() });

export async function postDisplayToken(ctx: WebContext, { req, res, principal }: RouteRequest) {
	try {
		const created = await createDisplayToken({ db: ctx.database.db, input: await body(req, displayInput), actor: actorOf(principal) });
		sendJson(res, 201, { ...created, wallPath: `/wall?display=${created.token}` });
	} catch (error) {
		answerError(res, error);
	}
}

export async function deleteDisplayToken(ctx: WebContext, { res, params, principal }: RouteRequest) {
	const revoked = await revokeDisplayToken({ db: ctx.database.db, id: params.id, actor: actorOf(principal) });
	if (!revoked) return sendError(res, 404, { zh: '没有这个大屏令牌，或已被吊销', en: 'no such display token, or revoked already' }, 'no_such_display_token');
	ctx.authenticator.forget();
	await ctx.control.publish({ type: 'display.revoked', displayId: params.id });
	sendJson(res, 200, { revoked: params.id });
}

const deviceInput = z.object({
	deviceId: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'deviceId may use only letters, digits and _ . : -'),
	kind: z.enum(DEVICE_KINDS),
	/** One id; a quarantine device's villages, comma-separated (hence longer). */
	scopeId: z.string().min(1).max(1000)
});

export async function postDevice(ctx: WebContext, { req, res, principal }: RouteRequest) {
	try {
		sendJson(res, 201, await issueDeviceCredential({ db: ctx.database.db, input: await body(req, deviceInput), actor: actorOf(principal) }));
	} catch (error) {
		answerError(res, error);
	}
}

const trackerInput = z.strictObject({ trackerId: z.string({ error: 'trackerId is required' }).min(1), vehicle: z.string().min(1).nullable().optional() });

const trackerPage = z.object({
	limit: z.coerce.number({ error: `limit must be a whole number 1..${UNKNOWN_TRACKERS.maxPage}` }).int(`limit must be a whole number 1..${UNKNOWN_TRACKERS.maxPage}`).min(1, `limit must be a whole number 1..${UNKNOWN_TRACKERS.maxPage}`).max(UNKNOWN_TRACKERS.maxPage, `limit must be a whole number 1..${UNKNOWN_TRACKERS.maxPage}`).optional(),
	registeredAfter: z.string().max(64).optional(),
	unknownAfter: z.string().max(64).optional()
});

/**
 * GET /api/admin/trackers[?limit=100&registeredAfter=<id>&unknownAfter=<id>]: registered OsmAnd
 * trackers and the unknown ids that tried to report, a page of each in id order; `next` holds
 * the cursor of each list's next page (null at its end).
 */
export async function getTrackers(ctx: WebContext, { res, url }: RouteRequest) {
	const query = Object.fromEntries(url.searchParams);
	const page = trackerPage.safeParse(query);
	// The English stays the schema's own sentence (no field path), as admins' scripts read it.
	if (!page.success) return sendError(res, 400, { zh: issueZh(page.error.issues[0], query), en: page.error.issues[0].message }, 'invalid_input');
	sendJson(res, 200, await listTrackerPage(ctx.database.db, page.data));
}

/** POST /api/admin/trackers: registers a tracker id to a vehicle (code or name), or to a new courier vehicle. */
export async function postTracker(ctx: WebContext, { req, res, principal }: RouteRequest) {
	const input = await body(req, trackerInput);
	const registered = await registerTracker(ctx.database.db, { trackerId: input.trackerId, vehicle: input.vehicle ?? null, actor: actorOf(principal) });
	ctx.osmand.trackers.forget();
	// A new vehicle must reach the registry of every node before its positions count.
	if (registered.createdVehicle) await ctx.control.publish({ type: 'registry.changed' });
	sendJson(res, 201, registered);
}
