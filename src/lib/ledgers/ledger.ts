/**
 * What a ledger (台账) is: named columns, each with a Chinese and an English header and a cell
 * parser, a natural key, and checks across columns. Import and export use the same definition,
 * so what is exported imports back unchanged.
 */
import type { FieldParser } from './fields';
import type { PersonalKind } from '../domain/masking';

export interface LedgerColumn {
	key: string;
	zh: string;
	en: string;
	required: boolean;
	parse: FieldParser<unknown>;
	/** How a stored value is written back; by default as text, booleans as 是/否, choices by their Chinese label. */
	format?: (value: unknown) => string;
	/** Personal data, and which kind: masked in every export but a full one by an admin. */
	personal?: PersonalKind;
}

export interface LedgerDefinition<R> {
	kind: string;
	zh: string;
	en: string;
	columns: LedgerColumn[];
	/** The column whose value identifies a row: importing a row with a known key updates it. */
	key: keyof R & string;
	/** The row's identity when it takes several columns (a roster member: 户编号 and 成员序号); blamed on `key`'s column. */
	keyOf?: (record: R) => string;
	/** Checks that involve several columns; returns the column to blame and why. */
	check?: (record: R) => { key: keyof R & string; message: string } | null;
}

export function column(key: string, zh: string, en: string, parse: FieldParser<unknown>, options: { required?: boolean; format?: (value: unknown) => string; personal?: LedgerColumn['personal'] } = {}): LedgerColumn {
	const labels = (parse as { labels?: Record<string, string> }).labels;
	const format = options.format ?? (labels ? (value: unknown) => (value == null ? '' : (labels[value as string] ?? String(value))) : undefined);
	return { key, zh, en, required: options.required ?? false, parse, format, personal: options.personal };
}

export function formatCell(column: LedgerColumn, value: unknown): string {
	if (value === null || value === undefined) return '';
	if (column.format) return column.format(value);
	if (typeof value === 'boolean') return value ? '是' : '否';
	if (Array.isArray(value)) return value.join('、');
	return String(value);
}

/** Records as a table of text cells under the ledger's headers: what an export writes and a scenario imports. */
export function toLedgerTable<R>(definition: LedgerDefinition<R>, records: R[], headers: 'zh' | 'en' = 'zh'): { headers: string[]; rows: string[][] } {
	return {
		headers: definition.columns.map((column) => column[headers]),
		rows: records.map((record) => definition.columns.map((column) => formatCell(column, (record as Record<string, unknown>)[column.key])))
	};
}
