/**
 * registerReturnee: a returnee (返乡人员) registered on arrival by a village officer, or a row of
 * the returnee ledger. The rules of 003/004 classify them (classifyWithReason: the measure and
 * why), a case opens for the measure with its tests (within 24 h, day 7, day 14), and
 * `returnee.registered` and `case.opened` go on the log with the rows. A returnee going to a hotel
 * (a contact, or a home that does not qualify) is on the dispatcher's list of people awaiting a
 * closed-loop transfer from this moment (server/modules/transfers/awaiting-transfer.ts), and their
 * case starts when the transfer hands them over (placeHotelCase).
 *
 * Duplicates: the same person arriving on the same day is refused with the registration that
 * exists. The person is found by the people's match key (ID number, or else name and phone, as a
 * keyed hash: server/db/person-match-keys.ts); the returnee's duplicate key is a keyed hash of
 * that and the arrival day, so no ID number, phone or name is in any key.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { households, regions, returneePrivate, returnees } from '../../db/schema/index';
import { personKeySecret, personMatchKey } from '../../db/person-match-keys';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { casePlanFor, classifyWithReason } from '../../../src/lib/domain/quarantine-case';
import type { CommandEvent } from '../../../src/lib/protocol/command-events';
import { commitCommand, type Emitted, type Tx } from '../command-events';
import { recordAudit } from '../identity/record-audit';
import { upsertPeople } from '../ledgers/stores/people-writer';
import type { Tx as LedgerTx } from '../ledgers/stores/ledger-store';
import { assertVillage, refuseCase, type QuarantineContext } from './case-refusals';
import { registerReturneeRequest, type RegisterReturneeRequest } from './case-requests';
import { openCase } from './open-case';

export interface ReturneeRegistered {
	returneeId: string;
	caseId: string;
	measure: string;
	reason: string;
	/** Why home quarantine was refused, when the home did not qualify. */
	homeRefusal: string | null;
	/** True when the measure needs a closed-loop transfer: they are on the dispatcher's list. */
	awaitsTransfer: boolean;
	eventId: string;
}

type Parsed = ReturnType<typeof registerReturneeRequest.parse>;

export function newReturneeId(): string {
	return `rt_${randomBytes(12).toString('hex')}`;
}

/** The same person on the same arrival day, as a keyed hash (never the ID number, phone or name). */
export function returneeDuplicateKey(secret: Buffer, personKey: string, arrivalDay: string): string {
	return createHmac('sha256', secret).update(`returnee:${personKey}:${arrivalDay}`).digest('base64url');
}

export async function registerReturnee({ ctx, input: raw }: { ctx: QuarantineContext; input: RegisterReturneeRequest }): Promise<ReturneeRegistered> {
	const input = registerReturneeRequest.parse(raw);
	const now = ctx.now ?? Date.now();
	// Scope first: an officer of another village learns nothing, not even whether the village exists.
	assertVillage(ctx, input.villageId);
	try {
		const { result, events } = await commitCommand({ ...ctx, now }, (tx, emit) => registerInTransaction(tx, emit, { actor: ctx.actor, now, source: 'officer' }, input));
		return { ...result, eventId: events.find((event) => event.type === 'returnee.registered')!.id };
	} catch (error) {
		// Two phones registering the same person at once: the unique duplicate key lets one through; the other is told so.
		if (!isDuplicateKeyViolation(error)) throw error;
		const arrivalDay = serviceDay(Date.parse(input.arrivalAt));
		throw refuseCase('returnee_duplicate', { arrivalDay });
	}
}

function isDuplicateKeyViolation(error: unknown): boolean {
	const cause = error as { code?: string; constraint?: string; message?: string; cause?: { code?: string; constraint?: string; message?: string } };
	const found = cause?.code === '23505' ? cause : cause?.cause?.code === '23505' ? cause.cause : null;
	return found !== null && `${found.constraint ?? ''} ${found.message ?? ''}`.includes('returnees_duplicate_key_idx');
}

