/** The no-setup schematic basemap says once what it is; the demo's places carry plain names. */
import { describe, expect, it } from 'vitest';
import { chengmen } from '../../server/sim/scenarios/chengmen';
import { isSchematicStyle, offlineStyle } from '../../src/lib/map/basemap/offline-style';
import { protomapsDarkStyle } from '../../src/lib/map/basemap/protomaps-dark-style';

const PLACEHOLDER = /示意|占位/;

describe('the schematic basemap', () => {
	it('is marked as schematic in its style (the map shows 示意底图 once), a real basemap is not', () => {
		expect(isSchematicStyle(offlineStyle('/api/basemap.geojson'))).toBe(true);
		expect(isSchematicStyle(protomapsDarkStyle({ url: 'http://127.0.0.1/api/basemap.pmtiles', minZoom: 0, maxZoom: 14 }))).toBe(false);
		expect(isSchematicStyle('https://tiles.example.internal/style.json')).toBe(false);
	});

	it('demo places have plain names: the lab, the hotel and the risk zones carry no 示意/占位 suffix', () => {
		const { labs, sites } = chengmen.ledgers();
		const places = chengmen.places!;
		const names = [...labs.map((lab) => lab.name), ...sites.map((site) => site.name), ...places.quarantineSites.map((hotel) => hotel.name), ...places.riskZones.map((zone) => zone.name)];
		for (const name of names) expect(name).not.toMatch(PLACEHOLDER);
		expect(chengmen.ledgers().labs.map((lab) => lab.name)).toEqual(['柴桑区疾控中心实验室']);
	});
});
