import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactUrl } from '../../server/config';

describe('loadConfig', () => {
	it('runs embedded with the demo scenario when nothing is set', () => {
		const config = loadConfig({});
		expect(config).toMatchObject({ PORT: 3000, SCENARIO: 'chengmen', SIMULATE: true, BASEMAP: 'offline' });
		expect(config.DATABASE_URL).toBeUndefined();
		expect(config.REDIS_URL).toBeUndefined();
		expect(config.ROLES).toEqual(['web', 'hub', 'ingest', 'projector', 'sim']);
		// A device may send bursts of 100, then 50 a second; the address comes from the socket, not a header.
		expect(config).toMatchObject({ DEVICE_RATE_BURST: 100, DEVICE_RATE_PER_SECOND: 50, TRUST_PROXY: false });
	});

	it('names the setting that is wrong, in one line', () => {
		expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
		expect(() => loadConfig({ PORT: 'abc' })).toThrow(/^PORT: must be a number/);
		expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^DATABASE_URL: must be a postgres:\/\//);
		expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/^REDIS_URL: must be a redis:\/\//);
		expect(() => loadConfig({ SCENARIO: 'atlantis' })).toThrow(/^SCENARIO: must be one of: chengmen, metro, none/);
		expect(() => loadConfig({ SCENARIO: 'metro' })).toThrow(/^SIMULATE: must be false with SCENARIO=metro/);
		expect(() => loadConfig({ SIMULATE: 'maybe' })).toThrow(/^SIMULATE: must be true or false/);
		expect(() => loadConfig({ ROLES: 'web,cook' })).toThrow(/^ROLES\.1: each role must be one of/);
		expect(() => loadConfig({ BASEMAP: 'ftp://x' })).toThrow(/^BASEMAP: /);
	});

	it('takes a basemap of Tianditu with its key, or of a PMTiles file that exists', () => {
		expect(() => loadConfig({ BASEMAP: 'tianditu' })).toThrow(/^TIANDITU_KEY: is needed with BASEMAP=tianditu/);
		expect(loadConfig({ BASEMAP: 'tianditu', TIANDITU_KEY: 'abc123' }).TIANDITU_HOST).toBe('https://t0.tianditu.gov.cn');
		expect(() => loadConfig({ BASEMAP: 'pmtiles:/nowhere/county.pmtiles' })).toThrow(/^BASEMAP: names a \.pmtiles file that does not exist/);
		expect(() => loadConfig({ BASEMAP: 'somewhere' })).toThrow(/^BASEMAP: must be "offline", "tianditu", "pmtiles:/);
	});

	it('reads SIMULATE=false and a list of roles', () => {
		expect(loadConfig({ SIMULATE: 'false', ROLES: 'hub, web' })).toMatchObject({ SIMULATE: false, ROLES: ['hub', 'web'] });
	});
});

describe('redactUrl', () => {
	it('never prints a password', () => {
		expect(redactUrl('postgres://app:s3cret@db:5432/cc')).toBe('postgres://app:***@db:5432/cc');
	});
});
