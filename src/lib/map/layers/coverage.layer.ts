/**
 * Villages coloured on the schematic basemap's village cells by where their roster coverage stands
 * against the progress the round expects by now (coverageStanding, src/lib/domain/coverage-progress.ts):
 * red under half of it, amber behind it, green on it, uncoloured while nothing is due yet (the
 * round's start is not a red map). The wall's legend says so. Counts only: a village's colour is
 * all that reaches the map. The cells are the basemap's (`kind: cell`, named
 * by village); a real basemap (PMTiles, Tianditu) has none, and the layer then draws nothing.
 */
import type { ExpressionSpecification, FillLayerSpecification } from 'maplibre-gl';
import { coverageStanding, type CoverageStanding } from '$lib/domain/coverage-progress';

export const COVERAGE_COLOURS = { red: '#e53e3e', amber: '#d69e2e', green: '#38a169' } as const;
export type CoverageBand = keyof typeof COVERAGE_COLOURS;

export const COVERAGE_LAYER_ID = 'coverage-fill';
/** The basemap's source and the layer the fill goes under (its dashed cell borders stay on top). */
export const BASEMAP_SOURCE = 'basemap';
export const COVERAGE_BEFORE = 'cell-line';

/** 0–1 coverage to its absolute band (a finished day's reading, /sites' table): red < 50 %, amber < 90 %, green ≥ 90 %. */
export function coverageBand(coverage: number): CoverageBand {
	if (coverage < 0.5) return 'red';
	if (coverage < 0.9) return 'amber';
	return 'green';
}

const TRANSPARENT = 'rgba(0, 0, 0, 0)';

/** A standing's colour; nothing while nothing is due. */
export const STANDING_COLOURS: Record<CoverageStanding, string> = { far_behind: COVERAGE_COLOURS.red, behind: COVERAGE_COLOURS.amber, on_track: COVERAGE_COLOURS.green, not_due: TRANSPARENT };

/**
 * The fill colour per cell, matched on the cell's village name, against the share its township is
 * expected to have by now (`expected`, by township id: the coverage panel's target tick; a
 * township without one has nothing due yet). A village with nobody on the roster stays
 * uncoloured (nothing to cover there, and no roster yet looks like no roster).
 */
export function coverageFillColor(villages: readonly { name: string; townshipId: string; registered: number; coverage: number }[], expected: Readonly<Record<string, number | null>>): ExpressionSpecification | string {
	const seen = new Set<string>();
	const pairs: string[] = [];
	for (const village of villages) {
		if (village.registered === 0 || seen.has(village.name)) continue;
		seen.add(village.name);
		const colour = STANDING_COLOURS[coverageStanding(village.coverage, expected[village.townshipId] ?? null)];
		if (colour !== TRANSPARENT) pairs.push(village.name, colour);
	}
	if (pairs.length === 0) return TRANSPARENT;
	return ['match', ['get', 'name'], ...pairs, TRANSPARENT] as unknown as ExpressionSpecification;
}

export function coverageLayer(fill: ExpressionSpecification | string): FillLayerSpecification {
	return { id: COVERAGE_LAYER_ID, type: 'fill', source: BASEMAP_SOURCE, filter: ['==', ['get', 'kind'], 'cell'], paint: { 'fill-color': fill, 'fill-opacity': 0.3 } };
}
