/**
 * Which process of a deployment makes the links start-up prints. Each is made once per deployment,
 * by the process that serves the web app and runs the projector (the one that loads the scenario):
 * `npm start`'s single process, or `npm run start:cluster`'s core process. The front processes
 * (web, hub, ingest) make none: each made its own one-time setup link (all valid, one printed per
 * process), and a wall token of theirs would revoke the core's. A layout with no such process
 * creates the first admin with `npm run admin:create`.
 */
export function startupLinksOf(roles: ReadonlySet<string>, hasScenario: boolean): { wall: boolean; setup: boolean } {
	const core = roles.has('web') && roles.has('projector');
	return { wall: core && hasScenario, setup: core };
}
