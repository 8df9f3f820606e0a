/**
 * Every HTTP route and the policy it needs (server/auth/policies.ts). The router refuses anything
 * a route's policy does not allow before the handler runs.
 */
import { DEVICE, NEEDS, NEEDS_OR_DEVICE, PUBLIC, SIGNED_IN } from '../auth/policies';
import { handleIngestEvents } from '../ingest/http-ingest';
import { handleOsmAnd } from '../ingest/osmand-ingest';
import { deleteDisplayToken, getTrackers, postDevice, postDisplayToken, postTracker, postUser } from './admin-routes';
import { login, logout, me, setupAdmin } from './auth-routes';
import { handleHealth, handleReady } from './health';
import { getImportJob, getLedgerFile, getLedgerTemplate, postLedgerImport } from './ledger-routes';
import { getAudit, getPositivePools, postReveal } from './personal-routes';
import { getDoorVisits, getDoorVisitVillages, getPlaybooks, getWallPlaybooks, postDoorSample, postGenerateDoorVisits, postPlaybookNotified, postRetestResult } from './door-visit-routes';
import { handleBasemap, handlePmtiles, handlePublicConfig } from './public-config';
import { getBoard, getFieldSite, postArrived, postFieldArrival, postMove, postUndo } from './staffing-routes';
import { getDispatchBoard, getFieldCourier, postCancelRun, postEditRun, postRun } from './dispatch-routes';
import { getReplay } from './replay-routes';
import { getFieldTransfer, getTransfers, postCancelTransfer, postHandover, postTransfer } from './transfer-routes';
import { getDeliveriesDue, getTransferProposals, postDelivery, postFollowUp, postLiftRiskZone, postRedrawRiskZone, postRiskZone } from './follow-up-routes';
import { getHotelBeds, postDismissFever, postExtendCase, postOverrideMeasure, postReleaseCase, postReturnee, postTestCorrection, postTestResult } from './quarantine-routes';
import { getDeskSummary, getOfficerRounds } from './quarantine-page-routes';
import { getRiskZones } from './risk-zone-read-routes';
import { getAlertHistory, getOpenAlerts, postAcknowledgeAlert } from './alert-routes';
import { getCoverageGap, getTimetable, getTimetableFile, postRemoveTimetableSlot, postTimetableSlot } from './roster-routes';
import { postRoundDeadline } from './coverage-routes';
import type { Route } from './web-context';
import { townshipOrRefuse } from './scope-guard';
import { sendJson } from '../http/http-utils';
import { sendMetrics } from '../metrics';
import { handleOpenApi } from './openapi';
import { getResultsBoard } from './results-routes';
import { getReport, getReportFile, getReportFont, getReports, postAmendment } from './report-routes';

/** The live KPI's overviewChanges a wall has seen (?changes=N): a whole number, else none (the cached overview will do). */
const overviewChangesOf = (url: URL): number | undefined => {
	const changes = Number(url.searchParams.get('changes') ?? NaN);
	return Number.isSafeInteger(changes) && changes >= 0 ? changes : undefined;
};

