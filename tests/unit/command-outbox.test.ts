import { describe, expect, it } from 'vitest';
import { CommandOutbox, phoneCommandId, type CommandOutcome, type QueuedCommand } from '../../src/lib/state/command-outbox';

const memory = () => {
	const values = new Map<string, string>();
	return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) };
};
const command = (id: string): QueuedCommand => ({ id, path: '/api/quarantine/follow-ups', body: { reportId: id }, label: id, queuedAt: 0 });

describe('CommandOutbox', () => {
	it('keeps a command through a network failure and resends it as it was, then reports it done once', async () => {
		const sent: unknown[] = [];
		let online = false;
		const outbox = new CommandOutbox({ storage: memory(), key: 'k', send: async (queued) => {
			sent.push(queued.body);
			if (!online) throw new TypeError('Failed to fetch');
			return { status: 201, body: { ok: true } };
		} });
		const settled: [string, CommandOutcome['kind']][] = [];
		outbox.enqueue(command('ph-f-1'));
		await outbox.flush((queued, outcome) => settled.push([queued.id, outcome.kind]));
		expect(outbox.items.map((queued) => queued.id)).toEqual(['ph-f-1']);
		expect(settled).toEqual([]);
		online = true;
		await outbox.flush((queued, outcome) => settled.push([queued.id, outcome.kind]));
		expect(sent).toEqual([{ reportId: 'ph-f-1' }, { reportId: 'ph-f-1' }]);
		expect(settled).toEqual([['ph-f-1', 'done']]);
		expect(outbox.items).toEqual([]);
	});

	it('keeps the order: a command that must wait holds back the ones queued after it', async () => {
		const outbox = new CommandOutbox({ storage: null, key: 'k', send: async (queued) => ({ status: queued.id === 'a' ? 503 : 201, body: {} }) });
		outbox.enqueue(command('a'));
		outbox.enqueue(command('b'));
		await outbox.flush(() => {});
		expect(outbox.items.map((queued) => queued.id)).toEqual(['a', 'b']);
	});

	it('takes a refused command off the queue with the server’s answer, and goes on with the next', async () => {
		const outbox = new CommandOutbox({ storage: null, key: 'k', send: async (queued) => (queued.id === 'a' ? { status: 409, body: { error: 'test_already_recorded' } } : { status: 200, body: {} }) });
		outbox.enqueue(command('a'));
		outbox.enqueue(command('b'));
		const settled: [string, string, unknown][] = [];
		await outbox.flush((queued, outcome) => settled.push([queued.id, outcome.kind, outcome.body]));
		expect(settled).toEqual([['a', 'refused', { error: 'test_already_recorded' }], ['b', 'done', {}]]);
	});

	it('survives a reload: a new outbox on the same storage holds what was not sent', async () => {
		const storage = memory();
		const first = new CommandOutbox({ storage, key: 'k', send: async () => ({ status: 502, body: {} }) });
		first.enqueue(command('a'));
		await first.flush(() => {});
		const second = new CommandOutbox({ storage, key: 'k', send: async () => ({ status: 201, body: {} }) });
		expect(second.items.map((queued) => queued.id)).toEqual(['a']);
	});

	it('queues a command once however often the officer taps', () => {
		const outbox = new CommandOutbox({ storage: null, key: 'k', send: async () => ({ status: 201, body: {} }) });
		outbox.enqueue(command('a'));
		outbox.enqueue(command('a'));
		expect(outbox.items).toHaveLength(1);
	});

	it('ignores storage that does not hold a queue', () => {
		const storage = memory();
		storage.setItem('k', '{"not":"a list"}');
		expect(new CommandOutbox({ storage, key: 'k', send: async () => ({ status: 201, body: {} }) }).items).toEqual([]);
	});
});

describe('phoneCommandId', () => {
	it('makes an id the follow-up API accepts as a report id', () => {
		const id = phoneCommandId('fu', Date.UTC(2026, 10, 30), () => 0.123456789);
		expect(id).toMatch(/^[A-Za-z0-9_.:-]{8,64}$/);
		expect(phoneCommandId('fu', 1, () => 0.5)).not.toBe(phoneCommandId('fu', 1, () => 0.25));
	});
});
