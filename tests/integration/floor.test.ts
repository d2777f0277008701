/**
 * The list of speakers under load, through the real built server: 200 delegates, each with
 * their own Socket.IO connection, ask for the floor at the same moment. The server must order
 * them once (by sequence number), lose none, duplicate none, and show every screen the same
 * list in the same order; asking again at the same moment must change nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandAck } from '../../src/lib/protocol';
import type { ForumEvent } from '../../src/lib/forum/rules';
import type { FloorRequest } from '../../src/lib/forum/types';
import {
	api,
	commandId,
	connect,
	DEMO_FORUM as FORUM,
	login,
	startServer,
	type ForumClient,
	type TestServer
} from '../support/server';

const COMMANDS = `/api/forums/${FORUM}/commands`;
const SPEAKERS = 200;
const PASSWORD = 'load-test passphrase 2026';
/** Sign-ins verify an argon2 hash each: a few at a time keeps both cores busy, no more. */
const LOGIN_BATCH = 10;
const CONNECT_BATCH = 50;

const servers: TestServer[] = [];
const clients: ForumClient[] = [];

afterAll(async () => {
	for (const client of clients) client.close();
	await Promise.all(servers.map((s) => s.stop()));
});

/** Delegation `LT-001`…`LT-200`, alternately a Member State and a Sector Member, one delegate each. */
const delegates = Array.from({ length: SPEAKERS }, (_, i) => {
	const n = String(i + 1).padStart(3, '0');
	const memberState = i % 2 === 0;
	return {
		code: `LT-${n}`,
		name: memberState ? `Load Test State ${n}` : `Load Test Operator ${n}`,
		category: memberState ? 'member_state' : 'sector_member',
		person: `Delegate ${n}`,
		email: `lt${n}@load.wtpf.demo`,
		role: memberState ? 'head' : 'delegate'
	};
});

function participantsCsv(): string {
	const header = 'delegation_code,delegation_name,category,name,email,role,password';
	const rows = delegates.map((d) =>
		[d.code, d.name, d.category, d.person, d.email, d.role, PASSWORD].join(',')
	);
	return [header, ...rows].join('\n');
}

async function inBatches<T, R>(items: T[], size: number, each: (item: T) => Promise<R>) {
	const results: R[] = [];
	for (let i = 0; i < items.length; i += size) {
		results.push(...(await Promise.all(items.slice(i, i + size).map(each))));
	}
	return results;
}

/** Polls until `check` holds, for at most `timeoutMs`; then fails with `what`. */
async function eventually(check: () => boolean, what: () => string, timeoutMs = 20_000) {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what()}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** The `floor.requested` events a client received, in arrival order. */
const floorRequested = (client: ForumClient) =>
	client.received
		.filter((m) => m.forum === FORUM && m.event.type === 'floor.requested')
		.map((m) => m.event as ForumEvent<'floor.requested'>);