export const ROUTES: Route[] = [
	{ method: 'GET', path: '/healthz', policy: PUBLIC('load balancers probe it; says only "ok"'), handle: (_ctx, { res }) => handleHealth(res) },
	{ method: 'GET', path: '/readyz', policy: PUBLIC('load balancers probe it; no data, only which store is unreachable'), handle: (ctx, { res, principal }) => handleReady({ database: ctx.database, log: ctx.log, projector: ctx.projector, detailed: principal.kind === 'user' && principal.role === 'admin' }, res) },
	{ method: 'GET', path: '/metrics', policy: PUBLIC('Prometheus scrapes it; counters only. Restrict by network in production'), handle: (ctx, { res }) => sendMetrics(res, ctx.metrics.render({ projector_unpersisted_events: ctx.projector?.status.unpersisted ?? 0, projector_backlog_events: ctx.projector?.status.backlog ?? 0 })) },
	{ method: 'GET', path: '/api/ingest/osmand', policy: PUBLIC('Traccar Client sends no credential: only ids an admin registered to a vehicle count'), handle: (ctx, { req, res, url }) => handleOsmAnd(ctx.osmand, req, res, url) },
	{ method: 'POST', path: '/api/ingest/osmand', policy: PUBLIC('Traccar Client sends no credential: only ids an admin registered to a vehicle count'), handle: (ctx, { req, res, url }) => handleOsmAnd(ctx.osmand, req, res, url) },
	{ method: 'POST', path: '/api/ingest/events', policy: DEVICE, handle: (ctx, { req, res, principal }) => handleIngestEvents(ctx.ingest, req, res, principal as Extract<typeof principal, { kind: 'device' }>) },
	{ method: 'GET', path: '/api/openapi.json', policy: PUBLIC('the device API as OpenAPI: schemas only, no data of this deployment'), handle: (_ctx, { res }) => handleOpenApi(res) },
	{ method: 'POST', path: '/api/auth/login', policy: PUBLIC('signing in'), handle: login },
	{ method: 'POST', path: '/api/auth/logout', policy: SIGNED_IN, handle: logout },
	{ method: 'GET', path: '/api/auth/me', policy: NEEDS('live:view'), handle: me },
	{ method: 'POST', path: '/api/setup/admin', policy: PUBLIC('the one-time setup token in the body is the credential'), handle: setupAdmin },
	{ method: 'GET', path: '/api/config', policy: NEEDS('live:view'), handle: (ctx, { res }) => handlePublicConfig({ config: ctx.config, scenario: ctx.scenario, db: ctx.database.db }, res) },
	{ method: 'GET', path: '/api/basemap.geojson', policy: NEEDS('live:view'), handle: (ctx, { res }) => handleBasemap({ scenario: ctx.scenario, db: ctx.database.db }, res) },
	{ method: 'GET', path: '/api/basemap.pmtiles', policy: NEEDS('live:view'), handle: (ctx, { req, res }) => handlePmtiles({ config: ctx.config }, req, res) },
	{ method: 'GET', path: '/api/wall/overview', policy: NEEDS('live:view'), handle: async (ctx, { res, url, principal }) => sendJson(res, 200, await ctx.overviews.get(townshipOrRefuse(principal), Date.now(), overviewChangesOf(url))) },
	// The day's roster coverage per village, township and county: counts only, a township's user sees their township's.
	{ method: 'GET', path: '/api/coverage', policy: NEEDS('live:view'), handle: async (ctx, { res, principal }) => sendJson(res, 200, await ctx.overviews.coverages.get(townshipOrRefuse(principal))) },
	{ method: 'GET', path: '/api/wall/history', policy: NEEDS('live:view'), handle: async (ctx, { res, principal }) => sendJson(res, 200, await ctx.overviews.history(townshipOrRefuse(principal))) },
	{ method: 'GET', path: '/api/staffing/board', policy: NEEDS('staffing:view'), handle: getBoard },
	{ method: 'POST', path: '/api/staffing/moves', policy: NEEDS('staffing:move'), handle: postMove },
	{ method: 'POST', path: '/api/staffing/moves/:id/undo', policy: NEEDS('staffing:move'), handle: postUndo },
	{ method: 'POST', path: '/api/staffing/moves/:id/arrived', policy: NEEDS('staffing:move'), handle: postArrived },
	{ method: 'GET', path: '/api/field/site', policy: DEVICE, handle: getFieldSite },
	{ method: 'POST', path: '/api/field/site/arrivals/:id', policy: DEVICE, handle: postFieldArrival },
	{ method: 'GET', path: '/api/dispatch/board', policy: NEEDS('dispatch:view'), handle: getDispatchBoard },
	{ method: 'POST', path: '/api/dispatch/runs', policy: NEEDS('dispatch:view'), handle: postRun },
	{ method: 'POST', path: '/api/dispatch/runs/:id/edit', policy: NEEDS('dispatch:view'), handle: postEditRun },
	{ method: 'POST', path: '/api/dispatch/runs/:id/cancel', policy: NEEDS('dispatch:view'), handle: postCancelRun },
	{ method: 'GET', path: '/api/transfers', policy: NEEDS('dispatch:view'), handle: getTransfers },
	{ method: 'POST', path: '/api/transfers', policy: NEEDS('dispatch:view'), handle: postTransfer },
	{ method: 'POST', path: '/api/transfers/:id/handover', policy: NEEDS('dispatch:view'), handle: postHandover },
	{ method: 'POST', path: '/api/transfers/:id/cancel', policy: NEEDS('dispatch:view'), handle: postCancelTransfer },
	{ method: 'POST', path: '/api/quarantine/returnees', policy: NEEDS('quarantine:act'), handle: postReturnee },
	{ method: 'POST', path: '/api/quarantine/returnees/:id/measure', policy: NEEDS('quarantine:act'), handle: postOverrideMeasure },
	{ method: 'POST', path: '/api/quarantine/tests/:id/result', policy: NEEDS('quarantine:act'), handle: postTestResult },
	{ method: 'POST', path: '/api/quarantine/tests/:id/correction', policy: NEEDS('quarantine:act'), handle: postTestCorrection },
	{ method: 'POST', path: '/api/quarantine/cases/:id/extend', policy: NEEDS('quarantine:act'), handle: postExtendCase },
	{ method: 'POST', path: '/api/quarantine/cases/:id/release', policy: NEEDS('quarantine:act'), handle: postReleaseCase },
	{ method: 'POST', path: '/api/quarantine/cases/:id/dismiss-fever', policy: NEEDS('quarantine:act'), handle: postDismissFever },
	{ method: 'GET', path: '/api/quarantine/beds', policy: NEEDS('quarantine:view'), handle: getHotelBeds },
	{ method: 'GET', path: '/api/quarantine/rounds', policy: NEEDS_OR_DEVICE('quarantine:act', 'quarantine_device'), handle: getOfficerRounds },
	{ method: 'GET', path: '/api/quarantine/desk', policy: NEEDS('quarantine:view'), handle: getDeskSummary },
	{ method: 'POST', path: '/api/quarantine/follow-ups', policy: NEEDS_OR_DEVICE('quarantine:act', 'quarantine_device'), handle: postFollowUp },
	{ method: 'POST', path: '/api/quarantine/deliveries', policy: NEEDS('quarantine:act'), handle: postDelivery },
	{ method: 'GET', path: '/api/quarantine/deliveries', policy: NEEDS('quarantine:view'), handle: getDeliveriesDue },
	{ method: 'GET', path: '/api/quarantine/transfer-proposals', policy: NEEDS('dispatch:view'), handle: getTransferProposals },
	{ method: 'GET', path: '/api/risk-zones', policy: NEEDS('quarantine:view'), handle: getRiskZones },
	{ method: 'POST', path: '/api/risk-zones', policy: NEEDS('quarantine:act'), handle: postRiskZone },
	{ method: 'POST', path: '/api/risk-zones/:id/redraw', policy: NEEDS('quarantine:act'), handle: postRedrawRiskZone },
	{ method: 'POST', path: '/api/risk-zones/:id/lift', policy: NEEDS('quarantine:act'), handle: postLiftRiskZone },
	{ method: 'GET', path: '/api/coverage/villages/:villageId/gaps', policy: NEEDS('live:view'), handle: getCoverageGap },
	// The commander's deadline for today's round (完成时限): the operation refuses any other role in zh and en.
	{ method: 'POST', path: '/api/coverage/deadline', policy: NEEDS('live:view'), handle: postRoundDeadline },
	{ method: 'GET', path: '/api/timetable', policy: NEEDS('live:view'), handle: getTimetable },
	{ method: 'GET', path: '/api/timetable.xlsx', policy: NEEDS('live:view'), handle: getTimetableFile },
	{ method: 'POST', path: '/api/timetable/slots', policy: NEEDS('live:view'), handle: postTimetableSlot },
	{ method: 'POST', path: '/api/timetable/slots/remove', policy: NEEDS('live:view'), handle: postRemoveTimetableSlot },
	{ method: 'GET', path: '/api/alerts', policy: NEEDS('live:view'), handle: getAlertHistory },
	{ method: 'GET', path: '/api/alerts/open', policy: NEEDS('live:view'), handle: getOpenAlerts },
	{ method: 'POST', path: '/api/alerts/:id/acknowledge', policy: NEEDS('live:view'), handle: postAcknowledgeAlert },
	{ method: 'GET', path: '/api/reports', policy: NEEDS('reports:view'), handle: getReports },
	{ method: 'GET', path: '/api/reports/fonts/:file', policy: PUBLIC('the font files of the printable report (@fontsource/noto-sans-sc); no data'), handle: getReportFont },
	// Before /api/reports/:day, which would take "2026-11-30.xlsx" for a day.
	{ method: 'GET', path: '/api/reports/:day.:format', policy: NEEDS('reports:view'), handle: getReportFile },
	{ method: 'GET', path: '/api/reports/:day', policy: NEEDS('reports:view'), handle: getReport },
	{ method: 'POST', path: '/api/reports/:day/amendments', policy: NEEDS('reports:amend'), handle: postAmendment },
	{ method: 'GET', path: '/api/pools/positive', policy: NEEDS('pools:view'), handle: getPositivePools },
	{ method: 'GET', path: '/api/results', policy: NEEDS('results:view'), handle: getResultsBoard },
	{ method: 'POST', path: '/api/door-visits/generate', policy: NEEDS('door_visits:plan'), handle: postGenerateDoorVisits },
	{ method: 'GET', path: '/api/door-visits', policy: NEEDS('quarantine:act'), handle: getDoorVisits },
	{ method: 'GET', path: '/api/door-visits/villages', policy: NEEDS('dispatch:view'), handle: getDoorVisitVillages },
	{ method: 'POST', path: '/api/door-visits/sampled', policy: NEEDS('quarantine:act'), handle: postDoorSample },
	{ method: 'GET', path: '/api/playbooks', policy: NEEDS('pools:view'), handle: getPlaybooks },
	{ method: 'POST', path: '/api/playbooks/notified', policy: NEEDS('quarantine:act'), handle: postPlaybookNotified },
	{ method: 'POST', path: '/api/playbooks/retest-result', policy: NEEDS('pools:view'), handle: postRetestResult },
	{ method: 'GET', path: '/api/wall/playbooks', policy: NEEDS('live:view'), handle: getWallPlaybooks },
	{ method: 'GET', path: '/api/replay', policy: NEEDS('dispatch:view'), handle: getReplay },
	{ method: 'GET', path: '/api/field/transfer', policy: DEVICE, handle: getFieldTransfer },
	{ method: 'GET', path: '/api/field/courier', policy: DEVICE, handle: getFieldCourier },
	{ method: 'POST', path: '/api/ledgers/:kind/import', policy: NEEDS('ledgers:import'), handle: postLedgerImport },
	{ method: 'GET', path: '/api/ledgers/jobs/:id', policy: NEEDS('ledgers:import'), handle: getImportJob },
	{ method: 'GET', path: '/api/ledgers/:kind/template.xlsx', policy: NEEDS('ledgers:import'), handle: getLedgerTemplate },
	{ method: 'GET', path: '/api/ledgers/:kind.:format', policy: NEEDS('ledgers:export'), handle: getLedgerFile },
	{ method: 'POST', path: '/api/personal/reveal', policy: NEEDS('personal:reveal'), handle: postReveal },
	{ method: 'GET', path: '/api/audit', policy: NEEDS('audit:read'), handle: getAudit },
	{ method: 'POST', path: '/api/admin/users', policy: NEEDS('users:manage'), handle: postUser },
	{ method: 'POST', path: '/api/admin/display-tokens', policy: NEEDS('displays:manage'), handle: postDisplayToken },
	{ method: 'DELETE', path: '/api/admin/display-tokens/:id', policy: NEEDS('displays:manage'), handle: deleteDisplayToken },
	{ method: 'POST', path: '/api/admin/devices', policy: NEEDS('devices:manage'), handle: postDevice },
	{ method: 'GET', path: '/api/admin/trackers', policy: NEEDS('devices:manage'), handle: getTrackers },
	{ method: 'POST', path: '/api/admin/trackers', policy: NEEDS('devices:manage'), handle: postTracker }
];
