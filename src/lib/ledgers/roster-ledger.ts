/**
 * The roster (花名册): the members of each registered household, by 户编号 and 成员序号 (1 the
 * head), as a village keeps it for a round of mass testing. The register (户籍与隔离台账) makes a
 * roster code for every member already (`CM010001-2`); this ledger names them and says who cannot
 * come to a site (行动不便), so the gap list sends a door-to-door team. A household must be in the
 * register first (the store refuses the row otherwise).
 */
import type { CannotComeReason } from '../domain/coverage';
import { code, idNumber, integer, text, type FieldParser } from './fields';
import { column, type LedgerDefinition } from './ledger';

export const CANNOT_COME_LABELS: Record<CannotComeReason, string> = { aged: '老年', disabled: '残疾', bedridden: '卧床', care_home: '敬老院' };
export const CANNOT_COME_LABELS_EN: Record<CannotComeReason, string> = { aged: 'aged', disabled: 'disabled', bedridden: 'bedridden', care_home: 'care home' };

/** What a village writes for each reason, in Chinese or English (lower case, spaces and hyphens as _). */
const CANNOT_COME_WORDS: Record<string, CannotComeReason> = {
	老年: 'aged', 老人: 'aged', 高龄: 'aged', aged: 'aged', elderly: 'aged', old_age: 'aged',
	残疾: 'disabled', 残疾人: 'disabled', disabled: 'disabled', disability: 'disabled',
	卧床: 'bedridden', 卧床不起: 'bedridden', bedridden: 'bedridden', bed_ridden: 'bedridden',
	敬老院: 'care_home', 养老院: 'care_home', care_home: 'care_home', nursing_home: 'care_home'
};

/** 行动不便: several reasons in one cell (老年、卧床), each once, in a fixed order. */
export const cannotCome: FieldParser<CannotComeReason[]> = (value) => {
	const found = new Set<CannotComeReason>();
	for (const part of value.split(/[、;；,，/]/).map((each) => each.trim()).filter(Boolean)) {
		const reason = CANNOT_COME_WORDS[part.toLowerCase().replace(/[\s-]+/g, '_')];
		if (!reason) return { ok: false, message: `"${part}" is not one of 老年、残疾、卧床、敬老院 (aged, disabled, bedridden, care home)` };
		found.add(reason);
	}
	return { ok: true, value: (Object.keys(CANNOT_COME_LABELS) as CannotComeReason[]).filter((reason) => found.has(reason)) };
};

export interface RosterRecord {
	household: string;
	memberNo: number;
	name: string | null;
	idNumber: string | null;
	relation: string | null;
	cannotCome: CannotComeReason[] | null;
}

/** A member's roster code, the ledger's key: what the desk scans. */
export const rosterCodeOf = (record: Pick<RosterRecord, 'household' | 'memberNo'>) => `${record.household}-${record.memberNo}`;

export const rosterLedger: LedgerDefinition<RosterRecord> = {
	kind: 'roster', zh: '花名册', en: 'Roster', key: 'household', keyOf: rosterCodeOf,
	columns: [
		column('household', '户编号', 'household_code', code, { required: true }),
		column('memberNo', '成员序号', 'member_no', integer(1, 100), { required: true }),
		column('name', '姓名', 'name', text(50), { personal: 'name' }),
		column('idNumber', '身份证号', 'id_number', idNumber, { personal: 'idNumber' }),
		column('relation', '与户主关系', 'relation', text(20)),
		column('cannotCome', '行动不便', 'cannot_come', cannotCome, { format: (value) => (value as CannotComeReason[]).map((reason) => CANNOT_COME_LABELS[reason]).join('、') })
	],
	check: (member) => (member.idNumber && !member.name ? { key: 'name', message: 'is needed with 身份证号' } : null)
};
