import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import type { RateLimiter } from '../auth/rate-limit';
import type { SignInThrottle } from '../auth/sign-in-throttle';
import type { Policy } from '../auth/policies';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { IngestContext } from '../ingest/ingest-events';
import type { ControlBus } from '../live/control-bus';
import type { Metrics } from '../metrics';
import type { ImportJobs } from '../modules/ledgers/import-jobs';
import type { WallOverviews } from '../modules/wall/wall-overview';
import type { ShownPlans } from '../modules/staffing/shown-plans';
import type { OsmAndContext } from '../ingest/osmand-ingest';
import type { EventLog } from '../pipeline/event-log/event-log';
import type { Projector } from '../pipeline/projector';
import type { Scenario } from '../sim/scenarios/index';

/** Everything an HTTP handler may use. */
export interface WebContext {
	config: Config;
	database: Database;
	metrics: Metrics;
	log: EventLog;
	projector: Projector | null;
	ingest: IngestContext;
	jobs: ImportJobs;
	authenticator: Authenticator;
	control: ControlBus;
	scenario: Scenario | null;
	limits: { device: RateLimiter; user: RateLimiter; signIn: SignInThrottle };
	overviews: WallOverviews;
	/** The staffing plans on show per township, kept across restarts. */
	plans: ShownPlans;
	osmand: OsmAndContext;
}

export interface RouteRequest {
	req: IncomingMessage;
	res: ServerResponse;
	params: Record<string, string>;
	url: URL;
	principal: Principal;
}

export interface Route {
	method: 'GET' | 'POST' | 'DELETE';
	/** A path with :named parts, e.g. /api/ledgers/:kind/import */
	path: string;
	policy: Policy;
	handle: (ctx: WebContext, request: RouteRequest) => Promise<void> | void;
}
