/**
 * Server log lines: each starts with its time in ISO 8601 UTC with the Z ("2026-11-30T08:59:01.234Z"),
 * the form log collectors parse without a zone setting and the same on every node whatever its TZ.
 * (Pages show China time; logs are for operators and machines, and UTC never jumps or repeats.)
 */
export type Logger = Pick<Console, 'log' | 'warn' | 'error'>;

export function timestampedLogger(target: Logger = console, now: () => Date = () => new Date()): Logger {
	const stamp = (write: (...args: unknown[]) => void) => (...args: unknown[]) => write(now().toISOString(), ...args);
	return { log: stamp(target.log.bind(target)), warn: stamp(target.warn.bind(target)), error: stamp(target.error.bind(target)) };
}

/**
 * The request target as a URL, or null when it cannot be one ("//", "http://[x") or its path has
 * broken percent-encoding ("/%", "/wall/%E0%A4%A", which the web app would otherwise log with a
 * stack): the client's mistake, answered 400 with one log line, not a stack trace.
 */
export function parseRequestTarget(target: string | undefined): URL | null {
	try {
		const url = new URL(target ?? '/', 'http://localhost');
		decodeURI(url.pathname);
		return url;
	} catch {
		return null;
	}
}
