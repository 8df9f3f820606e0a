/**
 * Loads a scenario's registry through the ledger import, exactly as an operator's spreadsheets
 * would come in. A scenario whose ledgers do not validate is a bug, and start-up says which row.
 */
import { count } from 'drizzle-orm';
import { LEDGERS, type LedgerKind } from '../../../src/lib/ledgers/definitions';
import { toLedgerTable, type LedgerDefinition } from '../../../src/lib/ledgers/ledger';
import { describeIssue } from '../../../src/lib/ledgers/validate-ledger';
import type { Db } from '../../db/client';
import { quarantineSites, riskZones, sites } from '../../db/schema/index';
import type { Scenario } from '../../sim/scenarios/index';
import { importLedger } from '../ledgers/import-ledger';
import { loadDefaultTimetable } from '../timetable/default-timetable';

/** References run one way: sites and vehicles before the staff who work there, staff before the households they look after. */
/** The ledgers a scenario brings, in the order their references need (returnees arrive later, through the desk). */
export const IMPORT_ORDER = ['sites', 'vehicles', 'labs', 'staff', 'households'] as const satisfies readonly LedgerKind[];

/** roundStart: when the demo's round was declared; its default timetable starts then. */
export async function loadScenario({ db, scenario, kinds = IMPORT_ORDER, roundStart = Date.now() }: { db: Db; scenario: Scenario; kinds?: readonly LedgerKind[]; roundStart?: number }): Promise<void> {
	const ledgers = scenario.ledgers();
	for (const kind of IMPORT_ORDER.filter((each) => kinds.includes(each))) {
		const table = toLedgerTable(LEDGERS[kind] as LedgerDefinition<unknown>, ledgers[kind] as unknown[]);
		const report = await importLedger({ db, input: { kind, mode: 'import', crs: 'wgs84', by: `scenario:${scenario.id}`, table } });
		const problem = report.fileErrors[0] ?? (report.issues[0] && describeIssue(report.issues[0]));
		if (problem) throw new Error(`scenario ${scenario.id}, ${kind} ledger: ${problem}`);
	}
	// The 花名册 names members of households just imported (who cannot come): after them, by the same import.
	if (ledgers.roster && kinds.includes('households')) {
		const report = await importLedger({ db, input: { kind: 'roster', mode: 'import', crs: 'wgs84', by: `scenario:${scenario.id}`, table: toLedgerTable(LEDGERS.roster as LedgerDefinition<unknown>, ledgers.roster) } });
		const problem = report.fileErrors[0] ?? (report.issues[0] && describeIssue(report.issues[0]));
		if (problem) throw new Error(`scenario ${scenario.id}, roster ledger: ${problem}`);
	}
	await loadDefaultTimetable({ db, scenario: ledgers, kinds, roundStart });
	if (!scenario.places || !kinds.includes('sites')) return;
	const { quarantineSites: hotels, riskZones: zones } = scenario.places;
	if (hotels.length > 0) await db.insert(quarantineSites).values(hotels).onConflictDoNothing();
	if (zones.length > 0) {
		const now = Date.now();
		await db
			.insert(riskZones)
			.values(zones.map(({ startsDaysAgo, ...zone }) => ({ ...zone, regionId: null, startsAt: new Date(now - startsDaysAgo * 86_400_000), endsAt: null })))
			.onConflictDoNothing();
	}
}

/** True when no site is registered yet: a new database. */
export async function registryIsEmpty({ db }: { db: Db }): Promise<boolean> {
	const [row] = await db.select({ n: count() }).from(sites);
	return row.n === 0;
}
