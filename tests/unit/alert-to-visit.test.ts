/** The wall's camera flies only to a critical alert that appears while the page is open, never on a reload. */
import { describe, expect, it } from 'vitest';
import { alertToVisit } from '../../src/lib/map/camera';
import type { Alert } from '../../src/lib/domain/alerts';

const opened = Date.parse('2026-11-30T21:00:00+08:00');
const alert = (id: string, since: number, severity: Alert['severity'] = 'critical'): Alert =>
	({ id, kind: 'fever', severity, at: since, since, subject: id, value: 1, location: { lat: 29.7, lon: 115.9 } }) as Alert;

describe('which alert the wall’s camera visits', () => {
	it('does not fly to an alert already standing before the page loaded (a reload replays nothing)', () => {
		expect(alertToVisit([alert('fever:红心村', opened - 3_600_000)], new Set(), opened, true)).toBeNull();
	});

	it('flies to a critical alert that appears while the page is open, once, and never to a warning', () => {
		const standing = alert('fever:红心村', opened - 60_000);
		const fresh = alert('fever:金桥村', opened + 5_000);
		expect(alertToVisit([standing, fresh, alert('warn', opened + 1_000, 'warning')], new Set(), opened, true)?.id).toBe('fever:金桥村');
		expect(alertToVisit([standing, fresh], new Set(['fever:金桥村']), opened, true)).toBeNull();
	});

	it('visits nothing until the server’s first-seen times are known: a standing alert looks new until then', () => {
		expect(alertToVisit([alert('site_crowded:x', opened + 2_000)], new Set(), opened, false)).toBeNull();
	});
});
