/**
 * A site's arrival and service rates from two of its tablet's queue reports. Each report carries
 * the queue and, from a counting tablet, the people sampled so far that day: between two reports
 * arrivals = queue growth + people sampled, and the desks' pace = people sampled per desk-hour.
 * Boxes are sealed about hourly, so rates read from boxes jump by the hour; these follow the queue.
 */
import { learnedServiceRate } from './staffing';

export interface QueueReport {
	/** Device time, epoch ms. */
	at: number;
	queueLength: number;
	/** People sampled at the site that service day, as its tablet counted them; null if it does not count. */
	sampledToday: number | null;
	/** The service day of sampledToday (a count of an earlier day is a count from zero today). */
	day: string;
}

export interface SiteRates {
	/** People arriving per minute; null when the reports are too close together (or too few) to tell. */
	arrivalsPerMinute: number | null;
	/** People sampled per staffed desk-hour, shrunk towards the default; null without a tablet count to learn from. */
	peoplePerDeskHour: number | null;
}

/** Reports closer than this say too little about a rate (a queue moves by a handful between two). */
export const MIN_SPAN_MINUTES = 1;

export function siteRates({ earlier, latest, staffedDesks }: { earlier: QueueReport | undefined; latest: QueueReport | undefined; staffedDesks: number }): SiteRates {
	if (!earlier || !latest || latest.sampledToday === null || earlier.sampledToday === null) return { arrivalsPerMinute: null, peoplePerDeskHour: null };
	const minutes = (latest.at - earlier.at) / 60_000;
	if (minutes < MIN_SPAN_MINUTES) return { arrivalsPerMinute: null, peoplePerDeskHour: null };
	const before = earlier.day === latest.day ? earlier.sampledToday : 0;
	const sampled = Math.max(0, latest.sampledToday - before);
	const arrivalsPerMinute = Math.max(0, (latest.queueLength - earlier.queueLength + sampled) / minutes);
	// The desks' pace shows only while people waited throughout: with no queue they sat idle part of the time.
	const busy = earlier.queueLength > 0 && latest.queueLength > 0 && staffedDesks > 0;
	const peoplePerDeskHour = busy ? learnedServiceRate({ peopleServed: sampled, samplerHours: (staffedDesks * minutes) / 60 }) : null;
	return { arrivalsPerMinute, peoplePerDeskHour };
}
