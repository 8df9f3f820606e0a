/**
 * A simulated village officer's phone dismisses a standing fever through the command path a real
 * phone uses (POST /api/quarantine/cases/:id/dismiss-fever, signed in as the village's simulated
 * officer): a `concern_dismissed` history row by that officer with the reason, an audit entry,
 * and the rounds no longer showing the fever. The phone's clock is injected (its tick's `now`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { App } from '../../server/app';
import { auditLog, quarantineCaseEvents } from '../../server/db/schema/index';
import { loadQuarantinePopulation } from '../../server/modules/registry/load-quarantine-population';
import { provisionSimulatedOfficers } from '../../server/modules/identity/demo-officers';
import { CONCERN_HANDLING } from '../../server/sim/concern-handling';
import { OfficerPhones } from '../../server/sim/officer-phone';
import type { SeenCase } from '../../server/sim/officer-rounds';
import { chengmen } from '../../server/sim/scenarios/chengmen';
import { addDays } from '../../src/lib/domain/quarantine';
import { serviceDay, serviceDayStart } from '../../src/lib/domain/service-day';
import { startTestApp } from '../fixtures/app';

const HOUR = 3_600_000;
let app: App;
let phones: Map<string, string>;

beforeAll(async () => {
	app = await startTestApp();
	const day = addDays(serviceDay(Date.now()), -1);
	await loadQuarantinePopulation({ db: app.database.db, scenario: chengmen, now: serviceDayStart(day) + 7.5 * HOUR });
	phones = await provisionSimulatedOfficers({ db: app.database.db, scenario: chengmen });
}, 180_000);
afterAll(() => app?.close());

type Rounds = { cases: (SeenCase & { feverSince: string | null })[] };

async function roundsOf(token: string): Promise<Rounds> {
	const response = await fetch(`${app.url}/api/quarantine/rounds`, { headers: { authorization: `Bearer ${token}` } });
	expect(response.status).toBe(200);
	return (await response.json()) as Rounds;
}

describe("a simulated officer's phone handling a fever it found", () => {
	it('dismisses it with a reason through the dismiss-fever command, as the officer', async () => {
		const [villageId, token] = [...phones.entries()][0];
		const today = serviceDay(Date.now());
		const found = (await roundsOf(token)).cases.find((c) => c.villageId === villageId && c.status === 'active' && c.startDate < today && c.plannedEndDate > today && c.feverSince === null);
		expect(found).toBeDefined();
		const caseId = found!.id;
		// The officer's reading finds a fever (as a round would), so a fever stands on the server.
		const takenAt = Date.now() - 60_000;
		const reading = await fetch(`${app.url}/api/quarantine/follow-ups`, {
			method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify({ caseId, reportId: `test-fever-${caseId}`, takenAt: new Date(takenAt).toISOString(), temperatureC: 38.1, symptoms: ['fever'], slot: 'morning' })
		});
		expect(reading.status, await reading.clone().text()).toBeLessThan(300);
		const standing = (await roundsOf(token)).cases.find((c) => c.id === caseId)!;
		expect(standing.feverSince).not.toBeNull();

		// The village's phone, three hours on by its clock (past any re-check or doctor's visit), does what is due.
		const phone = new OfficerPhones({ origin: app.url, phones: new Map([[villageId, token]]) });
		await Promise.resolve();
		const later = Date.now() + 3 * HOUR;
		for (let n = 0; n < 3; n++) await phone.tick(later);

		const rows = await app.database.db.select().from(quarantineCaseEvents).where(and(eq(quarantineCaseEvents.caseId, caseId), eq(quarantineCaseEvents.kind, 'concern_dismissed')));
		expect(rows).toHaveLength(1);
		expect(Object.values(CONCERN_HANDLING.reasons)).toContain(rows[0].reason);
		expect(rows[0].actor).toMatch(/sim-officer/);
		const audited = await app.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'case.dismiss_fever'), eq(auditLog.subject, `case:${caseId}`)));
		expect(audited).toHaveLength(1);
		expect((await roundsOf(token)).cases.find((c) => c.id === caseId)!.feverSince).toBeNull();

		// Once dismissed, another look asks for nothing more.
		await phone.tick(later + 60_000);
		expect(await app.database.db.select().from(quarantineCaseEvents).where(and(eq(quarantineCaseEvents.caseId, caseId), eq(quarantineCaseEvents.kind, 'concern_dismissed')))).toHaveLength(1);
	}, 60_000);
});
