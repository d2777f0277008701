/**
 * The limits (docs/api.md, "Limits"; src/lib/server/limits.ts) through the real server: requests
 * for the floor and stances per participant, connections per account, string lengths. Each
 * exceeded limit gets a stable code and a sentence saying what to do; nothing else is disturbed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OBSERVATION_LENGTH } from '../../src/lib/forum/observation.rules';
import { MAX_CONNECTIONS_PER_ACCOUNT, RATE_LIMITS } from '../../src/lib/server/limits';
import type { CommandAck } from '../../src/lib/protocol';
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
const [FLOOR, STANCES] = RATE_LIMITS;
const RATE_LIMITED =
	/^You have sent more than 10 (requests for the floor|stances on draft opinions) in 10 seconds\. Wait (\d+) seconds?, then try again\.$/;

let server: TestServer;
const cookies = new Map<string, string>();
const clients: ForumClient[] = [];

beforeAll(async () => {
	server = await startServer();
	for (const email of [
		'sg@itu.demo',
		'fra.head@wtpf.demo',
		'fra.delegate@wtpf.demo',
		'bra.head@wtpf.demo',
		'sm-ericsson@wtpf.demo',
		'ken.head@wtpf.demo'
	]) {
		cookies.set(email, await login(server.url, email));
	}
	for (const [type, payload] of [
		['forum.open', {}],
		['agenda.open', { item: 1 }]
	] as const) {
		const reply = await give('sg@itu.demo', { type, ...payload });
		expect(reply.status).toBe(200);
	}
});

afterAll(async () => {
	for (const client of clients) client.close();
	await server?.stop();
});

function give(email: string, command: Record<string, unknown>) {
	return api(server.url, cookies.get(email)!).post(COMMANDS, { id: commandId(), ...command });
}

async function seq(): Promise<number> {
	const reply = await api(server.url, cookies.get('sg@itu.demo')!).get(
		`/api/forums/${FORUM}/state`
	);
	return reply.body.seq;
}

async function open(email: string) {
	const client = await connect(server.url, cookies.get(email)!);
	clients.push(client);
	return client;
}

/** [status, code] of an answer. */
const outcome = (status: number, code: string | undefined) => `${status} ${code ?? 'ok'}`;

