import { and, asc, eq, isNull } from 'drizzle-orm';
import { people, sites, staff, staffAssignments, vehicles } from '../../../db/schema/index';
import type { StaffRecord } from '../../../../src/lib/ledgers/definitions';
import { nameOfRegionId, townshipId } from '../region-ids';
import { upsertCounting } from '../upsert-counting';
import { ensureRegions } from './regions-writer';
import { newRegionsOf } from './new-regions';
import { upsertPeople } from './people-writer';
import { unknownReferences, type LedgerStore } from './ledger-store';

export const staffStore: LedgerStore<StaffRecord> = {
	async references(db, records) {
		const siteIds = new Set((await db.select({ id: sites.id }).from(sites)).map((row) => row.id));
		const vehicleIds = new Set((await db.select({ id: vehicles.id }).from(vehicles)).map((row) => row.id));
		return [
			...unknownReferences(records, (member) => member.site, siteIds, '采样点编号', 'site (import the sites first)'),
			...unknownReferences(records, (member) => member.vehicle, vehicleIds, '车辆编号', 'vehicle (import the vehicles first)')
		];
	},

	newRegions: (db, records) => newRegionsOf(db, records.map(({ record }) => ({ township: record.township }))),

	async write(tx, records, options) {
		await ensureRegions(tx, records.map((member) => ({ township: member.township })));
		const personIds = await upsertPeople(tx, records.map((member) => ({ rowKey: `staff:${member.code}`, name: member.name, idNumber: member.idNumber, phone: member.phone })));
		const personId = (member: StaffRecord) => personIds.get(`staff:${member.code}`)!;
		const counts = await upsertCounting(
			tx,
			staff,
			records.map((member) => ({ id: member.code, personId: personId(member), role: member.role, homeTownshipId: townshipId(member.township), ppeLimitHours: member.ppeLimitHours ?? 4 })),
			staff.id
		);
		// The ledger says where each person works now; a change closes the old assignment and opens a new one.
		const open = await tx.select().from(staffAssignments).where(isNull(staffAssignments.endsAt));
		const current = new Map(open.map((assignment) => [assignment.staffId, assignment]));
		for (const member of records) {
			const now = current.get(member.code);
			if ((now?.siteId ?? null) === member.site && (now?.vehicleId ?? null) === member.vehicle) continue;
			if (now) await tx.update(staffAssignments).set({ endsAt: options.now }).where(eq(staffAssignments.id, now.id));
			if (member.site || member.vehicle) {
				await tx.insert(staffAssignments).values({ staffId: member.code, siteId: member.site, vehicleId: member.vehicle, startsAt: options.now, assignedBy: options.by, reason: 'ledger import' });
			}
		}
		return counts;
	},

	async read(db, { includePersonal }) {
		const rows = await db
			.select({ member: staff, person: people, assignment: staffAssignments })
			.from(staff)
			.innerJoin(people, eq(people.id, staff.personId))
			.leftJoin(staffAssignments, and(eq(staffAssignments.staffId, staff.id), isNull(staffAssignments.endsAt)))
			.orderBy(asc(staff.id));
		return rows.map(({ member, person, assignment }) => ({
			code: member.id,
			name: person.name,
			idNumber: includePersonal ? person.idNumber : null,
			phone: includePersonal ? person.phone : null,
			role: member.role,
			township: nameOfRegionId(member.homeTownshipId),
			ppeLimitHours: member.ppeLimitHours,
			site: assignment?.siteId ?? null,
			vehicle: assignment?.vehicleId ?? null
		}));
	}
};
