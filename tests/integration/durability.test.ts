/**
 * "Anything acknowledged to a user is on disk first" (style.md): the server is SIGKILLed, with
 * no chance to flush anything, and every acknowledged command must be in the log on restart.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PARTICIPANTS } from '../../src/lib/server/demo.data';
import {
	api,
	commandId,
	DEMO_FORUM as FORUM,
	login,
	startServer,
	type TestServer
} from '../support/server';

const COMMANDS = `/api/forums/${FORUM}/commands`;
let server: TestServer;
let sg: string, sec: string;

interface Acknowledged {
	id: string;
	cookie: string;
	command: Record<string, unknown>;
	seq: number;
}

/** Participants to check in, in order; each test takes from the front. */
const absent = DEMO_PARTICIPANTS.map((p) => p.id);

beforeAll(async () => {
	server = await startServer();
	[sg, sec] = await Promise.all([
		login(server.url, 'sg@itu.demo'),
		login(server.url, 'secretariat@itu.demo')
	]);
	const opened = await api(server.url, sg).post(COMMANDS, { id: commandId(), type: 'forum.open' });
	expect(opened.status).toBe(200);
});

afterAll(async () => {
	await server?.stop();
});

/** Gives a command; resolves with what was acknowledged, null if the server went away. */
async function give(
	cookie: string,
	command: Record<string, unknown>
): Promise<Acknowledged | null> {
	const id = commandId();
	let reply;
	try {
		reply = await api(server.url, cookie).post(COMMANDS, { id, ...command });
	} catch {
		return null; // connection refused or reset: not acknowledged
	}
	expect([command, reply.status, reply.body]).toEqual([
		command,
		200,
		{ ok: true, seq: expect.any(Number) }
	]);
	return { id, cookie, command, seq: reply.body.seq };
}

/** The presiding officer's next agenda move on item 1, from its status. */
function agendaMove(status: string) {
	return { type: status === 'open' ? 'agenda.suspend' : 'agenda.open', item: 1 };
}

async function item1Status(): Promise<string> {
	const reply = await api(server.url, sec).get(`/api/forums/${FORUM}/state`);
	return reply.body.state.agenda[0].status;
}

/** After a restart: each acknowledged command's event is in the log, the log has no gap. */
async function expectInLog(acknowledged: Acknowledged[]) {
	const reply = await api(server.url, sec).get(`/api/forums/${FORUM}/events?limit=5000`);
	expect(reply.status).toBe(200);
	const events = reply.body.events as { seq: number; type: string; payload: unknown }[];
	expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
	const bySeq = new Map(events.map((e) => [e.seq, e]));
	for (const { command, seq } of acknowledged) {
		const event = bySeq.get(seq);
		expect([command, event?.type]).toEqual([command, EVENT_OF[command.type as string]]);
		if (command.type === 'presence.check_in') {
			expect(event?.payload).toEqual({ participantId: command.participantId });
		} else {
			expect(event?.payload).toMatchObject({ item: 1 });
		}
	}
	const { state } = (await api(server.url, sec).get(`/api/forums/${FORUM}/state`)).body;
	for (const { command } of acknowledged) {
		if (command.type !== 'presence.check_in') continue;
		expect([
			command.participantId,
			state.participants[command.participantId as string].present
		]).toEqual([command.participantId, true]);
	}
	// The command ids survived too: a retry after the restart is recognised, not applied again.
	for (const { id, cookie, command, seq } of acknowledged.slice(-3)) {
		const retry = await api(server.url, cookie).post(COMMANDS, { id, ...command });
		expect(retry).toEqual({ status: 200, body: { ok: true, duplicate: true, seq } });
	}
}

const EVENT_OF: Record<string, string> = {
	'presence.check_in': 'presence.checked_in',
	'agenda.open': 'agenda.item_opened',
	'agenda.suspend': 'agenda.item_suspended'
};

it('keeps every command acknowledged before a SIGKILL', async () => {
	const acknowledged: Acknowledged[] = [];
	let status = await item1Status();
	for (let i = 0; i < 30; i++) {
		const ack =
			i % 3 === 2
				? await give(sg, agendaMove(status))
				: await give(sec, { type: 'presence.check_in', participantId: absent.shift() });
		acknowledged.push(ack!);
		if (i % 3 === 2) status = status === 'open' ? 'suspended' : 'open';
	}
	expect(acknowledged.map((a) => a.seq)).toEqual(
		acknowledged.map((_, i) => acknowledged[0].seq + i)
	);
	await server.kill();
	await server.restart();
	await expectInLog(acknowledged);
});

it('keeps every command acknowledged while commands are in flight at the SIGKILL', async () => {
	const acknowledged: Acknowledged[] = [];
	let killing: Promise<void> | null = null;
	const killAfter = 12;
	const record = (ack: Acknowledged | null) => {
		if (!ack) return false;
		acknowledged.push(ack);
		if (acknowledged.length === killAfter) killing = server.kill();
		return true;
	};
	// Two check-in senders and the presiding officer, each waiting only for its own reply.
	const checkIns = async () => {
		while (absent.length > 0) {
			const participantId = absent.shift();
			if (!record(await give(sec, { type: 'presence.check_in', participantId }))) return;
		}
	};
	const agenda = async () => {
		let status = await item1Status();
		for (;;) {
			if (!record(await give(sg, agendaMove(status)))) return;
			status = status === 'open' ? 'suspended' : 'open';
		}
	};
	await Promise.all([checkIns(), checkIns(), agenda()]);
	expect(killing).not.toBeNull();
	await killing;
	expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);
	// Each acknowledged seq is distinct: nothing was acknowledged twice or overwritten.
	expect(new Set(acknowledged.map((a) => a.seq)).size).toBe(acknowledged.length);

	await server.restart();
	await expectInLog(acknowledged);
});
