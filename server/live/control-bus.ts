/**
 * Control messages every node must hear: the registry changed (an import), a session ended (sign
 * out closes that user's sockets everywhere), a display token was revoked, a closed-loop transfer
 * was assigned, cancelled or handed over (the projector shields its pickup point: see
 * src/lib/domain/pickup-privacy.ts). In-process, or Redis pub/sub. Deltas have their own bus;
 * these are rare and must not queue behind them.
 */
import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';

export type ControlMessage = { type: 'registry.changed' } | { type: 'session.ended'; userId: string } | { type: 'display.revoked'; displayId: string } | { type: 'transfers.changed' };

export interface ControlBus {
	publish(message: ControlMessage): Promise<void>;
	subscribe(listener: (message: ControlMessage) => void): void;
	close(): Promise<void>;
}

export class MemoryControlBus implements ControlBus {
	#emitter = new EventEmitter();
	async publish(message: ControlMessage) {
		this.#emitter.emit('message', message);
	}
	subscribe(listener: (message: ControlMessage) => void) {
		this.#emitter.on('message', listener);
	}
	async close() {
		this.#emitter.removeAllListeners();
	}
}

export class RedisControlBus implements ControlBus {
	#redis: Redis;
	#subscriber: Redis;
	#channel: string;
	#listeners: ((message: ControlMessage) => void)[] = [];

	constructor(redis: Redis, prefix: string) {
		this.#redis = redis;
		this.#channel = `${prefix}control`;
		this.#subscriber = redis.duplicate();
		this.#subscriber.on('error', () => {});
		this.#subscriber.subscribe(this.#channel).catch(() => {});
		this.#subscriber.on('message', (_channel: string, text: string) => {
			const message = JSON.parse(text) as ControlMessage;
			for (const listener of this.#listeners) listener(message);
		});
	}
	async publish(message: ControlMessage) {
		await this.#redis.publish(this.#channel, JSON.stringify(message));
	}
	subscribe(listener: (message: ControlMessage) => void) {
		this.#listeners.push(listener);
	}
	async close() {
		this.#subscriber.disconnect();
	}
}
