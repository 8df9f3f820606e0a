import { describe, expect, it } from 'vitest';
import { deriveAlerts } from '../../src/lib/domain/alerts';

const now = Date.parse('2026-11-30T03:00:00Z');
const base = { sites: [], vehicles: [], labs: [], overdueCheckIns: 0, overviewAt: now, now };

describe('the pool_positive alert', () => {
	it('is critical for each village with a positive pool being handled, the village its subject, since the positive', () => {
		const alerts = deriveAlerts({ ...base, poolPositives: [{ villageId: 'v:城门街道/白畈村', village: '白畈村', playbooks: 2, since: '2026-11-30T02:10:00Z', lat: 29.64, lon: 115.85 }] });
		expect(alerts).toEqual([{ id: 'pool_positive:v:城门街道/白畈村', kind: 'pool_positive', severity: 'critical', at: now, since: Date.parse('2026-11-30T02:10:00Z'), subject: '白畈村', value: 2, location: { lat: 29.64, lon: 115.85 } }]);
	});

	it('is gone once the village has no playbook open', () => {
		expect(deriveAlerts({ ...base, poolPositives: [{ villageId: 'v:城门街道/白畈村', village: '白畈村', playbooks: 0, since: '2026-11-30T02:10:00Z', lat: null, lon: null }] })).toEqual([]);
	});
});
