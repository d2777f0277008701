/**
 * The page's live forum (src/lib/client/live-forum.svelte.ts) against the real built server. Its
 * socket opens as soon as it is made (as the page starts to hydrate); nothing reaches the page
 * before `connect` (after hydration), which then syncs at once on the socket already open and
 * brings what happened meanwhile; after that, pushed events are applied as they come.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io-client';
import { LiveForum, preconnect } from '../../src/lib/client/live-forum.svelte';
import type { Snapshot } from '../../src/lib/protocol';
import {
	api,
	commandId,
	DEMO_FORUM as FORUM,
	login,
	startServer,
	type TestServer
} from '../support/server';

// The page's own Socket.IO client, pointed at the test server with the participant's cookie and
// the page's origin: in the browser, the page's own origin and its cookie do that.
const target = vi.hoisted(() => ({ url: '', cookie: '', opened: [] as Socket[] }));
vi.mock('socket.io-client', async (importOriginal) => {
	const real = await importOriginal<typeof import('socket.io-client')>();
	return {
		...real,
		io: (options: Parameters<typeof real.io>[1]) => {
			const socket = real.io(target.url, {
				...options,
				extraHeaders: { cookie: target.cookie, origin: target.url }
			});
			target.opened.push(socket);
			return socket;
		}
	};
});

const COMMANDS = `/api/forums/${FORUM}/commands`;
let server: TestServer;
let sg: string;

beforeAll(async () => {
	server = await startServer();
	sg = await login(server.url, 'sg@itu.demo');
	target.url = server.url;
	target.cookie = await login(server.url, 'fra.head@wtpf.demo');
	// what the page's connection listens to (online, offline) in a browser
	vi.stubGlobal('window', new EventTarget());
});

afterAll(async () => {
	vi.unstubAllGlobals();
	await server?.stop();
});

/** The forum as the page's participant sees it now: what the page's `load` fetches. */
async function snapshotNow(cookie = target.cookie): Promise<Snapshot> {
	return (await api(server.url, cookie).get(`/api/forums/${FORUM}/state`)).body as Snapshot;
}

/** The live forum's socket (private: the page never needs it). */
const socketOf = (live: LiveForum) => (live as unknown as { socket: Socket }).socket;

/** The `after` of every sync the socket sends from now on. */
function syncsSentOn(socket: Socket): number[] {
	const syncs: number[] = [];
	socket.onAnyOutgoing((event: string, request: { after: number }) => {
		if (event === 'sync') syncs.push(request.after);
	});
	return syncs;
}

/** Time for what the server pushes to arrive (it must not be applied before `connect`). */
const pushesArrive = () => new Promise((resolve) => setTimeout(resolve, 300));

async function give(command: Record<string, unknown>): Promise<number> {
	const reply = await api(server.url, sg).post(COMMANDS, { id: commandId(), ...command });
	expect(reply.status, JSON.stringify(reply.body)).toBe(200);
	return reply.body.seq as number;
}

