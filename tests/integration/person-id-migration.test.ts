/**
 * Migration 0010 on a database written before people had opaque ids: every person gets a random
 * id, every reference and audit subject follows, no ID number is left in a key, and a ledger
 * imported again afterwards finds the same people (by ID number, or by the row that names them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../server/db/client';
import { auditLog, householdMembers, householdPrivate, people, personRowKeys, returnees, scheduledTests, staff, transferTasks } from '../../server/db/schema/index';
import { importLedger } from '../../server/modules/ledgers/import-ledger';
import { chengmen } from '../../server/sim/scenarios/chengmen';
import { LEDGERS } from '../../src/lib/ledgers/definitions';
import { toLedgerTable } from '../../src/lib/ledgers/ledger';
import { createTempDatabase, needs } from '../fixtures/services';
import { ID_NUMBER } from '../fixtures/personal-patterns';

const BEFORE = '0009_lab_testing_rate';
const OPAQUE = /^p_[0-9a-f]{32}$/;

/** The migrations folder as it was before opaque ids: 0000 … 0009. */
function migrationsUpTo(tag: string): string {
	const folder = mkdtempSync(join(tmpdir(), 'cc-migrations-'));
	mkdirSync(join(folder, 'meta'));
	const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8'));
	const entries = journal.entries.slice(0, journal.entries.findIndex((entry: { tag: string }) => entry.tag === tag) + 1);
	for (const entry of entries) copyFileSync(`drizzle/${entry.tag}.sql`, join(folder, `${entry.tag}.sql`));
	writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
	return folder;
}

const [withId, withoutId] = chengmen.ledgers().households.slice(0, 2);
const headOfWithoutId = { ...withoutId, idNumber: null };
const staffMember = chengmen.ledgers().staff[0];
const PURGED_ID_NUMBER = '360404198001010011';

/** What the application wrote before 0010, person ids with ID numbers in them. */
const OLD_STYLE_ROWS = [
	`insert into regions (id, parent_id, level, name) values ('t:${withId.township}', null, 'township', '${withId.township}'), ('v:${withId.township}/${withId.village}', 't:${withId.township}', 'village', '${withId.village}'), ('v:${withoutId.township}/${withoutId.village}', 't:${withoutId.township}', 'village', '${withoutId.village}') on conflict do nothing`,
	`insert into people (id, name, id_number, phone) values ('id:${withId.idNumber}', '${withId.headName}', '${withId.idNumber}', '${withId.phone}'), ('household:${withoutId.code}:head', '${withoutId.headName}', null, '${withoutId.phone}'), ('id:${staffMember.idNumber}', '${staffMember.name}', '${staffMember.idNumber}', '${staffMember.phone}')`,
	`insert into households (id, village_id, grid, measure, members) values ('${withId.code}', 'v:${withId.township}/${withId.village}', '${withId.grid}', '${withId.measure}', ${withId.members}), ('${withoutId.code}', 'v:${withoutId.township}/${withoutId.village}', '${withoutId.grid}', '${withoutId.measure}', ${withoutId.members})`,
	`insert into household_private (household_id, head_person_id, address, lat, lon) values ('${withId.code}', 'id:${withId.idNumber}', '${withId.address}', ${withId.latitude}, ${withId.longitude}), ('${withoutId.code}', 'household:${withoutId.code}:head', '${withoutId.address}', ${withoutId.latitude}, ${withoutId.longitude})`,
	`insert into household_members (household_id, person_id, relation) values ('${withId.code}', 'id:${withId.idNumber}', '户主'), ('${withoutId.code}', 'household:${withoutId.code}:head', '户主')`,
	`insert into staff (id, person_id, role, home_township_id) values ('${staffMember.code}', 'id:${staffMember.idNumber}', 'sampler', 't:${staffMember.township}')`,
	`insert into returnees (id, person_id, household_id, arrival_at, origin_place, origin_risk, transport_mode, health_code, measure) values ('R1', 'id:${withId.idNumber}', '${withId.code}', now(), '上海', 'high', 'train', 'green', 'home_quarantine')`,
	`insert into scheduled_tests (household_id, person_id, kind, due_date) values ('${withId.code}', 'id:${withId.idNumber}', 'day_7', '2026-01-07')`,
	`insert into transfer_tasks (vehicle_id, quarantine_site_id, household_id, person_ids, passengers, pickup_label, pickup_lat, pickup_lon, created_by, created_at) values ('v1', 'q1', '${withId.code}', '["id:${withId.idNumber}", "household:${withoutId.code}:head"]', 2, '${withId.village}', 29.6, 115.8, 'user:d', now())`,
	`insert into audit_log (actor, action, subject, reason, details) values
		('user:officer', 'personal.reveal', 'person:id:${withId.idNumber}', '随访', '{"field": "phone"}'),
		('user:officer', 'personal.reveal', 'person:id:${PURGED_ID_NUMBER}', '随访', '{"field": "phone"}'),
		('user:officer', 'personal.reveal', 'person:household:${withoutId.code}:head', '随访', '{"field": "name"}'),
		('user:d', 'transfer.create', 'transfer:1', null, '{"personIds": ["id:${withId.idNumber}"], "passengers": 2}'),
		('user:chief', 'user.create', 'user:officer', null, '{"role": "quarantine_officer"}')`
];

interface OldStyle {
	/** Writes the old-style rows into a database migrated up to 0009, then opens it as the server does. */
	open(): Promise<Database>;
	cleanup(): Promise<void>;
}

