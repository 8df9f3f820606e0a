/**
 * Results on time: "确保群众采样后8小时内能够查询到结果" (seed 001). Per box or tube, the times
 * sealed → received → tested → result against that promise; overdue (and soon overdue) results by
 * lab, never by person; the median turnaround; and the county's lab readiness: "各县区要达到仅依托
 * 辖区内核酸检测机构24小时内可以完成对辖区所有常住人口按20:1混检的能力" (001; the example lab:
 * 3,000 tubes a day). Pure; time is a parameter.
 */
import { RESULTS_DUE_HOURS } from './lab-load';

const MINUTE = 60_000;

export const TURNAROUND_RULES = {
	/** Results within this many hours of sampling (001). */
	resultsDueHours: RESULTS_DUE_HOURS,
	/** A result still pending this close to its due time is "soon overdue": the lab can still act. */
	soonMinutes: 60,
	/** The county tests all its residents at this pooling within readinessHours (001). */
	poolSize: 20,
	readinessHours: 24
} as const;

export type TurnaroundRules = { [K in keyof typeof TURNAROUND_RULES]: number };

/** One box (or tube) on its way; epoch ms, null while a step has not happened. */
export interface TurnaroundItem {
	id: string;
	/** The lab it goes to (or went to); null while not yet assigned. */
	labId: string | null;
	/** When the first of its people was sampled, when known: the promise runs from sampling. */
	sampledAt?: number | null;
	sealedAt: number;
	receivedAt: number | null;
	testedAt: number | null;
	resultAt: number | null;
}

export type TurnaroundStage = 'sealed' | 'received' | 'tested' | 'resulted';
/** on_time/soon/overdue while pending; in_time/late once resulted. */
export type TurnaroundState = 'on_time' | 'soon' | 'overdue' | 'in_time' | 'late';

export interface Turnaround {
	id: string;
	labId: string | null;
	stage: TurnaroundStage;
	state: TurnaroundState;
	/** Epoch ms the result is promised by. */
	dueAt: number;
	/** Minutes from sampling to now (pending) or to the result. */
	elapsedMinutes: number;
	/** Minutes per leg, null until the leg is done: sealed → received → tested → result. */
	legs: { transit: number | null; testing: number | null; reporting: number | null };
}

const minutesBetween = (from: number | null, to: number | null) => (from === null || to === null ? null : Math.max(0, (to - from) / MINUTE));

export function turnaround(item: TurnaroundItem, now: number, rules: TurnaroundRules = TURNAROUND_RULES): Turnaround {
	const start = item.sampledAt ?? item.sealedAt;
	const dueAt = start + rules.resultsDueHours * 60 * MINUTE;
	const stage: TurnaroundStage = item.resultAt !== null ? 'resulted' : item.testedAt !== null ? 'tested' : item.receivedAt !== null ? 'received' : 'sealed';
	let state: TurnaroundState;
	if (item.resultAt !== null) state = item.resultAt <= dueAt ? 'in_time' : 'late';
	else if (now > dueAt) state = 'overdue';
	else state = dueAt - now <= rules.soonMinutes * MINUTE ? 'soon' : 'on_time';
	return {
		id: item.id, labId: item.labId, stage, state, dueAt,
		elapsedMinutes: Math.max(0, ((item.resultAt ?? now) - start) / MINUTE),
		legs: { transit: minutesBetween(item.sealedAt, item.receivedAt), testing: minutesBetween(item.receivedAt, item.testedAt), reporting: minutesBetween(item.testedAt, item.resultAt) }
	};
}

export interface LabTurnaround {
	/** null: boxes not yet assigned to a lab (still at a site or on the road). */
	labId: string | null;
	pending: number;
	soon: number;
	overdue: number;
	resulted: number;
	late: number;
	/** Median minutes from sampling to result of the resulted; null with none. */
	medianMinutes: number | null;
}

/** The median of a list of numbers; null when empty. */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median minutes from sampling to result over the items with a result. */
export function medianTurnaroundMinutes(items: readonly TurnaroundItem[], now: number, rules: TurnaroundRules = TURNAROUND_RULES): number | null {
	return median(items.filter((item) => item.resultAt !== null).map((item) => turnaround(item, now, rules).elapsedMinutes));
}

/** Per lab, in the order labs first appear: what is pending, soon overdue, overdue, late, and the median. */
export function turnaroundByLab(items: readonly TurnaroundItem[], now: number, rules: TurnaroundRules = TURNAROUND_RULES): LabTurnaround[] {
	const labs = new Map<string | null, { row: LabTurnaround; minutes: number[] }>();
	for (const item of items) {
		const each = turnaround(item, now, rules);
		let lab = labs.get(item.labId);
		if (!lab) {
			lab = { row: { labId: item.labId, pending: 0, soon: 0, overdue: 0, resulted: 0, late: 0, medianMinutes: null }, minutes: [] };
			labs.set(item.labId, lab);
		}
		if (each.stage === 'resulted') {
			lab.row.resulted++;
			lab.minutes.push(each.elapsedMinutes);
			if (each.state === 'late') lab.row.late++;
		} else {
			lab.row.pending++;
			if (each.state === 'soon') lab.row.soon++;
			if (each.state === 'overdue') lab.row.overdue++;
		}
	}
	return [...labs.values()].map(({ row, minutes }) => ({ ...row, medianMinutes: median(minutes) }));
}

/** Pending results past their 8 hours, oldest due first: what alerts the lab and the wall (by lab). */
export function overdueResults(items: readonly TurnaroundItem[], now: number, rules: TurnaroundRules = TURNAROUND_RULES): Turnaround[] {
	return items.map((item) => turnaround(item, now, rules)).filter((each) => each.state === 'overdue').sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id));
}

export interface LabReadiness {
	residents: number;
	/** Pooled tubes to test everyone at the pool size. */
	tubesNeeded: number;
	/** Tubes the county's labs test in the readiness window. */
	capacityTubes: number;
	/** Tubes the labs cannot test in the window (0 when ready). */
	shortfallTubes: number;
	ready: boolean;
	/** capacity / need (1 = just enough); Infinity with nobody to test. */
	ratio: number;
	/** Hours the labs need for everyone; Infinity without capacity. */
	hoursNeeded: number;
}

/** Can the county's own labs test all residents at 20:1 within 24 h (001)? */
export function labReadiness(residents: number, labs: readonly { capacityTubesPerDay: number }[], rules: TurnaroundRules = TURNAROUND_RULES): LabReadiness {
	const tubesNeeded = Math.ceil(Math.max(0, residents) / rules.poolSize);
	const perDay = labs.reduce((sum, lab) => sum + Math.max(0, lab.capacityTubesPerDay), 0);
	const capacityTubes = Math.floor((perDay * rules.readinessHours) / 24);
	return {
		residents, tubesNeeded, capacityTubes,
		shortfallTubes: Math.max(0, tubesNeeded - capacityTubes),
		ready: capacityTubes >= tubesNeeded,
		ratio: tubesNeeded === 0 ? Infinity : capacityTubes / tubesNeeded,
		hoursNeeded: tubesNeeded === 0 ? 0 : perDay <= 0 ? Infinity : (tubesNeeded / perDay) * 24
	};
}
