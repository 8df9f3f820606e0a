import { describe, expect, it } from 'vitest';
import { basemapOrigins, contentSecurityPolicy, mergePolicies } from '../../server/http/security-headers';

describe('contentSecurityPolicy', () => {
	it('lets pages connect to this origin, its socket and the basemap host, and nowhere else', () => {
		const policy = contentSecurityPolicy({ host: 'cc.county.gov.cn:3000', basemap: ['https://t0.tianditu.gov.cn'] });
		expect(policy).toContain("connect-src 'self' ws://cc.county.gov.cn:3000 wss://cc.county.gov.cn:3000 https://t0.tianditu.gov.cn;");
		expect(policy).toContain("script-src 'self';");
		expect(policy).toContain("frame-ancestors 'none'");
	});

	it('names no socket host from a Host header that could smuggle in a directive', () => {
		expect(contentSecurityPolicy({ host: "evil; script-src 'unsafe-inline'", basemap: [] })).toContain("connect-src 'self';");
	});
});

describe('basemapOrigins', () => {
	it('is the origin of the Tianditu host or of a style URL, and nothing for the offline maps', () => {
		expect(basemapOrigins({ BASEMAP: 'tianditu', TIANDITU_HOST: 'https://t0.tianditu.gov.cn' })).toEqual(['https://t0.tianditu.gov.cn']);
		expect(basemapOrigins({ BASEMAP: 'https://tiles.county.gov.cn/styles/dark/style.json', TIANDITU_HOST: 'x' })).toEqual(['https://tiles.county.gov.cn']);
		expect(basemapOrigins({ BASEMAP: 'offline', TIANDITU_HOST: 'x' })).toEqual([]);
		expect(basemapOrigins({ BASEMAP: 'pmtiles:data/county.pmtiles', TIANDITU_HOST: 'x' })).toEqual([]);
	});
});

describe('mergePolicies', () => {
	it('adds the script hashes SvelteKit writes for a page to our policy, keeping the rest of ours', () => {
		const ours = contentSecurityPolicy({ host: 'localhost:3000', basemap: [] });
		const merged = mergePolicies(ours, "script-src 'self' 'sha256-abc='");
		expect(merged).toContain("script-src 'self' 'sha256-abc=';");
		expect(merged).toContain("frame-ancestors 'none'");
		expect(merged.replace("script-src 'self' 'sha256-abc='", "script-src 'self'")).toBe(ours);
	});
});
