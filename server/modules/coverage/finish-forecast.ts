/**
 * The hook through which the finish forecast (H3, issue 15) fills a RoundCoverage's `finish`,
 * `targetAt` and `forecastText`. Until it lands it leaves the counts as they are (all null), so
 * the wall and /sites show coverage without a forecast.
 */
import type { Db } from '../../db/client';
import type { RoundCoverage } from '../../../src/lib/protocol/coverage';

export async function attachForecast(_db: Db, coverage: RoundCoverage, _now: number): Promise<RoundCoverage> {
	return coverage;
}
