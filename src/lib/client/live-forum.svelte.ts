/**
 * A forum as one participant sees it, kept live: starts from the page's snapshot, applies the
 * pushed events with the same rules module as the server, and on every (re)connection asks for
 * what it missed after its last sequence number. One instance per page, passed by context.
 */
import { io, type Socket } from 'socket.io-client';
import { apply, type ForumEvent } from '$lib/forum/rules';
import type { ForumState } from '$lib/forum/types';
import {
	PROTOCOL_VERSION,
	type ClientToServerEvents,
	type CommandAck,
	type ServerToClientEvents,
	type Snapshot
} from '$lib/protocol';

export type Connection = 'connecting' | 'online' | 'offline' | 'closed';

export class LiveForum {
	state: ForumState = $state()!;
	seq = $state(0);
	connection = $state<Connection>('connecting');
	/** why the connection is closed or refused, as a sentence */
	notice = $state<string | null>(null);
	private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
	/** events pushed while a sync is in flight, applied after its reply */
	private buffered: ForumEvent[] | null = null;

	constructor(
		snapshot: Snapshot,
		/** the room display authenticates with its link's cookie and sees public content only */
		private readonly options: { display?: boolean } = {}
	) {
		this.state = snapshot.state;
		this.seq = snapshot.seq;
	}

	get slug(): string {
		return this.state.slug;
	}

	connect(): () => void {
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
			auth: { protocol: PROTOCOL_VERSION, display: this.options.display === true },
			transports: ['websocket'],
			withCredentials: true
		});
		this.socket = socket;
		socket.on('connect', () => void this.sync());
		socket.on('disconnect', () => {
			if (this.connection !== 'closed') this.connection = 'offline';
		});
		socket.on('connect_error', (error) => {
			const data = (error as Error & { data?: { message?: string } }).data;
			if (data?.message) {
				this.notice = data.message;
				this.connection = 'closed';
			} else {
				this.connection = 'offline';
			}
		});
		socket.on('closing', ({ reason }) => {
			this.notice = reason;
		});
		socket.on('event', ({ forum, event }) => {
			if (forum !== this.slug) return;
			if (this.buffered) this.buffered.push(event);
			else this.receive(event);
		});
		return () => {
			this.connection = 'closed';
			socket.close();
		};
	}

	private receive(event: ForumEvent): void {
		// Events arrive in order; one already applied (from a sync reply) is skipped.
		if (event.seq <= this.seq) return;
		apply(this.state, event);
		this.seq = event.seq;
	}

	private async sync(): Promise<void> {
		const socket = this.socket;
		if (!socket) return;
		this.buffered = [];
		const reply = await socket.emitWithAck('sync', { forum: this.slug, after: this.seq });
		const buffered = this.buffered;
		this.buffered = null;
		if (!reply.ok) {
			this.notice = reply.error.message;
			this.connection = 'closed';
			return;
		}
		if (reply.kind === 'snapshot') {
			this.state = reply.snapshot.state;
			this.seq = reply.snapshot.seq;
		} else {
			for (const event of reply.events) this.receive(event);
		}
		for (const event of buffered) this.receive(event);
		this.notice = null;
		this.connection = 'online';
	}

	/** Send a command; the promise settles with the server's acknowledgement. */
	async send(type: string, payload: Record<string, unknown> = {}): Promise<CommandAck> {
		const command = { id: crypto.randomUUID(), type, ...payload };
		if (!this.socket?.connected) {
			return {
				ok: false,
				status: 0,
				error: {
					code: 'offline',
					message: 'You are offline. Try again when the connection is back.'
				}
			};
		}
		return this.socket
			.timeout(15_000)
			.emitWithAck('command', { forum: this.slug, command })
			.catch(() => ({
				ok: false as const,
				status: 0,
				error: {
					code: 'timeout',
					message: 'The server did not answer in time. Check the agenda, then try again.'
				}
			}));
	}
}
