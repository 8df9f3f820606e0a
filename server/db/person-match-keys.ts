/**
 * People's opaque ids and match keys. A person's id is random (`p_` + 32 hex digits), so nothing
 * that names a person (an audit subject, a URL, a log line) carries an ID number, phone or name.
 * Ledgers find a person again by the match key: HMAC-SHA256, keyed with a secret the database
 * keeps, of the ID number, or of the ledger row that names a person without one
 * (`household:<code>:head`, `staff:<code>`). Without the secret the key cannot be recomputed
 * from a guessed ID number, as a plain hash of an 18-digit number with a birth date in it could.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { people, personRowKeys, serverSecrets } from './schema/index';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const SECRET_NAME = 'person_match_key';

export function newPersonId(): string {
	return `p_${randomBytes(16).toString('hex')}`;
}

/** The secret, made on first use; every node reads the same row, whoever made it. */
export async function personKeySecret(db: Db | Tx): Promise<Buffer> {
	const stored = async () => (await db.select({ value: serverSecrets.value }).from(serverSecrets).where(eq(serverSecrets.name, SECRET_NAME)))[0];
	let secret = await stored();
	if (!secret) {
		// Two nodes making it at once: one insert wins, and both read the winner's.
		await db.insert(serverSecrets).values({ name: SECRET_NAME, value: randomBytes(32).toString('base64') }).onConflictDoNothing();
		secret = await stored();
	}
	return Buffer.from(secret.value, 'base64');
}

/** The same person (same ID number, or else the same ledger row) always gets the same key. */
export function personMatchKey(secret: Buffer, who: { idNumber: string | null; rowKey: string }): string {
	const subject = who.idNumber ? `id:${who.idNumber.toUpperCase()}` : `row:${who.rowKey}`;
	return createHmac('sha256', secret).update(subject).digest('base64url');
}

const CHUNK = 1000;

/**
 * Start-up step after the migrations: gives a match key to every person who has none (the rows
 * migration 0010 gave opaque ids). Idempotent, and one indexed lookup when there is nothing to do.
 */
export async function completePersonMatchKeys(db: Db): Promise<number> {
	const pending = await db
		.select({ id: people.id, idNumber: people.idNumber, rowKey: personRowKeys.rowKey })
		.from(people)
		.leftJoin(personRowKeys, eq(personRowKeys.personId, people.id))
		.where(isNull(people.matchKey));
	if (pending.length === 0) return 0;
	await db.transaction(async (tx) => {
		const secret = await personKeySecret(tx);
		for (let start = 0; start < pending.length; start += CHUNK) {
			const chunk = pending.slice(start, start + CHUNK);
			// A person with neither (none should exist) gets a key no ledger row can produce.
			const keys = chunk.map((person) => personMatchKey(secret, { idNumber: person.idNumber, rowKey: person.rowKey ?? `person:${person.id}` }));
			await tx.execute(sql`update people set match_key = v.match_key
				from unnest(${sql.param(chunk.map((person) => person.id))}::text[], ${sql.param(keys)}::text[]) as v(id, match_key)
				where people.id = v.id and people.match_key is null`);
			await tx.delete(personRowKeys).where(inArray(personRowKeys.personId, chunk.map((person) => person.id)));
		}
	});
	return pending.length;
}
