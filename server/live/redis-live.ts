/**
 * Live state in Redis, for several nodes: one hash per layer (entity id → JSON) and a sequence
 * key, written in one MULTI so that a snapshot never mixes two ticks. Deltas go out on one
 * pub/sub channel that every hub subscribes to.
 */
import type { Redis } from 'ioredis';
import type { Delta, LayerName, Snapshot } from '../../src/lib/protocol/index';
import type { DeltaBus, LiveStore } from './live-store';

/**
 * A delta's entities as JSON, written once though the store (HSET) and the bus (PUBLISH) both
 * send them: a megacity's tick carries some 1,500 vehicles. Kept by delta (the projector makes a
 * new one each tick and hands the same one to both) and forgotten with it.
 */
const upsertJson = new WeakMap<Delta, string[]>();
function upsertsAsJson(delta: Delta): string[] {
	let json = upsertJson.get(delta);
	if (json === undefined) upsertJson.set(delta, (json = delta.upserts.map((entity) => JSON.stringify(entity))));
	return json;
}

/** A delta's JSON, as JSON.stringify writes it, from its entities' JSON. */
export function deltaJson(delta: Delta): string {
	return `{"layer":${JSON.stringify(delta.layer)},"seq":${delta.seq},"upserts":[${upsertsAsJson(delta).join(',')}],"removes":${JSON.stringify(delta.removes)}}`;
}

export class RedisLiveStore implements LiveStore {
	#redis: Redis;
	#prefix: string;

	constructor(redis: Redis, prefix: string) {
		this.#redis = redis;
		this.#prefix = `${prefix}live:`;
	}

	async apply(delta: Delta): Promise<void> {
		const multi = this.#redis.multi();
		const hash = this.#hash(delta.layer);
		if (delta.upserts.length > 0) {
			const json = upsertsAsJson(delta);
			multi.hset(hash, ...delta.upserts.flatMap((entity, index) => [entity.id, json[index]]));
		}
		if (delta.removes.length > 0) multi.hdel(hash, ...delta.removes);
		multi.set(this.#seqKey(delta.layer), delta.seq);
		await multi.exec();
	}

	async replace(snapshot: Snapshot): Promise<void> {
		const multi = this.#redis.multi();
		const hash = this.#hash(snapshot.layer);
		multi.del(hash);
		if (snapshot.entities.length > 0) multi.hset(hash, ...snapshot.entities.flatMap((entity) => [entity.id, JSON.stringify(entity)]));
		multi.set(this.#seqKey(snapshot.layer), snapshot.seq);
		await multi.exec();
	}

	async snapshot(layer: LayerName): Promise<Snapshot> {
		const replies = await this.#redis.multi().hgetall(this.#hash(layer)).get(this.#seqKey(layer)).exec();
		if (!replies) throw new Error('Redis transaction aborted');
		const [[hashError, entities], [seqError, seq]] = replies as [[Error | null, Record<string, string>], [Error | null, string | null]];
		if (hashError || seqError) throw hashError ?? seqError;
		return { layer, seq: Number(seq ?? 0), entities: Object.values(entities).map((json) => JSON.parse(json)) } as Snapshot;
	}

	async close(): Promise<void> {}

	#hash(layer: LayerName) {
		return `${this.#prefix}${layer}`;
	}

	#seqKey(layer: LayerName) {
		return `${this.#prefix}${layer}:seq`;
	}
}

export class RedisDeltaBus implements DeltaBus {
	#publisher: Redis;
	/** A subscribed connection can do nothing else, so it is a connection of its own. */
	#subscriber: Redis | null = null;
	#channel: string;
	#listeners = new Set<(delta: Delta) => void>();

	/** Marks this process's own messages, which its listeners already had (see publish). */
	#origin = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

	constructor(redis: Redis, prefix: string) {
		this.#publisher = redis;
		// Messages are "<origin>\n<delta JSON>"; a new channel name, so no node reads the old form as a delta.
		this.#channel = `${prefix}deltas:v2`;
	}

	/**
	 * The hub on the projector's own node gets the delta at once, in this process, rather than
	 * after a round trip through Redis and a JSON.parse of what was just written (a megacity's
	 * vehicles layer is some 200 kB a tick); other nodes get it from Redis, and skip their own.
	 */
	async publish(delta: Delta): Promise<void> {
		for (const each of this.#listeners) each(delta);
		await this.#publisher.publish(this.#channel, `${this.#origin}\n${deltaJson(delta)}`);
	}

	subscribe(listener: (delta: Delta) => void): () => void {
		if (!this.#subscriber) {
			this.#subscriber = this.#publisher.duplicate();
			this.#subscriber.on('error', () => {});
			this.#subscriber.subscribe(this.#channel).catch(() => {
				// ioredis resubscribes on reconnect; readiness reports Redis being away.
			});
			this.#subscriber.on('message', (_channel: string, message: string) => {
				const newline = message.indexOf('\n');
				if (message.slice(0, newline) === this.#origin) return;
				const delta = JSON.parse(message.slice(newline + 1)) as Delta;
				for (const each of this.#listeners) each(delta);
			});
		}
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	async close(): Promise<void> {
		this.#listeners.clear();
		this.#subscriber?.disconnect();
	}
}