describe('limits', () => {
	it('refuses a burst of requests for the floor past the limit, saying when to try again', async () => {
		expect([FLOOR.burst, FLOOR.perSeconds]).toEqual([10, 10]);
		const before = await seq();
		const burst = 25;
		const started = Date.now();
		const replies = await Promise.all(
			Array.from({ length: burst }, () =>
				give('fra.delegate@wtpf.demo', { type: 'floor.request', kind: 'statement' })
			)
		);
		const seconds = Math.ceil((Date.now() - started) / 1000);
		const answers = replies.map((r) => outcome(r.status, r.body.error?.code));
		const limited = answers.filter((a) => a === '429 rate_limited').length;
		// A burst of 10, then one more each second while the burst was on its way.
		expect(burst - limited).toBeGreaterThanOrEqual(10);
		expect(burst - limited).toBeLessThanOrEqual(10 + seconds);
		// Those let through: one request on the list, the others refused by the rules (France is on it).
		expect(answers.filter((a) => a === '200 ok')).toHaveLength(1);
		for (const answer of answers) {
			expect(['200 ok', '409 already_on_list', '429 rate_limited']).toContain(answer);
		}
		expect(limited).toBeGreaterThan(0);
		const refusal = replies.find((r) => r.status === 429)!.body.error.message as string;
		expect(refusal).toMatch(RATE_LIMITED);
		expect(refusal).toContain('requests for the floor');
		// Nothing but the one request reached the log.
		expect(await seq()).toBe(before + 1);

		// Others are not held back, nor are the participant's other commands.
		const other = await give('bra.head@wtpf.demo', { type: 'floor.request', kind: 'statement' });
		expect(outcome(other.status, other.body.error?.code)).toBe('200 ok');
		const checkIn = await give('fra.delegate@wtpf.demo', { type: 'presence.check_in' });
		expect(outcome(checkIn.status, checkIn.body.error?.code)).toBe('200 ok');
		const stance = await give('fra.delegate@wtpf.demo', {
			type: 'opinion.stance',
			opinion: 1,
			stance: 'support'
		});
		expect(outcome(stance.status, stance.body.error?.code)).toBe(
			'409 opinion_not_under_consideration'
		);
		// The presiding officer is never held back, even adding requests for others.
		const presiding = await Promise.all(
			Array.from({ length: 12 }, () =>
				give('sg@itu.demo', {
					type: 'floor.request',
					kind: 'point_of_order',
					participantId: 'p-ken-head'
				})
			)
		);
		expect(presiding.filter((r) => r.status === 429)).toHaveLength(0);

		// After the wait the message names, the participant is heard again.
		const wait = Number(RATE_LIMITED.exec(refusal)![2]);
		expect(wait).toBeGreaterThanOrEqual(1);
		expect(wait).toBeLessThanOrEqual(FLOOR.perSeconds);
		await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
		const again = await give('fra.delegate@wtpf.demo', {
			type: 'floor.request',
			kind: 'point_of_order'
		});
		expect(outcome(again.status, again.body.error?.code)).toBe('200 ok');
	});

	it('refuses a burst of stances over Socket.IO with the same answer as HTTP', async () => {
		expect([STANCES.burst, STANCES.perSeconds]).toEqual([10, 10]);
		const socket = await open('sm-ericsson@wtpf.demo');
		const before = await seq();
		const burst = 25;
		const started = Date.now();
		const acks: CommandAck[] = await Promise.all(
			Array.from({ length: burst }, (_, i) =>
				socket.command(FORUM, {
					id: commandId(),
					type: 'opinion.stance',
					opinion: 1,
					stance: i % 2 ? 'support' : 'objection'
				})
			)
		);
		const seconds = Math.ceil((Date.now() - started) / 1000);
		const limited = acks.filter((a) => !a.ok && a.status === 429);
		expect(limited.length).toBeGreaterThan(0);
		expect(burst - limited.length).toBeGreaterThanOrEqual(10);
		expect(burst - limited.length).toBeLessThanOrEqual(10 + seconds);
		for (const ack of acks) {
			if (ack.ok) throw new Error(`a stance was taken: ${JSON.stringify(ack)}`);
			expect(['409 opinion_not_under_consideration', '429 rate_limited']).toContain(
				outcome(ack.status, ack.error.code)
			);
		}
		expect(limited[0]).toEqual({
			ok: false,
			status: 429,
			error: { code: 'rate_limited', message: expect.stringMatching(RATE_LIMITED) }
		});
		expect(!limited[0].ok && limited[0].error.message).toContain('stances on draft opinions');
		// Its requests for the floor are counted apart.
		const floor = await socket.command(FORUM, {
			id: commandId(),
			type: 'floor.request',
			kind: 'statement'
		});
		expect(floor).toEqual({ ok: true, seq: before + 1 });
	});

	it(`refuses an account's connection past ${MAX_CONNECTIONS_PER_ACCOUNT}, and only that one`, async () => {
		expect(MAX_CONNECTIONS_PER_ACCOUNT).toBe(20);
		const email = 'fra.head@wtpf.demo';
		// 25 handshakes at once: exactly 20 get through, whatever the order they are handled in.
		const attempts = await Promise.allSettled(
			Array.from({ length: 25 }, () => connect(server.url, cookies.get(email)!))
		);
		const connected = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
		clients.push(...connected);
		const refused = attempts.flatMap((a) =>
			a.status === 'rejected' ? [a.reason as Error & { data?: unknown }] : []
		);
		expect(connected).toHaveLength(20);
		expect(refused).toHaveLength(5);
		for (const error of refused) {
			expect(error.message).toBe('too_many_connections');
			expect(error.data).toEqual({
				code: 'too_many_connections',
				message:
					'Your account is already connected on 20 screens. Close a tab or sign out on a device you no longer use, then reload this page.'
			});
		}
		// The 20 stay connected and working; another account connects as usual.
		expect(connected.every((c) => c.socket.connected)).toBe(true);
		const joined = await connected[0].join(FORUM);
		expect(joined.ok).toBe(true);
		const other = await open('bra.head@wtpf.demo');
		expect(other.socket.connected).toBe(true);

		// One screen closed: room for one more (the server notices the close within a bounded wait).
		const gone = new Promise((resolve) => connected[0].socket.once('disconnect', resolve));
		connected[0].close();
		await gone;
		let again: ForumClient | null = null;
		for (let tries = 0; tries < 50 && !again; tries++) {
			again = await connect(server.url, cookies.get(email)!).catch(async (error: Error) => {
				expect(error.message).toBe('too_many_connections');
				await new Promise((resolve) => setTimeout(resolve, 100));
				return null;
			});
		}
		expect(again?.socket.connected).toBe(true);
		clients.push(again!);
		await expect(connect(server.url, cookies.get(email)!)).rejects.toThrow('too_many_connections');
	});

	it('refuses a text over its length limit, naming it, and a body over the size limit', async () => {
		const before = await seq();
		const long = await give('ken.head@wtpf.demo', {
			type: 'observation.submit',
			section: '2',
			text: 'x'.repeat(MAX_OBSERVATION_LENGTH + 1)
		});
		expect([long.status, long.body.error]).toEqual([
			400,
			{
				code: 'malformed_command',
				message:
					'text: An observation is at most 10,000 characters. Shorten it, or submit one per section.'
			}
		]);
		const tooBig = await give('ken.head@wtpf.demo', {
			type: 'observation.submit',
			section: '2',
			text: 'x'.repeat(5_000_000)
		});
		expect([tooBig.status, tooBig.body.error?.code]).toEqual([413, 'command_too_large']);
		expect(await seq()).toBe(before);
	});
});

describe('PLENARY_RATE_LIMITS=off (load tests only, docs/deployment.md)', () => {
	it('lets a burst past the limit through to the rules', async () => {
		const unlimited = await startServer({ env: { PLENARY_RATE_LIMITS: 'off' } });
		try {
			const as = async (email: string) => api(unlimited.url, await login(unlimited.url, email));
			const sg = await as('sg@itu.demo');
			for (const [type, payload] of [
				['forum.open', {}],
				['agenda.open', { item: 1 }]
			] as const) {
				const reply = await sg.post(COMMANDS, { id: commandId(), type, ...payload });
				expect(reply.status).toBe(200);
			}
			const delegate = await as('fra.delegate@wtpf.demo');
			const replies = await Promise.all(
				Array.from({ length: 25 }, () =>
					delegate.post(COMMANDS, { id: commandId(), type: 'floor.request', kind: 'statement' })
				)
			);
			const answers = replies.map((r) => outcome(r.status, r.body.error?.code));
			// every one decided by the rules: one on the list, the others already on it
			const tally: Record<string, number> = {};
			for (const answer of answers) tally[answer] = (tally[answer] ?? 0) + 1;
			expect(tally).toEqual({ '200 ok': 1, '409 already_on_list': 24 });
		} finally {
			await unlimited.stop();
		}
	});
});
