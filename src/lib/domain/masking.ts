/**
 * Personal data is shown masked unless a role that needs it reveals it, with a reason, on record:
 * ID 3604**********1234, phone 138****5678, a name to its surname (王**).
 */
export function maskIdNumber(value: string | null): string | null {
	if (!value) return value;
	return value.length <= 8 ? '*'.repeat(value.length) : `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

export function maskPhone(value: string | null): string | null {
	if (!value) return value;
	return value.length <= 7 ? '*'.repeat(value.length) : `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

/** Keeps the surname (two characters for the common compound surnames), stars the rest. */
export function maskName(value: string | null): string | null {
	if (!value) return value;
	const compound = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐'];
	const surname = compound.find((each) => value.startsWith(each)) ?? value.slice(0, 1);
	return surname + '*'.repeat(Math.max(1, [...value].length - [...surname].length));
}

/** An address to its village: the house number and anything after the village is hidden. */
export function maskAddress(value: string | null): string | null {
	if (!value) return value;
	const match = value.match(/^(.*?(村|社区|小区|镇|街道))/);
	return match ? `${match[1]}***` : '***';
}

export type PersonalKind = 'name' | 'idNumber' | 'phone' | 'address' | 'location';

/** Each kind of personal value as shown masked; an exact home position is not masked but left out. */
export const MASKS: Record<PersonalKind, (value: string | null) => string | null> = {
	name: maskName,
	idNumber: maskIdNumber,
	phone: maskPhone,
	address: maskAddress,
	location: () => null
};
