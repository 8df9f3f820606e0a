import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { App } from '../../server/app';
import { DEVICE_NAMESPACE, type Ack, type DeviceClientToServerEvents, type IngestResponse } from '../../src/lib/protocol/index';
import { socketParser } from '../../src/lib/realtime/socket-parser';
import { deviceToken, displayToken, startTestApp } from '../fixtures/app';
import { position, queue } from '../fixtures/events';
import { until } from '../fixtures/wait';
import { BAIFAN_AND_COURIER_1, importSmallRegistry } from '../fixtures/small-registry';

let app: App;
beforeAll(async () => {
	// No demo scenario (loading one is most of a start-up): courier-3, whose phone posts, and site-baifan, whose queue reading it must not send.
	app = await startTestApp({ SCENARIO: 'none' });
	await importSmallRegistry(app, { sites: BAIFAN_AND_COURIER_1.sites, vehicles: '编号,名称,类型\ncourier-3,送样车3,送样车\n' });
}, 60_000);
afterAll(async () => {
	await app.close();
});

const deviceSocket = (token?: string): Socket<Record<string, never>, DeviceClientToServerEvents> =>
	io(`${app.url}${DEVICE_NAMESPACE}`, { transports: ['websocket'], parser: socketParser, forceNew: true, reconnection: false, auth: token ? { token } : {} });

describe('the /device namespace', () => {
	it('takes a batch over a kept-open socket and answers per event, like the HTTP endpoint', async () => {
		const socket = deviceSocket(await deviceToken(app, 'phone-courier-3'));
		await until(() => socket.connected, 'the device to connect');
		const answer = (await socket.timeout(5000).emitWithAck('events:post', { events: [position({ vehicleId: 'courier-3' }), position({ vehicleId: 'courier-3', lat: 95 })] })) as Ack<IngestResponse>;
		expect(answer.ok).toBe(true);
		if (answer.ok) {
			expect(answer.data.accepted).toBe(1);
			expect(answer.data.results[1]).toMatchObject({ status: 'rejected', reason: 'lat: lat must be within -90..90', message: { zh: '纬度不是有效的纬度（−90 到 90）' } });
		}
		const empty = (await socket.timeout(5000).emitWithAck('events:post', { events: [] })) as Ack<IngestResponse>;
		expect(empty).toEqual({ ok: false, error: 'events: events must hold at least one event', message: { zh: '事件列表至少要有 1 项', en: 'events: events must hold at least one event' } });
		const scoped = (await socket.timeout(5000).emitWithAck('events:post', { events: [queue()] })) as Ack<IngestResponse>;
		expect(scoped.ok && scoped.data.results[0]).toMatchObject({ status: 'rejected', reason: 'deviceId: this credential belongs to device phone-courier-3' });
		socket.close();
	});

	it('answers a resent id with other content as a conflict (409) in its ack, the same as over HTTP', async () => {
		const socket = deviceSocket(await deviceToken(app, 'phone-courier-3'));
		await until(() => socket.connected, 'the device to connect');
		const first = position({ vehicleId: 'courier-3' });
		const post = async (event: object) => (await socket.timeout(5000).emitWithAck('events:post', { events: [event] })) as Ack<IngestResponse>;
		expect(await post(first)).toMatchObject({ ok: true, data: { accepted: 1 } });
		expect(await post(first)).toMatchObject({ ok: true, data: { accepted: 1, results: [{ status: 'accepted', duplicate: true }] } });
		expect(await post({ ...first, lat: first.lat + 0.01 })).toMatchObject({ ok: true, data: { accepted: 0, rejected: 1, conflicts: 1, results: [{ id: first.id, status: 'conflict', code: 409, reason: expect.stringMatching(/different content/) }] } });
		socket.close();
	});

	it('refuses a socket without a device credential, even a wall’s', async () => {
		for (const token of [undefined, await displayToken(app)]) {
			const socket = deviceSocket(token);
			const refusal = await new Promise<string>((resolve) => socket.on('connect_error', (error) => resolve(error.message)));
			expect(refusal).toMatch(/not registered or its credential is invalid/);
			socket.close();
		}
	});
});