describe('the live forum of a page', () => {
	it('opens its socket while the page hydrates, then syncs on it and follows', async () => {
		const snapshot = await snapshotNow();
		const live = new LiveForum(snapshot);
		const socket = socketOf(live);
		expect(socket, 'opened as it was made').not.toBeNull();
		await vi.waitFor(() => expect(socket!.connected).toBe(true), { timeout: 10_000 });

		// the page is still hydrating: the forum opens, and the page shows what it was given
		const opened = await give({ type: 'forum.open' });
		await pushesArrive();
		expect(live.seq).toBe(snapshot.seq);
		expect(live.state.phase).toBe(snapshot.state.phase);
		expect(live.connection).toBe('connecting');

		// hydrated: `connect` syncs on the socket already open, with what happened meanwhile
		const stop = live.connect();
		try {
			await vi.waitFor(() => expect(live.connection).toBe('online'), { timeout: 10_000 });
			expect(live.seq).toBe(opened);
			expect(live.state.phase).not.toBe(snapshot.state.phase);

			// from now on, what is decided reaches the page as it happens
			const item = await give({ type: 'agenda.open', item: 1 });
			await vi.waitFor(() => expect(live.seq).toBe(item), { timeout: 10_000 });
			expect(live.state.currentItem).toBe(1);
		} finally {
			stop();
		}
		expect(live.connection).toBe('closed');
		expect(socket!.connected).toBe(false);
	});

	it('syncs as soon as its socket is open, and `connect` applies the answer without asking again', async () => {
		const snapshot = await snapshotNow();
		// decided after the page's snapshot, before its socket is open: the sync brings it
		const before = await give({ type: 'agenda.close', item: 1 });
		const live = new LiveForum(snapshot);
		const socket = socketOf(live);
		const syncs = syncsSentOn(socket);
		await vi.waitFor(() => expect(syncs).toEqual([snapshot.seq]), { timeout: 10_000 });

		// pushed while the page hydrates, after the sync was sent: kept, not applied yet
		const during = await give({ type: 'agenda.open', item: 2 });
		await pushesArrive();
		expect(live.seq).toBe(snapshot.seq);
		expect(live.connection).toBe('connecting');

		const stop = live.connect();
		try {
			await vi.waitFor(() => expect(live.connection).toBe('online'), { timeout: 10_000 });
			// no second sync: the answer was in hand, with what came after it
			expect(syncs).toEqual([snapshot.seq]);
			expect(live.seq).toBe(during);
			expect(during).toBeGreaterThan(before);
			expect(live.state.currentItem).toBe(2);
			expect(live.state.agenda.find((i) => i.number === 1)?.status).toBe('closed');
		} finally {
			stop();
		}
	});

	it('takes the socket opened before the snapshot came, and syncs on it as it is made', async () => {
		const opened = target.opened.length;
		preconnect();
		expect(target.opened).toHaveLength(opened + 1);
		const socket = target.opened[opened];
		const syncs = syncsSentOn(socket);
		// the page's load: the snapshot comes while the socket's handshake goes on
		const snapshot = await snapshotNow();
		await vi.waitFor(() => expect(socket.connected).toBe(true), { timeout: 10_000 });
		const during = await give({ type: 'agenda.suspend', item: 2 });

		// hydration makes the live forum: the same socket, and its sync sent at once
		const live = new LiveForum(snapshot);
		expect(socketOf(live)).toBe(socket);
		expect(target.opened).toHaveLength(opened + 1);
		expect(syncs).toEqual([snapshot.seq]);
		const stop = live.connect();
		try {
			await vi.waitFor(() => expect(live.connection).toBe('online'), { timeout: 10_000 });
			expect(syncs).toEqual([snapshot.seq]);
			expect(live.seq).toBe(during);
			// a second live forum does not take it: it was taken
			const other = new LiveForum(snapshot);
			expect(socketOf(other)).not.toBe(socket);
			socketOf(other).close();
		} finally {
			stop();
			// item 2 open again, as the next test expects it
			await give({ type: 'agenda.open', item: 2 });
		}
	});

	it('a socket opened early and refused shows the refusal once the live forum takes it', async () => {
		const cookie = target.cookie;
		target.cookie = '';
		const opened = target.opened.length;
		try {
			preconnect();
		} finally {
			target.cookie = cookie;
		}
		const socket = target.opened[opened];
		await vi.waitFor(() => expect(socket.active).toBe(false), { timeout: 10_000 });
		const snapshot = await snapshotNow(cookie);
		const live = new LiveForum(snapshot);
		expect(socketOf(live)).toBe(socket);
		expect(live.connection).toBe('closed');
		expect(live.notice).toMatch(/sign in/i);
	});

	it('a connection lost while the page hydrates voids its sync; the next one syncs again', async () => {
		const snapshot = await snapshotNow();
		const live = new LiveForum(snapshot);
		const socket = socketOf(live);
		const syncs = syncsSentOn(socket);
		await vi.waitFor(() => expect(syncs).toHaveLength(1), { timeout: 10_000 });
		await pushesArrive();

		// the network drops and comes back (the socket reconnects by itself); meanwhile the forum moves
		socket.io.engine.close();
		await vi.waitFor(() => expect(socket.connected).toBe(false), { timeout: 10_000 });
		const missed = await give({ type: 'agenda.suspend', item: 2 });
		await vi.waitFor(() => expect(syncs).toHaveLength(2), { timeout: 10_000 });
		expect(syncs).toEqual([snapshot.seq, snapshot.seq]);
		// pushed after the second sync's answer, as the page still hydrates: kept for it alone (the
		// void sync applying it first would put it before the event the second answer brings)
		await pushesArrive();
		const after = await give({ type: 'agenda.open', item: 2 });
		await pushesArrive();
		expect(live.seq).toBe(snapshot.seq);

		const stop = live.connect();
		try {
			await vi.waitFor(() => expect(live.connection).toBe('online'), { timeout: 10_000 });
			expect(syncs).toHaveLength(2);
			expect(live.seq).toBe(after);
			expect(after).toBeGreaterThan(missed);
			// every event once and in order: the page's state is the server's
			const fresh = await snapshotNow();
			expect(fresh.seq).toBe(after);
			expect(live.state).toEqual(fresh.state);
		} finally {
			stop();
		}
	});
});
