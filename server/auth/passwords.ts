import argon2 from 'argon2';

/** Minimum length; long passphrases beat composition rules. */
export const MIN_PASSWORD_LENGTH = 12;

export function passwordProblem(password: string): string | null {
	if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
	if (password.length > 256) return 'must be at most 256 characters';
	return null;
}

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
	try {
		return await argon2.verify(hash, password);
	} catch {
		return false;
	}
}
