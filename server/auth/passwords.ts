import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { Slots, SlotsBusy } from './hashing-slots';

/** Minimum length; long passphrases beat composition rules. */
export const MIN_PASSWORD_LENGTH = 12;

export function passwordProblem(password: string): string | null {
	if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
	if (password.length > 256) return 'must be at most 256 characters';
	return null;
}

/**
 * One argon2 operation at a time in this process, 4 more sign-ins waiting. Each takes a whole core
 * for about a second: on a 2-core node two at once left nothing for device posts and walls (a
 * burst of 40 sign-ins stalled the server for ~10 s), one leaves a core to them. It also caps
 * argon2's memory at 64 MiB and leaves three threads of libuv's pool to files and DNS; a waiting
 * sign-in waits about a second for each one ahead of it, so at most ~5 s.
 */
export const hashing = new Slots(1, 4);

/** A sign-in refused because too many are being checked already; the caller answers 503 with Retry-After. */
export class HashingBusy extends SlotsBusy {}

/** Making a hash (creating a user, the first admin) waits for a slot however long the queue. */
export const hashPassword = (password: string) => hashing.run(() => argon2.hash(password, { type: argon2.argon2id }), { bounded: false });

/** False for a wrong password or an unreadable hash; throws HashingBusy when the queue of sign-ins is full. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
	try {
		return await hashing.run(() => argon2.verify(hash, password), { bounded: true });
	} catch (error) {
		if (error instanceof SlotsBusy) throw new HashingBusy();
		return false;
	}
}

let dummyHash: Promise<string> | null = null;

/** A hash of a random password, made once a process with the parameters of users' hashes. */
export function dummyPasswordHash(): Promise<string> {
	dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
	return dummyHash;
}

/**
 * Checks the password against the dummy hash and answers false: an unknown username then costs
 * what a known one does, so the time of the answer does not tell which usernames exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
	await verifyPassword(await dummyPasswordHash(), password);
	return false;
}
