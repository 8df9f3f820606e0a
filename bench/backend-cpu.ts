/**
 * The CPU the Postgres backends of one database have used, read from /proc (the bench runs on the
 * database's machine): on a machine other work loads, CPU per batch says what a way costs better
 * than its wall time, which waits for the cores as much as for the work.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Db } from '../server/db/client';

const TICK_MS = 10;

/** Backend pid to its CPU so far (ms); a pid gone from /proc (ended) is left out. */
export async function backendCpu(db: Db): Promise<Map<number, number>> {
	const result = (await db.execute(sql`select pid from pg_stat_activity where datname = current_database()`)) as unknown as { rows?: { pid: number }[] } & { pid: number }[];
	const cpu = new Map<number, number>();
	for (const { pid } of result.rows ?? result) {
		try {
			const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
			cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
		} catch {
			// Not on this machine, or ended.
		}
	}
	return cpu;
}

/** CPU ms the backends used between two readings (a backend that started in between counts from zero). */
export function backendCpuSince(before: Map<number, number>, after: Map<number, number>): number {
	let used = 0;
	for (const [pid, ms] of after) used += ms - (before.get(pid) ?? 0);
	return used;
}
