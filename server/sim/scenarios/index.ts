import { chengmen } from './chengmen';
import { metroScenario } from './metro';
import type { Scenario } from './scenario';

export const SCENARIOS: Record<string, () => Scenario> = { chengmen: () => chengmen, metro: () => metroScenario() };
export type { Scenario, ScenarioLedgers } from './scenario';
export { placeOf } from './scenario';
