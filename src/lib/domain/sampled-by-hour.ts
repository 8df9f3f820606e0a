/**
 * People sampled per China-time hour of today, from the tablets' running counts (sampledToday,
 * each person scanned), so the wall's hourly bars add up to the 今日采样 KPI, which counts a site's
 * people as the larger of its tablet's count and its sealed boxes' people (live-state.ts).
 * A site's hour gets what its count grew by in that hour. Its first count of the day goes whole
 * to the hour it arrived in: a server started at 21:22 hears tablets that have sampled since the
 * morning, and that count belongs to the day's total; the bars put it in the start-up hour rather
 * than losing it. A lower count later (a resend) takes nothing back. A site with no tablet count
 * falls back to its boxes by the hour they were sealed; boxes holding more people than the tablet
 * counted (a box from a desk without a tablet) add the excess in the hour of the last box.
 * Pure: per site and hour, the greatest count and the boxed people come in; the hours go out.
 */
export interface TabletHour {
	siteId: string;
	/** China-time hour 0–23 of today. */
	hour: number;
	/** The greatest sampledToday the tablet reported in that hour. */
	sampledToday: number;
}

export interface BoxedHour {
	siteId: string;
	hour: number;
	people: number;
}

export function sampledByHour(tablets: Iterable<TabletHour>, boxes: Iterable<BoxedHour>): Map<number, number> {
	const byHour = new Map<number, number>();
	const add = (hour: number, people: number) => {
		if (people > 0) byHour.set(hour, (byHour.get(hour) ?? 0) + people);
	};
	const tabletsOf = groupBySite(tablets);
	const boxesOf = groupBySite(boxes);
	for (const siteId of new Set([...tabletsOf.keys(), ...boxesOf.keys()])) {
		let counted = 0;
		for (const reading of tabletsOf.get(siteId) ?? []) {
			add(reading.hour, reading.sampledToday - counted);
			counted = Math.max(counted, reading.sampledToday);
		}
		const boxed = boxesOf.get(siteId) ?? [];
		if (counted === 0) {
			for (const box of boxed) add(box.hour, box.people);
			continue;
		}
		const boxedPeople = boxed.reduce((total, box) => total + box.people, 0);
		if (boxedPeople > counted) add(boxed.at(-1)!.hour, boxedPeople - counted);
	}
	return byHour;
}

/** Each site's rows in hour order. */
function groupBySite<T extends { siteId: string; hour: number }>(rows: Iterable<T>): Map<string, T[]> {
	const bySite = new Map<string, T[]>();
	for (const row of [...rows].sort((a, b) => a.hour - b.hour)) {
		const list = bySite.get(row.siteId);
		if (list) list.push(row);
		else bySite.set(row.siteId, [row]);
	}
	return bySite;
}
