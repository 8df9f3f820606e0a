import { asc, eq } from 'drizzle-orm';
import { householdMembers, householdPrivate, households, people, staff } from '../../../db/schema/index';
import { toWgs84 } from '../../../../src/lib/domain/coordinates';
import { plannedEndDate } from '../../../../src/lib/domain/quarantine';
import type { HouseholdRecord } from '../../../../src/lib/ledgers/definitions';
import { nameOfRegionId, townshipId, villageId } from '../region-ids';
import { dropOrphanRoster, syncRoster } from '../../roster/sync-roster';
import { upsertCounting } from '../upsert-counting';
import { ensureRegions, recountRegions } from './regions-writer';
import { newRegionsOf } from './new-regions';
import { upsertPeople } from './people-writer';
import { unknownReferences, type LedgerStore } from './ledger-store';

export const householdsStore: LedgerStore<HouseholdRecord> = {
	async references(db, records) {
		if (!records.some(({ record }) => record.officer)) return [];
		const staffIds = new Set((await db.select({ id: staff.id }).from(staff)).map((row) => row.id));
		return unknownReferences(records, (household) => household.officer, staffIds, '责任人工号', 'staff code (import the staff first)');
	},

	newRegions: (db, records) => newRegionsOf(db, records.map(({ record }) => ({ township: record.township, village: record.village }))),

	async write(tx, records, options) {
		await ensureRegions(tx, records.map((household) => ({ township: household.township, village: household.village })));
		const counts = await upsertCounting(
			tx,
			households,
			records.map((household) => {
				const measure = household.measure ?? 'none';
				return {
					id: household.code, villageId: villageId(household.township, household.village), grid: household.grid, measure, members: household.members,
					startDate: household.startDate,
					// Without a planned end the rules give one: 14 days at home, 14 + 14 after centralised quarantine.
					plannedEndDate: household.plannedEndDate ?? (measure !== 'none' && household.startDate ? plannedEndDate(household.startDate, measure) : null),
					separateRoom: household.separateRoom, separateBathroom: household.separateBathroom, specialCategory: household.specialCategory, officerStaffId: household.officer
				};
			}),
			households.id
		);
		const heads = records.filter((household) => household.headName);
		const headRow = (household: HouseholdRecord) => `household:${household.code}:head`;
		const headIds = await upsertPeople(tx, heads.map((household) => ({ rowKey: headRow(household), name: household.headName!, idNumber: household.idNumber, phone: household.phone })));
		const headId = (household: HouseholdRecord) => headIds.get(headRow(household))!;
		await upsertCounting(
			tx,
			householdPrivate,
			records.map((household) => {
				const position = household.latitude !== null && household.longitude !== null ? toWgs84({ lat: household.latitude, lon: household.longitude }, household.crs ?? options.crs) : null;
				return { householdId: household.code, headPersonId: household.headName ? headId(household) : null, address: household.address, lat: position?.lat ?? null, lon: position?.lon ?? null };
			}),
			householdPrivate.householdId
		);
		await upsertCounting(tx, householdMembers, heads.map((household) => ({ householdId: household.code, personId: headId(household), relation: '户主' })), [householdMembers.householdId, householdMembers.personId]);
		// The roster (花名册) follows the register in the same transaction.
		await syncRoster(tx, records.map((household) => ({ code: household.code, villageId: villageId(household.township, household.village), townshipId: townshipId(household.township), members: household.members, headPersonId: household.headName ? headId(household) : null })));
		return counts;
	},

	afterWrite: async (tx) => {
		await recountRegions(tx);
		await dropOrphanRoster(tx);
	},

	async read(db, { includePersonal }) {
		const rows = await db
			.select({ household: households, home: householdPrivate, head: people })
			.from(households)
			.leftJoin(householdPrivate, eq(householdPrivate.householdId, households.id))
			.leftJoin(people, eq(people.id, householdPrivate.headPersonId))
			.orderBy(asc(households.id));
		return rows.map(({ household, home, head }) => {
			const [township, village] = household.villageId.slice(2).split('/');
			return {
				code: household.id, township, village: village ?? nameOfRegionId(household.villageId), grid: household.grid, measure: household.measure, members: household.members,
				startDate: household.startDate, plannedEndDate: household.plannedEndDate,
				headName: includePersonal ? (head?.name ?? null) : null,
				idNumber: includePersonal ? (head?.idNumber ?? null) : null,
				phone: includePersonal ? (head?.phone ?? null) : null,
				address: includePersonal ? (home?.address ?? null) : null,
				longitude: includePersonal ? (home?.lon ?? null) : null,
				latitude: includePersonal ? (home?.lat ?? null) : null,
				crs: includePersonal && home?.lat != null ? ('wgs84' as const) : null,
				separateRoom: household.separateRoom, separateBathroom: household.separateBathroom, specialCategory: household.specialCategory, officer: household.officerStaffId
			};
		});
	}
};
