/**
 * Crash without loss: clients send commands continuously while the server is killed with
 * SIGKILL at random moments and restarted. Afterwards every acknowledged command is in the log
 * exactly once, the log has no gap, and the state rebuilt from the log equals the state the
 * clients converged to. Short form in `npm test` (CRASH_KILLS=5); `npm run test:crash` runs 50.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, commandId, DEMO_FORUM, login, startServer, type TestServer } from '../support/server';
import { ModelClient, stateHash } from '../support/model-client';

const KILLS = Number(process.env.CRASH_KILLS ?? 5);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
const FORUM = DEMO_FORUM;

/** A small seeded generator (mulberry32), so that a failing schedule can be replayed. */
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

let server: TestServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server?.stop();
});

it(
	`loses no acknowledged command over ${KILLS} SIGKILLs (seed ${SEED})`,
	{ timeout: 60_000 + KILLS * 20_000 },
	async () => {
		const rand = random(SEED);
		const url = server.url;
		const secretariat = await login(url, 'secretariat@itu.demo');
		const state = (await api(url, secretariat).get(`/api/forums/${FORUM}/state`)).body.state;
		const people: string[] = Object.keys(state.participants);

		const watchers = await Promise.all(
			[
				['secretariat', 'secretariat@itu.demo'],
				['member state', 'fra.head@wtpf.demo'],
				['sector member', 'sm-ericsson@wtpf.demo'],
				['observer', 'ob-pse@wtpf.demo']
			].map(async ([name, email]) => new ModelClient(name, url, await login(url, email), FORUM))
		);

		/** id → seq of every command the server acknowledged as applied */
		const acknowledged = new Map<string, number>();
		let sending = true;
		let attempts = 0;
		const statuses: Record<string, number> = {};

		/** Send one command until the server answers it (the same id across restarts). */
		async function deliver(command: Record<string, unknown>): Promise<void> {
			for (;;) {
				attempts++;
				try {
					const reply = await api(url, secretariat).post(`/api/forums/${FORUM}/commands`, command);
					statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
					if (reply.status === 200) acknowledged.set(command.id as string, reply.body.seq);
					if (reply.status < 500) return;
				} catch (error) {
					statuses[String(error)] = (statuses[String(error)] ?? 0) + 1;
					// the server is down: try again with the same id
				}
				await new Promise((r) => setTimeout(r, 30));
			}
		}

		const senders = [0, 1, 2].map(async () => {
			while (sending) {
				const participantId = people[Math.floor(rand() * people.length)];
				const type = rand() < 0.5 ? 'presence.check_in' : 'presence.check_out';
				await deliver({ id: commandId(), type, participantId });
			}
		});

		for (let kill = 0; kill < KILLS; kill++) {
			// Let commands flow (a few acknowledged since the restart), then kill at a random moment.
			const before = acknowledged.size;
			const until = Date.now() + 15_000;
			while (acknowledged.size < before + 3 && Date.now() < until) {
				await new Promise((r) => setTimeout(r, 20));
			}
			await new Promise((r) => setTimeout(r, rand() * 300));
			await server.kill();
			await server.restart();
		}
		sending = false;
		await Promise.all(senders);

		// The log: gapless, and every acknowledged command in it exactly once, at the seq acknowledged.
		const log = await server.readLog(FORUM);
		const seqs = log.map((r) => r.seq);
		expect(seqs).toEqual(seqs.map((_, i) => i + 1));
		const byCommand = new Map<string, number[]>();
		for (const row of log) {
			if (row.command_id === null) continue;
			byCommand.set(row.command_id, [...(byCommand.get(row.command_id) ?? []), row.seq]);
		}
		expect(acknowledged.size).toBeGreaterThan(KILLS);
		for (const [id, seq] of acknowledged) expect(byCommand.get(id), `command ${id}`).toEqual([seq]);

		// The clients converge to the state the restarted server rebuilt from its log.
		const head = seqs.at(-1)!;
		for (const watcher of watchers) {
			await watcher.caughtUp(head);
			const cookie = await login(
				url,
				{
					secretariat: 'secretariat@itu.demo',
					'member state': 'fra.head@wtpf.demo',
					'sector member': 'sm-ericsson@wtpf.demo',
					observer: 'ob-pse@wtpf.demo'
				}[watcher.name]!
			);
			const server = (await api(url, cookie).get(`/api/forums/${FORUM}/state`)).body;
			expect(watcher.seq, `${watcher.name} (seed ${SEED})`).toBe(server.seq);
			expect(stateHash(watcher.state), `${watcher.name} (seed ${SEED})`).toBe(
				stateHash(server.state)
			);
			// Nothing applied twice, nothing out of order.
			expect(new Set(watcher.applied).size).toBe(watcher.applied.length);
			expect([...watcher.applied].sort((a, b) => a - b)).toEqual(watcher.applied);
			watcher.close();
		}
		console.log(
			`crash test: ${KILLS} kills, ${attempts} sends (${JSON.stringify(statuses)}), ${acknowledged.size} commands acknowledged and checked, head ${head}, seed ${SEED}`
		);
	}
);
