/** A courier may type a box's short code; the full code is what is posted, and only when one box is meant. */
import { describe, expect, it } from 'vitest';
import { matchBoxCode, shortBoxCode } from '../../src/lib/components/field/box-code';

const tabletBox = { id: 'tablet-site-baifan-box-lx3k2a-ab12cd' };
const demoBox = { id: 'box-sim-m1x2-site-jinlan-17' };
const otherDemoBox = { id: 'box-sim-m1x2-site-lixin-117' };
const boxes = [tabletBox, demoBox, otherDemoBox];

describe('short box codes', () => {
	it('are the last part of the code, without the site id', () => {
		expect(shortBoxCode(tabletBox.id)).toBe('ab12cd');
		expect(shortBoxCode(demoBox.id)).toBe('17');
		expect(shortBoxCode('BOX001')).toBe('BOX001');
		expect(shortBoxCode('odd-')).toBe('odd-');
	});

	it('find the one box whose code ends with it, whatever the case and spaces, and give its full code', () => {
		expect(matchBoxCode(' AB12CD ', boxes)).toEqual({ kind: 'found', box: tabletBox });
		// 17 is not 117: the typed part must be a whole last part.
		expect(matchBoxCode('17', boxes)).toEqual({ kind: 'found', box: demoBox });
		expect(matchBoxCode('117', boxes)).toEqual({ kind: 'found', box: otherDemoBox });
	});

	it('take a full (scanned) code as it is', () => {
		expect(matchBoxCode(demoBox.id, boxes)).toEqual({ kind: 'found', box: demoBox });
	});

	it('pick nothing when the code fits several boxes or none', () => {
		const twins = [{ id: 'tablet-site-a-box-x-9' }, { id: 'tablet-site-b-box-y-9' }];
		expect(matchBoxCode('9', twins)).toEqual({ kind: 'ambiguous', boxes: twins });
		expect(matchBoxCode('site-a-box-x-9', twins)).toEqual({ kind: 'found', box: twins[0] });
		expect(matchBoxCode('nope', boxes)).toEqual({ kind: 'unknown' });
		expect(matchBoxCode('   ', boxes)).toEqual({ kind: 'unknown' });
		// Part of the last part is not enough.
		expect(matchBoxCode('12cd', boxes)).toEqual({ kind: 'unknown' });
	});
});
