/**
 * Mainland resident ID numbers (GB 11643-1999): 17 digits and a check character (0–9 or X)
 * computed with ISO 7064 MOD 11-2. The first six digits are the region code.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheckCharacter(first17: string): string {
	let sum = 0;
	for (let index = 0; index < 17; index++) sum += Number(first17[index]) * WEIGHTS[index];
	return CHECK[sum % 11];
}

/** Why an ID number is not valid, or null. Checks form, birth date and check character. */
export function idNumberProblem(value: string): string | null {
	if (!/^\d{17}[\dX]$/.test(value)) return 'must be 18 characters: 17 digits and a digit or X';
	const year = Number(value.slice(6, 10));
	const month = Number(value.slice(10, 12));
	const day = Number(value.slice(12, 14));
	const birth = new Date(Date.UTC(year, month - 1, day));
	if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return 'has no valid birth date';
	if (idNumberCheckCharacter(value.slice(0, 17)) !== value[17]) return 'has a wrong check character';
	return null;
}
