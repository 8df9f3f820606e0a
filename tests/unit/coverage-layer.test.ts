import { describe, expect, it } from 'vitest';
import { COVERAGE_COLOURS, coverageBand, coverageFillColor, coverageLayer } from '../../src/lib/map/layers/coverage.layer';

describe('coverageBand', () => {
	it('is red under 50 %, amber under 90 %, green from 90 %', () => {
		expect([0, 0.4999, 0.5, 0.8999, 0.9, 1].map(coverageBand)).toEqual(['red', 'red', 'amber', 'amber', 'green', 'green']);
	});
});

describe('coverageFillColor', () => {
	it('colours each village cell by its name against its township’s expected progress, and leaves empty villages uncoloured', () => {
		const fill = coverageFillColor(
			[
				{ name: '白畈村', townshipId: 't:城门街道', registered: 100, coverage: 0.3 },
				{ name: '金兰村', townshipId: 't:城门街道', registered: 50, coverage: 0.95 },
				{ name: '金桥村', townshipId: 't:城门街道', registered: 80, coverage: 0.6 },
				{ name: '无人村', townshipId: 't:城门街道', registered: 0, coverage: 1 }
			],
			{ 't:城门街道': 1 }
		);
		expect(fill).toEqual(['match', ['get', 'name'], '白畈村', COVERAGE_COLOURS.red, '金兰村', COVERAGE_COLOURS.green, '金桥村', COVERAGE_COLOURS.amber, 'rgba(0, 0, 0, 0)']);
	});

	it('at the round’s start (nothing expected yet) colours no village red: the map is not tinted at all', () => {
		const villages = ['白畈村', '金兰村', '金桥村'].map((name) => ({ name, townshipId: 't:城门街道', registered: 100, coverage: 0 }));
		expect(coverageFillColor(villages, { 't:城门街道': 0 })).toBe('rgba(0, 0, 0, 0)');
		expect(coverageFillColor(villages, {})).toBe('rgba(0, 0, 0, 0)');
		expect(coverageFillColor(villages, { 't:城门街道': null })).toBe('rgba(0, 0, 0, 0)');
	});

	it('half-way through the round, 45 % is on track and 20 % far behind', () => {
		const fill = coverageFillColor(
			[
				{ name: '白畈村', townshipId: 't:城门街道', registered: 100, coverage: 0.45 },
				{ name: '金兰村', townshipId: 't:城门街道', registered: 100, coverage: 0.2 }
			],
			{ 't:城门街道': 0.5 }
		);
		expect(fill).toEqual(['match', ['get', 'name'], '白畈村', COVERAGE_COLOURS.green, '金兰村', COVERAGE_COLOURS.red, 'rgba(0, 0, 0, 0)']);
	});

	it('is plain transparent without a roster (a match needs at least one label)', () => {
		expect(coverageFillColor([], {})).toBe('rgba(0, 0, 0, 0)');
	});

	it('is drawn on the basemap’s village cells only', () => {
		expect(coverageLayer('red')).toMatchObject({ id: 'coverage-fill', source: 'basemap', filter: ['==', ['get', 'kind'], 'cell'] });
	});
});