const stacks: { name: string; make(): Promise<OldStyle> }[] = [
	{
		name: 'PGlite',
		make: async () => {
			const dir = mkdtempSync(join(tmpdir(), 'cc-oldstyle-'));
			return {
				open: async () => {
					const { PGlite } = await import('@electric-sql/pglite');
					const { drizzle } = await import('drizzle-orm/pglite');
					const { migrate } = await import('drizzle-orm/pglite/migrator');
					const client = new PGlite(`${dir}/pglite`);
					await migrate(drizzle({ client }), { migrationsFolder: migrationsUpTo(BEFORE) });
					for (const statement of OLD_STYLE_ROWS) await client.exec(statement);
					await client.close();
					return openDatabase({ dataDir: dir });
				},
				cleanup: async () => rmSync(dir, { recursive: true, force: true })
			};
		}
	}
];
if (needs('person id migration on Postgres', { DATABASE_URL: process.env.DATABASE_URL })) {
	stacks.push({
		name: 'Postgres',
		make: async () => {
			const temp = await createTempDatabase(process.env.DATABASE_URL!);
			return {
				open: async () => {
					const { default: postgres } = await import('postgres');
					const { drizzle } = await import('drizzle-orm/postgres-js');
					const { migrate } = await import('drizzle-orm/postgres-js/migrator');
					const client = postgres(temp.url, { max: 1, onnotice: () => {} });
					await migrate(drizzle({ client }), { migrationsFolder: migrationsUpTo(BEFORE) });
					for (const statement of OLD_STYLE_ROWS) await client.unsafe(statement);
					await client.end();
					return openDatabase({ url: temp.url, dataDir: 'unused' });
				},
				cleanup: () => temp.drop()
			};
		}
	});
}

describe.each(stacks)('migration 0010, opaque person ids ($name)', (stack) => {
	// One old-style database for both tests: the second imports into what the first checked.
	let oldStyle: OldStyle;
	let database: Database;
	beforeAll(async () => {
		oldStyle = await stack.make();
		database = await oldStyle.open();
	});
	afterAll(async () => {
		await database?.close();
		await oldStyle?.cleanup();
	});

	it('gives every person an opaque id, rewrites every reference and audit subject, and keeps the audit log append-only', async () => {
		const db = database.db;
		const everyone = await db.select().from(people);
		expect(everyone).toHaveLength(3);
		for (const person of everyone) {
			expect(person.id).toMatch(OPAQUE);
			expect(person.matchKey).toMatch(/^[\w-]{43}$/);
		}
		expect(await db.select().from(personRowKeys)).toEqual([]);
		const idOf = (name: string) => everyone.find((person) => person.name === name)!.id;
		const head = idOf(withId.headName!);
		const headWithoutId = idOf(withoutId.headName!);

		expect((await db.select().from(householdMembers)).map((row) => row.personId).sort()).toEqual([head, headWithoutId].sort());
		expect((await db.select().from(householdPrivate)).map((row) => row.headPersonId).sort()).toEqual([head, headWithoutId].sort());
		expect((await db.select().from(staff))[0].personId).toBe(idOf(staffMember.name));
		expect((await db.select().from(returnees))[0].personId).toBe(head);
		expect((await db.select().from(scheduledTests))[0].personId).toBe(head);
		expect((await db.select().from(transferTasks))[0].personIds).toEqual([head, headWithoutId]);

		const audit = await db.select().from(auditLog).orderBy(auditLog.id);
		expect(audit.map((entry) => entry.subject).slice(0, 5)).toEqual([`person:${head}`, expect.stringMatching(/^person:p_[0-9a-f]{32}$/), `person:${headWithoutId}`, 'transfer:1', 'user:officer']);
		// A person retention deleted keeps one opaque id of their own, naming nobody now.
		expect([head, headWithoutId, idOf(staffMember.name)]).not.toContain(audit[1].subject.slice('person:'.length));
		expect(audit[3].details).toEqual({ personIds: [head], passengers: 2 });
		expect(audit[5]).toMatchObject({ actor: 'migration:0010_opaque_person_ids', action: 'audit.rewrite_person_ids', details: { subjects: 3, details: 1 } });
		expect(JSON.stringify(audit)).not.toMatch(ID_NUMBER);
		expect(JSON.stringify(audit)).not.toMatch(/household:[^"]*:head/);
		const keys = await db.execute(sql`select string_agg(t::text, ' ') as text from (select id from people union all select person_id from household_members union all select head_person_id from household_private union all select person_id from staff union all select person_ids::text from transfer_tasks) t`);
		expect(JSON.stringify(keys)).not.toMatch(ID_NUMBER);

		const refusal = await db.update(auditLog).set({ reason: 'rewritten' }).then(() => 'allowed', (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message));
		expect(refusal).toMatch(/audit_log is append-only: UPDATE is not allowed/);
	});

	it('lets a ledger imported again find the migrated people, by ID number and by the row without one', async () => {
		const db = database.db;
		const before = await db.select().from(people).orderBy(people.id);
		const table = toLedgerTable(LEDGERS.households, [withId, headOfWithoutId]);
		const report = await importLedger({ db, input: { kind: 'households', mode: 'import', crs: 'wgs84', by: 'test', table } });
		expect(report.issues).toEqual([]);
		expect(await db.select().from(people).orderBy(people.id)).toEqual(before);
		expect((await db.select().from(householdMembers)).map((row) => row.personId).sort()).toEqual(before.filter((person) => person.name !== staffMember.name).map((person) => person.id).sort());
	});
});
