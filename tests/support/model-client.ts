/**
 * A client that keeps a forum's state as the tablets do: a snapshot on `join`, then every pushed
 * event applied with the rules' own `apply`, and on every reconnection a `sync` from its last
 * sequence number. Used to check that what clients converge to is what the server holds.
 */
import { createHash } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { apply, type ForumEvent } from '../../src/lib/forum/rules';
import type { ForumState } from '../../src/lib/forum/types';
import {
	PROTOCOL_VERSION,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '../../src/lib/protocol';

/** A stable hash of a state: keys sorted, so equal states hash equally. */
export function stateHash(state: unknown): string {
	const stable = (value: unknown): unknown =>
		Array.isArray(value)
			? value.map(stable)
			: value && typeof value === 'object'
				? Object.fromEntries(
						Object.keys(value)
							.sort()
							.map((k) => [k, stable((value as Record<string, unknown>)[k])])
					)
				: value;
	return createHash('sha256')
		.update(JSON.stringify(stable(state)))
		.digest('hex');
}

export class ModelClient {
	state: ForumState | null = null;
	seq = 0;
	/** every seq applied, to prove nothing was applied twice or skipped */
	readonly applied: number[] = [];
	readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	private buffered: ForumEvent[] | null = null;
	private syncing: Promise<void> = Promise.resolve();

	constructor(
		readonly name: string,
		url: string,
		cookie: string,
		readonly forum: string
	) {
		this.socket = io(url, {
			transports: ['websocket'],
			forceNew: true,
			reconnectionDelay: 100,
			reconnectionDelayMax: 1000,
			extraHeaders: { cookie, origin: url },
			auth: { protocol: PROTOCOL_VERSION }
		});
		this.socket.on('connect', () => {
			this.syncing = this.sync().catch(() => undefined);
		});
		this.socket.on('events', ({ forum, events }) => {
			if (forum !== this.forum) return;
			if (this.buffered) this.buffered.push(...events);
			else for (const event of events) this.receive(event);
		});
	}

	private receive(event: ForumEvent): void {
		if (!this.state || event.seq <= this.seq) return;
		apply(this.state, event);
		this.seq = event.seq;
		this.applied.push(event.seq);
	}

	private async sync(): Promise<void> {
		this.buffered = [];
		try {
			if (!this.state) {
				const reply = await this.socket.timeout(10_000).emitWithAck('join', { forum: this.forum });
				if (!reply.ok) throw new Error(reply.error.message);
				this.state = reply.snapshot.state;
				this.seq = reply.snapshot.seq;
			} else {
				const reply = await this.socket
					.timeout(10_000)
					.emitWithAck('sync', { forum: this.forum, after: this.seq });
				if (!reply.ok) throw new Error(reply.error.message);
				if (reply.kind === 'snapshot') {
					this.state = reply.snapshot.state;
					this.seq = reply.snapshot.seq;
				} else {
					for (const event of reply.events) this.receive(event);
				}
			}
		} finally {
			const buffered = this.buffered ?? [];
			this.buffered = null;
			for (const event of buffered) this.receive(event);
		}
	}

	/** Resolves once connected and synced at least up to `seq`. */
	async caughtUp(seq: number, timeoutMs = 20_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			await this.syncing;
			if (this.socket.connected && this.state && this.seq >= seq) return;
			await new Promise((r) => setTimeout(r, 50));
		}
		throw new Error(
			`${this.name} not caught up with ${seq} (at ${this.seq}, connected ${this.socket.connected})`
		);
	}

	close(): void {
		this.socket.close();
	}
}
