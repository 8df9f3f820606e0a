/** Every command event the log may carry (one union, extended by each area's file). */
import { z } from 'zod';
import { staffEvent } from './staff-events';
import { dispatchEvent } from './dispatch-events';
import { quarantineEvent } from './quarantine-events';
import { followUpEvent } from './follow-up-events';
import { riskZoneEvent } from './risk-zone-events';
import { doorVisitEvent } from './door-visit-events';
import { reportEvent } from './report-events';
import { timetableEvent } from './timetable-events';
import { alertEvent } from './alert-events';
import { roundDeadlineEvent } from './round-deadline-events';

export const commandEvent = z.union([staffEvent, dispatchEvent, followUpEvent, riskZoneEvent, quarantineEvent, timetableEvent, alertEvent, reportEvent, doorVisitEvent, roundDeadlineEvent]);
export type CommandEvent = z.infer<typeof commandEvent>;

/** A command event, as opposed to a device's: only commands carry an actor. */
export function isCommandEvent<T extends { type: string }>(event: T | CommandEvent): event is CommandEvent {
	return 'actor' in event;
}