/** The person as the people's match key sees them: the ID number, or else the village, name and phone. */
function personOf(input: Parsed) {
	return { rowKey: `returnee:${input.villageId}:${input.name}:${input.phone ?? ''}`, name: input.name, idNumber: input.idNumber ?? null, phone: input.phone ?? null };
}

/** The registration's writes and events, inside a command's transaction (the ledger import calls it per row). */
export async function registerInTransaction(tx: Tx, emit: (event: Emitted) => CommandEvent, { actor, now, source }: { actor: string; now: number; source: 'officer' | 'ledger' }, input: Parsed): Promise<Omit<ReturneeRegistered, 'eventId'>> {
	const arrivalAt = Date.parse(input.arrivalAt);
	if (arrivalAt > now + 5 * 60_000) throw refuseCase('arrival_in_future');
	const [village] = await tx.select({ id: regions.id }).from(regions).where(and(eq(regions.id, input.villageId), eq(regions.level, 'village')));
	if (!village) throw refuseCase('village_unknown', { id: input.villageId });
	const [household] = input.householdId ? await tx.select().from(households).where(and(eq(households.id, input.householdId), eq(households.villageId, input.villageId))) : [];
	if (input.householdId && !household) throw refuseCase('household_unknown', { id: input.householdId });

	const arrivalDay = serviceDay(arrivalAt);
	const secret = await personKeySecret(tx as unknown as Db);
	const person = personOf(input);
	const duplicateKey = returneeDuplicateKey(secret, personMatchKey(secret, person), arrivalDay);
	const [existing] = await tx.select({ id: returnees.id }).from(returnees).where(eq(returnees.duplicateKey, duplicateKey));
	if (existing) throw refuseCase('returnee_duplicate', { arrivalDay });
	const personId = (await upsertPeople(tx as unknown as LedgerTx, [person])).get(person.rowKey)!;

	const home = household ? { specialCategory: household.specialCategory, separateRoom: household.separateRoom, separateBathroom: household.separateBathroom } : (input.home ?? null);
	const classification = classifyWithReason({
		originRisk: input.originRisk, healthCode: input.healthCode, contactKind: input.contactKind, arrivalAtMs: arrivalAt,
		lastNegativeTestAtMs: input.lastNegativeTestAt ? Date.parse(input.lastNegativeTestAt) : null, home
	});
	const returneeId = newReturneeId();
	await tx.insert(returnees).values({
		id: returneeId, personId, householdId: household?.id ?? null, villageId: input.villageId, arrivalAt: new Date(arrivalAt), originPlace: input.originPlace,
		originRisk: input.originRisk, workPlace: input.workPlace ?? null, transportMode: input.transportMode, transportNumber: input.transportNumber ?? null,
		lastNegativeTestAt: input.lastNegativeTestAt ? new Date(input.lastNegativeTestAt) : null, healthCode: input.healthCode, contactKind: input.contactKind,
		measure: classification.measure, ruleMeasure: classification.measure, measureReason: classification.reason, duplicateKey, source, registeredBy: actor, registeredAt: new Date(now)
	});
	if (input.address) await tx.insert(returneePrivate).values({ returneeId, address: input.address });
	emit({ type: 'returnee.registered', returneeId, villageId: input.villageId, arrivalDay, measure: classification.measure, reason: classification.reason, source });

	const plan = casePlanFor(classification.measure);
	const opened = await openCase(tx, emit, { actor, now }, {
		personId, householdId: household?.id ?? null, villageId: input.villageId, returneeId, ...plan, quarantineSiteId: null, arrivalAt: new Date(arrivalAt),
		startDate: arrivalDay, testsFromArrival: true, followsCaseId: null, reason: classification.reason, details: { returneeMeasure: classification.measure, homeRefusal: classification.homeRefusal }
	});
	await recordAudit({ db: tx as unknown as Db, entry: { actor, action: 'returnee.register', subject: `returnee:${returneeId}`, details: { source, villageId: input.villageId, measure: classification.measure, reason: classification.reason, caseId: opened.caseId } } });
	return { returneeId, caseId: opened.caseId, measure: classification.measure, reason: classification.reason, homeRefusal: classification.homeRefusal, awaitsTransfer: plan.status === 'awaiting_transfer' };
}