describe('200 delegates ask for the floor at the same moment', () => {
	it('orders every request once, loses none, and shows every screen the same list', async () => {
		const server = await startServer();
		servers.push(server);
		const url = server.url;

		// Preparation: the secretariat imports 200 delegations with one delegate each.
		const sec = await login(url, 'secretariat@itu.demo');
		const imported = await api(url, sec).post(`/api/forums/${FORUM}/participants/import`, {
			csv: participantsCsv()
		});
		expect(imported.status).toBe(200);
		expect(imported.body).toMatchObject({
			imported: SPEAKERS,
			refused: 0,
			delegationsRegistered: SPEAKERS
		});

		// The opening officer opens the forum and item 1 (no Chair is needed for items 1–2).
		const sg = api(url, await login(url, 'sg@itu.demo'));
		for (const command of [{ type: 'forum.open' }, { type: 'agenda.open', item: 1 }]) {
			const reply = await sg.post(COMMANDS, { id: commandId(), ...command });
			expect(reply.status, JSON.stringify(reply.body)).toBe(200);
		}

		// 200 sign-ins, then 200 sockets, each joined to the forum.
		const cookies = await inBatches(delegates, LOGIN_BATCH, (d) => login(url, d.email, PASSWORD));
		const people = await inBatches(
			cookies.map((cookie, i) => ({ cookie, delegate: delegates[i] })),
			CONNECT_BATCH,
			async ({ cookie, delegate }) => {
				const client = await connect(url, cookie);
				clients.push(client);
				const joined = await client.join(FORUM);
				if (!joined.ok) throw new Error(`${delegate.email} could not join: ${joined.error.code}`);
				expect(joined.snapshot.state.currentItem).toBe(1);
				return { client, delegate, id: joined.you.participantId! };
			}
		);
		expect(new Set(people.map((p) => p.id)).size).toBe(SPEAKERS);
		const before = (await api(url, sec).get(`/api/forums/${FORUM}/state`)).body;
		expect(before.state.floor['1']).toBeUndefined();

		// Everyone at once.
		const commandIds = people.map(() => commandId());
		const acks: CommandAck[] = await Promise.all(
			people.map((p, i) =>
				p.client.command(FORUM, { id: commandIds[i], type: 'floor.request', kind: 'statement' })
			)
		);

		// Every request accepted, each with its own sequence number, one after the other.
		const refusedAcks = acks.filter((a) => !a.ok);
		expect(refusedAcks, JSON.stringify(refusedAcks.slice(0, 3))).toEqual([]);
		const seqs = acks.map((a) => (a.ok ? a.seq : -1));
		expect(new Set(seqs).size).toBe(SPEAKERS);
		expect([...seqs].sort((a, b) => a - b)).toEqual(
			Array.from({ length: SPEAKERS }, (_, i) => before.seq + 1 + i)
		);
		expect(acks.some((a) => a.ok && a.duplicate)).toBe(false);

		// The list: exactly the 200 requests, each once, in the order of their sequence numbers.
		const bySeq = people
			.map((p, i) => ({ seq: seqs[i], requestId: commandIds[i], participantId: p.id }))
			.sort((a, b) => a.seq - b.seq);
		const after = (await api(url, sec).get(`/api/forums/${FORUM}/state`)).body;
		expect(after.seq).toBe(before.seq + SPEAKERS);
		const list = after.state.floor['1'];
		const requests = list.requests as FloorRequest[];
		expect(requests).toHaveLength(SPEAKERS);
		expect(new Set(requests.map((r) => r.id)).size).toBe(SPEAKERS);
		expect(new Set(requests.map((r) => r.delegationId)).size).toBe(SPEAKERS);
		expect(requests.map((r) => ({ requestId: r.id, participantId: r.participantId }))).toEqual(
			bySeq.map(({ requestId, participantId }) => ({ requestId, participantId }))
		);
		expect(requests.every((r) => r.kind === 'statement' && r.addedBy === null)).toBe(true);
		expect(list).toMatchObject({ closed: false, current: null, limitSeconds: 180 });

		// Every screen saw the same 200 events, in the same order.
		const expected = bySeq.map(({ seq, requestId }) => `${seq}:${requestId}`);
		const seen = (client: ForumClient) =>
			floorRequested(client).map((e) => `${e.seq}:${e.payload.request.id}`);
		await eventually(
			() => people.every((p) => floorRequested(p.client).length >= SPEAKERS),
			() =>
				`received ${people.map((p) => floorRequested(p.client).length).join(',')} of ${SPEAKERS}`
		);
		for (const p of people) expect(seen(p.client)).toEqual(expected);

		// Asking again, everyone at once: 200 refusals, and nothing changes.
		const again: CommandAck[] = await Promise.all(
			people.map((p) =>
				p.client.command(FORUM, { id: commandId(), type: 'floor.request', kind: 'statement' })
			)
		);
		expect(again.map((a) => (a.ok ? [200, 'ok'] : [a.status, a.error.code]))).toEqual(
			people.map(() => [409, 'already_on_list'])
		);
		const unchanged = (await api(url, sec).get(`/api/forums/${FORUM}/state`)).body;
		expect(unchanged.seq).toBe(after.seq);
		expect(unchanged.state.floor['1']).toEqual(list);

		// A marker after the burst: once every screen has it, none received anything in between.
		const marker = await sg.post(COMMANDS, {
			id: commandId(),
			type: 'floor.set_limit',
			item: 1,
			seconds: 240
		});
		expect(marker.status).toBe(200);
		const markerSeq = marker.body.seq as number;
		expect(markerSeq).toBe(after.seq + 1);
		await Promise.all(
			people.map((p) => p.client.waitForEvent((m) => m.event.seq === markerSeq, 10_000))
		);
		for (const p of people) expect(seen(p.client)).toEqual(expected);
	}, 120_000);
});
