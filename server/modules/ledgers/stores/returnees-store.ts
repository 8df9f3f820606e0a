/**
 * The returnee ledger meets the database through the same registration an officer's phone uses
 * (server/modules/quarantine/register-returnee.ts): each row is classified, its case opened with
 * its tests, and its events (`returnee.registered`, `case.opened`) written to the command outbox in
 * the batch's transaction; the relay appends them to the log once the batch commits. A row for a
 * person already registered on that arrival day is unchanged, so importing a file again adds nobody.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { households, people, regions, returneePrivate, returnees } from '../../../db/schema/index';
import type { ReturneeRecord } from '../../../../src/lib/ledgers/definitions';
import type { LedgerIssue } from '../../../../src/lib/ledgers/validate-ledger';
import { commandEmitter, stageCommandEvents, type Tx as CommandTx } from '../../command-events';
import { ServiceError } from '../../service-error';
import { registerInTransaction } from '../../quarantine/register-returnee';
import { registerReturneeRequest } from '../../quarantine/case-requests';
import { nameOfRegionId } from '../region-ids';
import type { Db } from '../../../db/client';
import type { LedgerStore } from './ledger-store';

/** Village ids by name, and by township/name: a row names its village, and its township when the name is not unique. */
async function villagesByName(db: Db): Promise<(record: Pick<ReturneeRecord, 'township' | 'village'>) => { id: string } | { problem: string }> {
	const rows = await db.select({ id: regions.id }).from(regions).where(eq(regions.level, 'village'));
	return ({ township, village }) => {
		const matching = rows.filter((row) => nameOfRegionId(row.id) === village && (!township || row.id === `v:${township}/${village}`));
		if (matching.length === 1) return { id: matching[0].id };
		if (matching.length === 0) return { problem: township ? `is not a known village of ${township} (import the households first)` : 'is not a known village (import the households first)' };
		return { problem: `names villages in ${matching.length} townships: fill in 街道` };
	};
}

/** The home as the row describes it, when it says anything of it (a household on the register speaks for itself). */
function homeFactsOf(record: ReturneeRecord) {
	if (record.household || (record.specialCategory === null && record.separateRoom === null && record.separateBathroom === null)) return undefined;
	return { specialCategory: record.specialCategory, separateRoom: record.separateRoom, separateBathroom: record.separateBathroom };
}

/** Household codes by village id, to name the row of a 户编号 that is not on the register in that village. */
async function householdsOfVillages(db: Db, villageIds: string[]): Promise<Set<string>> {
	if (villageIds.length === 0) return new Set();
	const rows = await db.select({ id: households.id, villageId: households.villageId }).from(households).where(inArray(households.villageId, [...new Set(villageIds)]));
	return new Set(rows.map((row) => `${row.villageId}|${row.id}`));
}

export const returneesStore: LedgerStore<ReturneeRecord> = {
	async references(db, records) {
		const resolve = await villagesByName(db);
		const issues: LedgerIssue[] = [];
		const withHousehold: { row: number; record: ReturneeRecord; villageId: string }[] = [];
		for (const { row, record } of records) {
			const found = resolve(record);
			if ('problem' in found) issues.push({ row, column: '所属村', value: record.village, message: found.problem });
			else if (record.household) withHousehold.push({ row, record, villageId: found.id });
		}
		const known = await householdsOfVillages(db, withHousehold.map((each) => each.villageId));
		for (const { row, record, villageId } of withHousehold) {
			if (!known.has(`${villageId}|${record.household}`)) issues.push({ row, column: '户编号', value: record.household!, message: `is not a household of ${record.village} on the register` });
		}
		return issues.sort((a, b) => a.row - b.row);
	},

	async write(tx, records, options) {
		const resolve = await villagesByName(tx as unknown as Db);
		const now = options.now.getTime();
		const { events, emit } = commandEmitter(options.by, now);
		const counts = { created: 0, updated: 0, unchanged: 0 };
		for (const record of records) {
			const village = resolve(record);
			if ('problem' in village) throw new Error(`所属村 ${record.village} ${village.problem}`);
			const input = registerReturneeRequest.parse({
				villageId: village.id, name: record.name, idNumber: record.idNumber ?? undefined, phone: record.phone ?? undefined, address: record.address ?? undefined,
				arrivalAt: record.arrivalAt, originPlace: record.originPlace, originRisk: record.originRisk, workPlace: record.workPlace ?? undefined, transportMode: record.transportMode,
				transportNumber: record.transportNumber ?? undefined, lastNegativeTestAt: record.lastNegativeTestAt, healthCode: record.healthCode ?? 'green', contactKind: record.contactKind,
				householdId: record.household ?? undefined,
				home: homeFactsOf(record)
			});
			try {
				await registerInTransaction(tx as unknown as CommandTx, emit, { actor: options.by, now, source: 'ledger' }, input);
				counts.created++;
			} catch (error) {
				// Refused before anything of the row was written: the same person on the same day is already registered.
				if (error instanceof ServiceError && error.code === 'returnee_duplicate') counts.unchanged++;
				else throw error;
			}
		}
		await stageCommandEvents(tx as unknown as CommandTx, events);
		return counts;
	},

	async read(db, { includePersonal }) {
		const rows = await db
			.select({ returnee: returnees, person: people, home: returneePrivate })
			.from(returnees)
			.innerJoin(people, eq(people.id, returnees.personId))
			.leftJoin(returneePrivate, eq(returneePrivate.returneeId, returnees.id))
			.orderBy(asc(returnees.arrivalAt), asc(returnees.id));
		return rows
			.filter(({ returnee }) => returnee.villageId !== null)
			.map(({ returnee, person, home }) => {
				const [township, village] = returnee.villageId!.slice(2).split('/');
				return {
					name: person.name, idNumber: includePersonal ? person.idNumber : null, phone: includePersonal ? person.phone : null, arrivalAt: returnee.arrivalAt.toISOString(),
					originPlace: returnee.originPlace, originRisk: returnee.originRisk, workPlace: returnee.workPlace, transportMode: returnee.transportMode, transportNumber: returnee.transportNumber,
					lastNegativeTestAt: returnee.lastNegativeTestAt?.toISOString() ?? null, township, village, address: includePersonal ? (home?.address ?? null) : null, contactKind: returnee.contactKind, healthCode: returnee.healthCode,
					// The home facts an office gave are judged at registration and not kept apart from the case.
					household: returnee.householdId, specialCategory: null, separateRoom: null, separateBathroom: null
				};
			});
	}
};
