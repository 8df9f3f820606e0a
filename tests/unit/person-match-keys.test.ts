import { describe, expect, it } from 'vitest';
import { newPersonId, personMatchKey } from '../../server/db/person-match-keys';

const secret = Buffer.alloc(32, 7);

describe('personMatchKey', () => {
	it('gives the same person the same key, by ID number in any ledger or else by the row', () => {
		const id = '11010519491231002X';
		expect(personMatchKey(secret, { idNumber: id, rowKey: 'staff:S1' })).toBe(personMatchKey(secret, { idNumber: id.toLowerCase(), rowKey: 'household:H1:head' }));
		expect(personMatchKey(secret, { idNumber: null, rowKey: 'staff:S1' })).toBe(personMatchKey(secret, { idNumber: null, rowKey: 'staff:S1' }));
		expect(personMatchKey(secret, { idNumber: null, rowKey: 'staff:S1' })).not.toBe(personMatchKey(secret, { idNumber: null, rowKey: 'staff:S2' }));
	});

	it('holds nothing of the ID number and cannot be recomputed without the secret', () => {
		const key = personMatchKey(secret, { idNumber: '11010519491231002X', rowKey: 'staff:S1' });
		expect(key).toMatch(/^[\w-]{43}$/);
		expect(key).not.toContain('1101');
		expect(personMatchKey(Buffer.alloc(32, 8), { idNumber: '11010519491231002X', rowKey: 'staff:S1' })).not.toBe(key);
	});
});

describe('newPersonId', () => {
	it('is opaque and new every time', () => {
		const ids = new Set(Array.from({ length: 1000 }, newPersonId));
		expect(ids.size).toBe(1000);
		for (const id of ids) expect(id).toMatch(/^p_[0-9a-f]{32}$/);
	});
});
