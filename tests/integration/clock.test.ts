/**
 * The server's clock over Socket.IO: `join` and `sync` acknowledgements carry `serverTime`, and
 * `time` answers with it, so that every screen computes a speech's countdown on the server's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	connect,
	DEMO_FORUM as FORUM,
	login,
	startServer,
	type ForumClient,
	type TestServer
} from '../support/server';

let server: TestServer;
let client: ForumClient;

beforeAll(async () => {
	server = await startServer();
	client = await connect(server.url, await login(server.url, 'fra.head@wtpf.demo'));
});

afterAll(async () => {
	client?.close();
	await server?.stop();
});

/** A reply with the times just before sending and just after receiving it (same machine, same clock). */
async function timed<T>(send: () => Promise<T>) {
	const before = Date.now();
	const reply = await send();
	const after = Date.now();
	return { reply, before, after };
}

describe('the server clock', () => {
	it('join and sync acknowledgements carry serverTime', async () => {
		const join = await timed(() => client.join(FORUM));
		expect(join.reply.ok).toBe(true);
		if (!join.reply.ok) return;
		expect(join.reply.serverTime).toBeGreaterThanOrEqual(join.before);
		expect(join.reply.serverTime).toBeLessThanOrEqual(join.after);

		const seq = join.reply.snapshot.seq;
		const sync = await timed(() => client.sync(FORUM, seq));
		expect(sync.reply).toMatchObject({ ok: true, kind: 'events', events: [] });
		if (!sync.reply.ok) return;
		expect(sync.reply.serverTime).toBeGreaterThanOrEqual(sync.before);
		expect(sync.reply.serverTime).toBeLessThanOrEqual(sync.after);
	});

	it('answers `time` with the server clock, without joining a forum', async () => {
		const other = await connect(server.url, await login(server.url, 'bra.head@wtpf.demo'));
		try {
			const time = await timed(() => other.socket.timeout(5_000).emitWithAck('time'));
			expect(Object.keys(time.reply)).toEqual(['serverTime']);
			expect(time.reply.serverTime).toBeGreaterThanOrEqual(time.before);
			expect(time.reply.serverTime).toBeLessThanOrEqual(time.after);
		} finally {
			other.close();
		}
	});
});
