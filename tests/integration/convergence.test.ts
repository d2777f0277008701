/**
 * Convergence: a seeded schedule of disconnects, reconnects, delays and duplicated sends; at the
 * end every client's state equals the server's state for that client's audience (by hash).
 * The seed is printed in the test's name and failure messages: CONVERGENCE_SEED replays it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, commandId, DEMO_FORUM, login, startServer, type TestServer } from '../support/server';
import { ModelClient, stateHash } from '../support/model-client';

const SEED = Number(process.env.CONVERGENCE_SEED ?? Date.now() % 100_000);
const STEPS = Number(process.env.CONVERGENCE_STEPS ?? 150);
const FORUM = DEMO_FORUM;

function random(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const ACCOUNTS = [
	'secretariat@itu.demo',
	'sg@itu.demo',
	'fra.head@wtpf.demo',
	'bra.head@wtpf.demo',
	'fra.delegate@wtpf.demo',
	'sm-ericsson@wtpf.demo',
	'ob-pse@wtpf.demo'
];

let server: TestServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server?.stop();
});

it(
	`clients converge to the server's view after a random schedule (seed ${SEED})`,
	{ timeout: 120_000 },
	async () => {
		const rand = random(SEED);
		const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)];
		const url = server.url;
		const cookies = Object.fromEntries(
			await Promise.all(ACCOUNTS.map(async (email) => [email, await login(url, email)] as const))
		);
		const clients = ACCOUNTS.map((email) => new ModelClient(email, url, cookies[email], FORUM));
		const state = (
			await api(url, cookies['secretariat@itu.demo']).get(`/api/forums/${FORUM}/state`)
		).body.state;
		const people = Object.keys(state.participants);
		await api(url, cookies['sg@itu.demo']).post(`/api/forums/${FORUM}/commands`, {
			id: commandId(),
			type: 'forum.open'
		});

		const pending: Promise<unknown>[] = [];
		const tally = { disconnects: 0, reconnects: 0, delays: 0, commands: 0, duplicates: 0 };
		for (let step = 0; step < STEPS; step++) {
			const roll = rand();
			const client = pick(clients);
			if (roll < 0.15) {
				tally.disconnects++;
				client.socket.disconnect();
			} else if (roll < 0.3) {
				tally.reconnects++;
				if (!client.socket.connected) client.socket.connect();
			} else if (roll < 0.4) {
				tally.delays++;
				await new Promise((r) => setTimeout(r, Math.floor(rand() * 150)));
			} else {
				// A command from a random sender over HTTP, sometimes sent twice with the same id.
				const sender = pick(ACCOUNTS);
				const id = commandId();
				const command =
					sender === 'sg@itu.demo'
						? { id, type: pick(['agenda.open', 'agenda.close', 'agenda.suspend']), item: 1 }
						: sender === 'secretariat@itu.demo'
							? {
									id,
									type: pick(['presence.check_in', 'presence.check_out']),
									participantId: pick(people)
								}
							: { id, type: pick(['presence.check_in', 'presence.check_out']) };
				const send = () => api(url, cookies[sender]).post(`/api/forums/${FORUM}/commands`, command);
				tally.commands++;
				pending.push(send());
				if (rand() < 0.3) {
					tally.duplicates++;
					pending.push(send());
				}
			}
		}
		await Promise.all(pending);
		for (const client of clients) if (!client.socket.connected) client.socket.connect();

		const head = (await api(url, cookies['secretariat@itu.demo']).get(`/api/forums/${FORUM}/state`))
			.body.seq;
		for (const client of clients) {
			await client.caughtUp(head);
			const view = (await api(url, cookies[client.name]).get(`/api/forums/${FORUM}/state`)).body;
			expect(client.seq, `${client.name}, seed ${SEED}`).toBe(view.seq);
			expect(stateHash(client.state), `${client.name}, seed ${SEED}`).toBe(stateHash(view.state));
			expect(
				new Set(client.applied).size,
				`${client.name} applied an event twice, seed ${SEED}`
			).toBe(client.applied.length);
			client.close();
		}
		console.log(
			`convergence: ${STEPS} steps (${JSON.stringify(tally)}), head ${head}, ${clients.length} clients equal to the server's view, seed ${SEED}`
		);
	}
);
