/**
 * Two app servers on one PostgreSQL database (and Redis for Socket.IO's adapter): issue 10.
 * The event log is the one record: a client on server A sees, in order, what was decided on
 * server B; a burst split across both yields one gap-free log with every acknowledged command
 * exactly once; killing A loses nothing, and its clients resync on B.
 * Runs in the integration-postgres project only (PLENARY_TEST_POSTGRES, PLENARY_TEST_REDIS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PARTICIPANTS } from '../../src/lib/server/demo.data';
import {
	api,
	commandId,
	connect,
	DEMO_FORUM as FORUM,
	freshPostgresDatabase,
	login,
	ON_POSTGRES,
	startServer,
	type ForumClient,
	type TestServer
} from '../support/server';

const COMMANDS = `/api/forums/${FORUM}/commands`;
const REDIS_URL = process.env.PLENARY_TEST_REDIS ?? 'redis://127.0.0.1:6379';

describe.skipIf(!ON_POSTGRES)('two app servers, one PostgreSQL log', () => {
	let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
	let a: TestServer, b: TestServer;
	const clients: ForumClient[] = [];

	beforeAll(async () => {
		database = await freshPostgresDatabase();
		const env = { REDIS_URL, PLENARY_FOLLOW_POLL_MS: '60000' };
		// both at once: one migrates and loads the demo, the other waits and finds it done
		[a, b] = await Promise.all([
			startServer({ databaseUrl: database.url, env }),
			startServer({ databaseUrl: database.url, env })
		]);
	});

	afterAll(async () => {
		for (const client of clients) client.close();
		await Promise.all([a?.stop(), b?.stop()]);
		await database?.drop();
	});

	async function joined(server: TestServer, cookie: string): Promise<ForumClient> {
		const client = await connect(server.url, cookie);
		clients.push(client);
		const reply = await client.join(FORUM);
		if (!reply.ok) throw new Error(`join: ${reply.error.code}`);
		return client;
	}

	it('both servers are ready: database, state, the log follower and the Redis adapter', async () => {
		for (const server of [a, b]) {
			const reply = await api(server.url).get('/readyz');
			expect(reply.status, JSON.stringify(reply.body)).toBe(200);
			expect(reply.body.checks).toMatchObject({
				database: { ok: true },
				follower: { ok: true },
				adapter: { ok: true, servers: 2 }
			});
		}
	});

	it('a client on A sees, in order, the events of commands sent to B', async () => {
		const watcher = await joined(a, await login(a.url, 'fra.head@wtpf.demo'));
		const sg = api(b.url, await login(b.url, 'sg@itu.demo'));
		const sent = [
			{ type: 'forum.open' },
			{ type: 'agenda.open', item: 1 },
			{ type: 'agenda.suspend', item: 1 },
			{ type: 'agenda.open', item: 1 }
		];
		const seqs: number[] = [];
		for (const command of sent) {
			const reply = await sg.post(COMMANDS, { id: commandId(), ...command });
			expect(reply.status, JSON.stringify(reply.body)).toBe(200);
			seqs.push(reply.body.seq);
		}
		await watcher.waitForEvent((m) => m.event.seq === seqs.at(-1), 10_000);
		const seen = watcher.received.map((m) => m.event.seq).filter((s) => s >= seqs[0]);
		expect(seen).toEqual(seqs);
		expect(watcher.received.map((m) => m.event.type).slice(-4)).toEqual([
			'forum.opened',
			'agenda.item_opened',
			'agenda.item_suspended',
			'agenda.item_opened'
		]);
	});

	it('a burst split across both servers yields one gap-free log, each command once', async () => {
		const [secA, secB] = await Promise.all([
			login(a.url, 'secretariat@itu.demo'),
			login(b.url, 'secretariat@itu.demo')
		]);
		const watchers = [
			await joined(a, await login(a.url, 'ken.head@wtpf.demo')),
			await joined(b, await login(b.url, 'bra.head@wtpf.demo'))
		];
		const people = DEMO_PARTICIPANTS.slice(0, 40).map((p) => p.id);
		const sends = people.map(async (participantId, i) => {
			const [server, cookie] = i % 2 === 0 ? [a, secA] : [b, secB];
			const id = commandId();
			const reply = await api(server.url, cookie).post(COMMANDS, {
				id,
				type: 'presence.check_in',
				participantId
			});
			return { id, reply };
		});
		const acks = await Promise.all(sends);
		const acknowledged = acks.filter((x) => x.reply.status === 200);
		// every check-in is of another participant: none may be refused, however they interleave
		expect(acks.filter((x) => x.reply.status !== 200).map((x) => x.reply.body)).toEqual([]);

		const log = await a.readLog(FORUM);
		expect(log.map((r) => r.seq)).toEqual(log.map((_, i) => i + 1));
		for (const { id, reply } of acknowledged) {
			expect(
				log.filter((r) => r.command_id === id).map((r) => r.seq),
				`command ${id}`
			).toEqual([reply.body.seq]);
		}
		// both servers' clients receive every one of them, in the log's order
		const head = log.at(-1)!.seq;
		for (const watcher of watchers) {
			await watcher.waitForEvent((m) => m.event.seq === head, 10_000);
			const burst = watcher.received
				.map((m) => m.event.seq)
				.filter((s) => s > head - acknowledged.length);
			expect(burst).toEqual(
				Array.from({ length: acknowledged.length }, (_, i) => head - i).reverse()
			);
		}
	});

	it("signing out on B closes the account's socket on A (through the Redis adapter)", async () => {
		const cookie = await login(a.url, 'ob-pse@wtpf.demo');
		const onA = await joined(a, cookie);
		const closed = new Promise<string>((resolve) =>
			onA.socket.on('disconnect', (reason) => resolve(reason))
		);
		const reply = await api(b.url, cookie).post('/api/auth/logout');
		expect(reply.status).toBe(200);
		expect(await closed).toBe('io server disconnect');
	});

	it('killing A loses nothing; its client resyncs on B from its last sequence number', async () => {
		const cookie = await login(a.url, 'sm-ericsson@wtpf.demo');
		const onA = await joined(a, cookie);
		const sgA = api(a.url, await login(a.url, 'sg@itu.demo'));
		const before = await sgA.post(COMMANDS, { id: commandId(), type: 'agenda.suspend', item: 1 });
		expect(before.status).toBe(200);
		await onA.waitForEvent((m) => m.event.seq === before.body.seq, 10_000);
		const last = before.body.seq as number;

		await a.kill();
		const sgB = api(b.url, await login(b.url, 'sg@itu.demo'));
		const during = await sgB.post(COMMANDS, { id: commandId(), type: 'agenda.open', item: 1 });
		expect(during.status).toBe(200);

		const onB = await joined(b, cookie);
		const missed = await onB.sync(FORUM, last);
		expect(missed.ok && missed.kind).toBe('events');
		if (!missed.ok || missed.kind !== 'events') return;
		expect(missed.events.map((e) => [e.seq, e.type])).toEqual([
			[during.body.seq, 'agenda.item_opened']
		]);
		const log = await b.readLog(FORUM);
		expect(log.filter((r) => r.seq === last || r.seq === during.body.seq)).toHaveLength(2);
		expect(log.map((r) => r.seq)).toEqual(log.map((_, i) => i + 1));
	});
});
