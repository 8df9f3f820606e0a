/**
 * Lab results to case tests, 1:1: a door-to-door sample recorded with its single-person tube
 * (record-test-result.ts, result pending with box and tube) takes the lab's result for that tube
 * (pool_results, written by the projector from `lab.pool_result`) as a `case.test_result` with
 * source 'lab', through the same operation an officer's result goes. Run every few seconds on the
 * projector node; a tube's result lands once (the test is no longer pending afterwards).
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { poolResults, scheduledTests } from '../../db/schema/index';
import type { EventLog } from '../../pipeline/event-log/event-log';
import { ServiceError } from '../service-error';
import { recordTestResult } from './record-test-result';

export const LAB_ACTOR = 'system:lab';

export async function matchLabResults({ db, log, now = Date.now(), logger }: { db: Db; log: EventLog; now?: number; logger?: Pick<Console, 'warn'> }): Promise<number> {
	const ready = await db
		.select({ testId: scheduledTests.id, result: poolResults.result })
		.from(scheduledTests)
		.innerJoin(poolResults, and(eq(poolResults.boxId, scheduledTests.boxId), eq(poolResults.tube, scheduledTests.tube)))
		.where(and(eq(scheduledTests.result, 'pending'), isNotNull(scheduledTests.boxId)));
	let recorded = 0;
	for (const { testId, result } of ready) {
		try {
			await recordTestResult({ ctx: { db, log, actor: LAB_ACTOR, scope: { kind: 'county' }, source: 'lab', now, logger }, input: { testId, result } });
			recorded++;
		} catch (error) {
			// A case closed meanwhile, or a result recorded by hand since: the lab's is history, not a change.
			if (!(error instanceof ServiceError)) throw error;
			logger?.warn(`lab results: test ${testId} not updated from its tube: ${error.text.en}`);
		}
	}
	return recorded;
}

export function startLabResultMatcher({ db, log, logger, everyMs = 10_000 }: { db: Db; log: EventLog; logger?: Pick<Console, 'warn'>; everyMs?: number }): { stop(): void } {
	let running = false;
	const timer = setInterval(() => {
		if (running) return;
		running = true;
		matchLabResults({ db, log, logger })
			.catch((error: Error) => logger?.warn(`lab results: ${error.message}`))
			.finally(() => (running = false));
	}, everyMs);
	timer.unref();
	return { stop: () => clearInterval(timer) };
}
