/** The demo's sites seal boxes as the plans say: about hourly, or at 300–500 tubes when busy. */
import { describe, expect, it } from 'vitest';
import { BOX_TUBES, BoxSealer, PEOPLE_PER_TUBE, SEAL_EVERY_MS } from '../../server/sim/box-sealer';
import { SiteQueueModel } from '../../server/sim/site-queue-model';

const STEP_MS = 5000;
const MIN = 60_000;

/** Plays sites as the simulator does (a queue step every 5 s) and returns the boxes each sealed. */
function play({ sites, desks, minutes, startMinute = 0, roundHoursIn = 0 }: { sites: number; desks: number; minutes: number; startMinute?: number; roundHoursIn?: number }) {
	const start = Date.UTC(2026, 10, 30, 1, startMinute);
	const roundStart = start - roundHoursIn * 3_600_000;
	const played = Array.from({ length: sites }, (_, index) => ({
		model: new SiteQueueModel({ desks, seed: 20220401 + index * 7919, roundStart }),
		sealer: new BoxSealer({ now: start, slotMs: ((index + 1) * SEAL_EVERY_MS) / (sites + 1), seed: index }),
		boxes: [] as { at: number; tubes: number; people: number }[]
	}));
	for (let now = start + STEP_MS; now <= start + minutes * MIN; now += STEP_MS) {
		for (const site of played) {
			const sealed = site.sealer.add(now, site.model.step(now, STEP_MS).served);
			if (sealed) site.boxes.push({ at: now - start, ...sealed });
		}
	}
	return played.map((site) => site.boxes);
}

describe('BoxSealer', () => {
	it('Chengmen’s ten sites seal a handful of boxes in 20 minutes, not 66', () => {
		const boxes = play({ sites: 10, desks: 3, minutes: 20 }).flat();
		expect(boxes.length).toBeGreaterThanOrEqual(1);
		expect(boxes.length).toBeLessThanOrEqual(4);
	});

	it('over three hours every site seals about once an hour, a box of the hour’s tubes', () => {
		const perSite = play({ sites: 10, desks: 3, minutes: 180 });
		for (const boxes of perSite) {
			expect(boxes.length).toBeGreaterThanOrEqual(2);
			expect(boxes.length).toBeLessThanOrEqual(3);
			for (const [index, box] of boxes.entries()) {
				if (index > 0) expect(box.at - boxes[index - 1].at).toBeGreaterThanOrEqual(SEAL_EVERY_MS);
				// 3 desks at 200 people a sampler-hour: up to 600 people, 60 tubes an hour (the first box holds the part-hour since the start).
				if (index > 0) expect(box.tubes).toBeGreaterThan(20);
				expect(box.tubes).toBeLessThanOrEqual(60);
				expect(box.people).toBeGreaterThanOrEqual(box.tubes);
				expect(box.people).toBeLessThanOrEqual(box.tubes * PEOPLE_PER_TUBE);
			}
		}
	});

	it('a busy site seals a full box of 300–500 tubes before the hour is up', () => {
		// 40 desks: up to 8,000 people, 800 tubes an hour; an hour into the round (the sites filled up), so every box of 300 tubes is a full one.
		const [boxes] = play({ sites: 1, desks: 40, minutes: 120, roundHoursIn: 1 });
		const full = boxes.filter((box) => box.tubes >= BOX_TUBES.min);
		expect(full.length).toBeGreaterThanOrEqual(2);
		for (const box of full) {
			expect(box.tubes).toBeLessThanOrEqual(BOX_TUBES.max);
			expect(box.people).toBe(box.tubes * PEOPLE_PER_TUBE);
		}
		expect(boxes[1].at - boxes[0].at).toBeLessThan(SEAL_EVERY_MS);
	});

	it('every Chengmen site (2 desks staffed) seals a box within the first hour, whatever minute the demo starts at', () => {
		for (const startMinute of [0, 23, 51]) {
			const perSite = play({ sites: 10, desks: 2, minutes: 60, startMinute });
			for (const [index, boxes] of perSite.entries()) {
				expect(boxes.length, `site ${index} from :${startMinute}`).toBeGreaterThanOrEqual(1);
				expect(boxes.reduce((people, box) => people + box.people, 0)).toBeGreaterThan(0);
			}
		}
	});

	it('a restarted simulator seals at each site’s time of the clock, not a few minutes after every restart', () => {
		// The demo's first site seals at about 5½ minutes past each hour; the simulator restarts every 10 minutes.
		const start = Date.UTC(2026, 10, 30, 1, 0);
		const slotMs = SEAL_EVERY_MS / 11;
		const model = new SiteQueueModel({ desks: 2, seed: 5, roundStart: start });
		const boxes: { at: number; tubes: number }[] = [];
		let sealer = new BoxSealer({ now: start, slotMs, seed: 1 });
		for (let now = start + STEP_MS; now <= start + 70 * MIN; now += STEP_MS) {
			if ((now - start) % (10 * MIN) === 0 && now - start < 60 * MIN) sealer = new BoxSealer({ now, slotMs, seed: 1 });
			const sealed = sealer.add(now, model.step(now, STEP_MS).served);
			if (sealed) boxes.push({ at: now - start, tubes: sealed.tubes });
		}
		// One box at 01:05 (the part-hour since the start) and the next at 02:05, holding what was sampled since the last restart.
		expect(boxes.map((box) => Math.floor(box.at / MIN))).toEqual([5, 65]);
		expect(boxes[1].tubes).toBeGreaterThan(4);
	});

	it('an hour with nobody sampled seals no empty box', () => {
		const sealer = new BoxSealer({ now: 0, slotMs: 0, seed: 1 });
		expect(sealer.add(SEAL_EVERY_MS, 0)).toBeNull();
		expect(sealer.add(SEAL_EVERY_MS + 1, 25)).toBeNull();
		expect(sealer.add(2 * SEAL_EVERY_MS, 0)).toEqual({ tubes: 3, people: 25 });
	});
});
