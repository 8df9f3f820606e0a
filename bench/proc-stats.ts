/**
 * CPU and memory of processes and of the whole machine, read from /proc (the benches run on the
 * machine they measure): what each part of a run cost, and how busy the cores were meanwhile.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's clock ticks per second (USER_HZ), the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** The machine's busy and total CPU time so far (all cores), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
	const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
	const total = fields.reduce((sum, each) => sum + each, 0);
	return { busy: total - fields[3] - fields[4], total };
}

/** CPU seconds so far of each process whose command starts with this (Redis, Postgres: what our system leans on), by pid. */
export function cpuSecondsByPid(command: string): Map<number, number> {
	const seconds = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith(command)) seconds.set(Number(entry), cpuSeconds(Number(entry)));
		} catch {
			// The process ended while we looked.
		}
	}
	return seconds;
}

/**
 * CPU seconds the processes of a command used between two readings: a process that started
 * meanwhile (a new Postgres backend) counts whole; one that ended meanwhile is not seen, so this
 * can undercount, never go below zero.
 */
export function cpuSecondsBetween(before: Map<number, number>, after: Map<number, number>): number {
	let seconds = 0;
	for (const [pid, now] of after) seconds += Math.max(0, now - (before.get(pid) ?? 0));
	return seconds;
}

/** A process's resident memory now, in MB. */
export function rssMb(pid: number): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((each) => each.startsWith('VmRSS:'))!;
	return Math.round(Number(line.split(/\s+/)[1]) / 1024);
}
