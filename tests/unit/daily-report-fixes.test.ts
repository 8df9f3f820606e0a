import { describe, expect, it } from 'vitest';
import { assembleDailyReport } from '../../src/lib/domain/daily-report';
import { applyReportFixes } from '../../src/lib/domain/daily-report-fixes';

const report = assembleDailyReport({
	day: '2026-11-30',
	sites: [{ siteId: 'S1', townshipId: 'T1', people: 100, tubes: 10, boxes: 1, pooling: 10 }],
	townships: [{ townshipId: 'T1', registered: 200, sampled: 100, coverage: 0.5, gapsLeft: 100 }],
	labs: [{ labId: 'L1', received: 10, tested: 8, positives: 0, pending: 2, medianTurnaroundMinutes: 300 }],
	quarantine: { new: 1 }
});

describe('applyReportFixes', () => {
	it('corrects a site figure and works out its pooling and the totals again', () => {
		const fixed = applyReportFixes(report, [{ section: 'sites', key: 'S1', field: 'people', to: 120 }]);
		if ('refusal' in fixed) throw new Error(fixed.refusal);
		expect(fixed.sites[0]).toMatchObject({ people: 120, tubes: 10, pooling: 12 });
		expect(fixed.totals.people).toBe(120);
		expect(report.sites[0].people).toBe(100);
	});

	it('recomputes a township coverage and gaps from its corrected sampled count', () => {
		const fixed = applyReportFixes(report, [{ section: 'townships', key: 'T1', field: 'sampled', to: 150 }]);
		if ('refusal' in fixed) throw new Error(fixed.refusal);
		expect(fixed.townships[0]).toMatchObject({ sampled: 150, coverage: 0.75, gapsLeft: 50 });
	});

	it('corrects the quarantine figures by measure', () => {
		const fixed = applyReportFixes(report, [{ section: 'quarantine', field: 'byMeasure.centralised', to: 4 }]);
		if ('refusal' in fixed) throw new Error(fixed.refusal);
		expect(fixed.quarantine.byMeasure.centralised).toBe(4);
	});

	it('refuses a derived figure or an unknown row', () => {
		expect(applyReportFixes(report, [{ section: 'sites', key: 'S1', field: 'pooling', to: 5 }])).toEqual({ refusal: 'bad_field', field: 'pooling' });
		expect(applyReportFixes(report, [{ section: 'labs', key: 'L9', field: 'tested', to: 5 }])).toEqual({ refusal: 'no_such_row', section: 'labs', key: 'L9' });
	});
});
