import { describe, expect, it } from 'vitest';
import { alreadyRegistered, checkCode, codesNamed, duplicateIn, samplesOf } from '../../src/lib/components/field/registration';

describe('the registration desk’s codes', () => {
	it('refuses an ID number in the page, before anything is sent', () => {
		expect(checkCode('T-1', '36042119800101123x')).toEqual({ ok: false, problem: 'register.idNumber' });
	});

	it('asks for the tube first, then a code', () => {
		expect(checkCode('', 'CM010001-2')).toEqual({ ok: false, problem: 'register.needTube' });
		expect(checkCode('T-1', '  ')).toEqual({ ok: false, problem: 'register.needCode' });
	});

	it('takes a scanned code as the roster prints it (spaces and a newline dropped, upper case)', () => {
		expect(checkCode('T-1', ' cm010001-2\n')).toEqual({ ok: true, code: 'CM010001-2' });
	});

	it('sends a member code as a person and any other code as a household (一户一管)', () => {
		expect(samplesOf([{ tube: 'T-1', code: 'CM010001-2' }, { tube: 'T-2', code: 'CM010003' }])).toEqual([{ tube: 'T-1', memberCode: 'CM010001-2' }, { tube: 'T-2', householdCode: 'CM010003' }]);
	});

	it('marks the codes a refusal names', () => {
		const pending = [{ tube: 'T-1', code: 'CM010001-2' }, { tube: 'T-1', code: 'CM010001-9' }];
		expect([...codesNamed('编码 “CM010001-9”不在花名册上', pending)]).toEqual(['CM010001-9']);
		expect([...codesNamed('samples.1.memberCode: "CM010001-9" is not on the roster', pending)]).toEqual(['CM010001-9']);
	});

	it('flags a person twice in one batch: the same code, or a household code and one of its members', () => {
		const pending = [{ tube: 'T-1', code: 'CM030002-3' }, { tube: 'T-2', code: 'CM030005' }];
		expect(duplicateIn('CM030002-3', pending)).toBe('register.duplicate');
		expect(duplicateIn('CM030005', pending)).toBe('register.duplicate');
		expect(duplicateIn('CM030005-2', pending)).toBe('register.duplicateHousehold');
		expect(duplicateIn('CM030002', pending)).toBe('register.duplicateHousehold');
		expect(duplicateIn('CM030002-4', pending)).toBeNull();
		expect(duplicateIn('CM03000', pending)).toBeNull();
	});

	it('counts the codes of a batch this tablet already registered today', () => {
		const earlier = new Set(['CM030002-3', 'CM030007']);
		expect(alreadyRegistered(['CM030002-3', 'CM030002-4', 'CM030007-1', 'CM030008'], earlier)).toBe(2);
		expect(alreadyRegistered(['CM030002'], earlier)).toBe(1);
		expect(alreadyRegistered(['CM030009-1'], new Set())).toBe(0);
	});
});
