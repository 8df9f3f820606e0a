import { describe, expect, it } from 'vitest';
import { COVERAGE_COLOURS, coverageBand, coverageFillColor, coverageLayer } from '../../src/lib/map/layers/coverage.layer';

describe('coverageBand', () => {
	it('is red under 50 %, amber under 90 %, green from 90 %', () => {
		expect([0, 0.4999, 0.5, 0.8999, 0.9, 1].map(coverageBand)).toEqual(['red', 'red', 'amber', 'amber', 'green', 'green']);
	});
});

describe('coverageFillColor', () => {
	it('colours each village cell by its name and leaves others and empty villages uncoloured', () => {
		const fill = coverageFillColor([
			{ name: '白畈村', registered: 100, coverage: 0.3 },
			{ name: '金兰村', registered: 50, coverage: 0.95 },
			{ name: '无人村', registered: 0, coverage: 1 }
		]);
		expect(fill).toEqual(['match', ['get', 'name'], '白畈村', COVERAGE_COLOURS.red, '金兰村', COVERAGE_COLOURS.green, 'rgba(0, 0, 0, 0)']);
	});

	it('is plain transparent without a roster (a match needs at least one label)', () => {
		expect(coverageFillColor([])).toBe('rgba(0, 0, 0, 0)');
	});

	it('is drawn on the basemap’s village cells only', () => {
		expect(coverageLayer('red')).toMatchObject({ id: 'coverage-fill', source: 'basemap', filter: ['==', ['get', 'kind'], 'cell'] });
	});
});
