/**
 * Locking the 24:00 report (日报): at 24:00 China time the day's report is written as it stands and
 * never rewritten (a correction is an amendment). Safe on several nodes: the insert is idempotent
 * on the day (the table's primary key), and only the insert that wrote the row emits `report.locked`.
 */
import { sql } from 'drizzle-orm';
import { dailyReports } from '../../db/schema/index';
import { commitCommand, type CommandContext } from '../command-events';
import { isLocked, reportLocksAt } from '../../../src/lib/domain/daily-report';
import { serviceDay } from '../../../src/lib/domain/service-day';
import { assembleDayReport } from './assemble-day-report';
import { refuseReport } from './report-refusals';

/** Locks one past day's report; false when it was locked already (here or on another node). */
export async function lockDayReport({ ctx, input }: { ctx: CommandContext; input: { day: string } }): Promise<{ locked: boolean }> {
	const now = ctx.now ?? Date.now();
	if (!isLocked(input.day, now)) throw refuseReport('day_not_over', { day: input.day });
	const report = await assembleDayReport(ctx.db, input.day);
	const { result } = await commitCommand({ ...ctx, now }, async (tx, emit) => {
		const eventId = `cmd-lock-${input.day}`;
		const written = await tx.insert(dailyReports).values({ day: input.day, report, lockedAt: new Date(now), lockedBy: ctx.actor, eventId }).onConflictDoNothing().returning({ day: dailyReports.day });
		if (written.length === 0) return false;
		emit({ type: 'report.locked', day: input.day });
		return true;
	});
	return { locked: result };
}

/** Past days (China time, before today) with a box sealed, a member sampled, a lab counter or a case opened, not yet locked. */
export async function unlockedPastDays(ctx: Pick<CommandContext, 'db'>, now: number): Promise<string[]> {
	const today = serviceDay(now);
	const china = (column: string) => `to_char((${column} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;
	const result = await ctx.db.execute(
		sql.raw(`select day from (
			select ${china('sealed_at')} as day from sample_boxes
			union select day from sampled_members
			union select day from lab_counters where received_tubes > 0 or tested_tubes > 0
			union select ${china('created_at')} from quarantine_cases
		) days where day < '${today}' and day not in (select day from daily_reports) order by day`)
	);
	const rows = (Array.isArray(result) ? result : (result as { rows: { day: string }[] }).rows) as { day: string }[];
	return rows.map((row) => row.day).filter((day) => /^\d{4}-\d{2}-\d{2}$/.test(day));
}

/** Locks every past day with activity not yet locked (at start-up, and at each 24:00). */
export async function lockPendingReports(ctx: CommandContext): Promise<string[]> {
	const now = ctx.now ?? Date.now();
	const locked: string[] = [];
	for (const day of await unlockedPastDays(ctx, now)) if ((await lockDayReport({ ctx: { ...ctx, now }, input: { day } })).locked) locked.push(day);
	return locked;
}

/**
 * The composition root's timer: locks what is pending at start, then again just after each 24:00
 * China time. Every node may run it; the day's primary key makes the second lock a no-op.
 */
export function startReportLocker(ctx: Omit<CommandContext, 'actor' | 'now'> & { logger?: Pick<Console, 'warn' | 'log'> }, { clock = Date.now, graceMs = 1000 } = {}): { stop(): void; done: Promise<void> } {
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;
	const run = () =>
		lockPendingReports({ ...ctx, actor: 'system', now: clock() })
			.then((days) => days.length > 0 && ctx.logger?.log(`日报 / daily report locked: ${days.join(', ')}`))
			.catch((error: Error) => ctx.logger?.warn(`daily report: locking failed, retried at the next 24:00 or start: ${error.message}`))
			.then(() => undefined);
	const schedule = () => {
		if (stopped) return;
		const wait = reportLocksAt(serviceDay(clock())) - clock() + graceMs;
		timer = setTimeout(() => void run().then(schedule), Math.max(wait, graceMs));
	};
	const done = run().then(schedule);
	return {
		done,
		stop: () => {
			stopped = true;
			clearTimeout(timer);
		}
	};
}
