import { describe, expect, it } from 'vitest';
import type { CommandAck } from '$lib/protocol';
import {
	mayKeep,
	Outbox,
	undelivered,
	type OutboxCommand,
	type OutboxStorage
} from './outbox.svelte';

/** localStorage's contract, in memory (Node has no localStorage). */
function memoryStorage(): OutboxStorage & { data: Map<string, string> } {
	const data = new Map<string, string>();
	return {
		data,
		getItem: (k) => data.get(k) ?? null,
		setItem: (k, v) => void data.set(k, String(v)),
		removeItem: (k) => void data.delete(k)
	};
}

const request = (id: string): OutboxCommand => ({
	id,
	type: 'floor.request',
	item: 3,
	kind: 'statement',
	onBehalfOf: null
});
const stance = (id: string): OutboxCommand => ({
	id,
	type: 'opinion.stance',
	opinion: 2,
	stance: 'support',
	text: null
});
const accepted = (seq: number): CommandAck => ({ ok: true, seq });
const refused = (code: string, message: string, status = 409): CommandAck => ({
	ok: false,
	status,
	error: { code, message }
});
const offline: CommandAck = refused('offline', 'You are offline.', 0);

/** A server that answers from a script, and remembers what it was sent. */
function server(...answers: CommandAck[]) {
	const sent: OutboxCommand[] = [];
	return {
		sent,
		send: async (command: OutboxCommand) => {
			sent.push(command);
			return answers.shift() ?? accepted(sent.length);
		}
	};
}

describe('which commands wait in the outbox', () => {
	it("keeps a delegate's request for the floor, a stance and an observation", () => {
		expect(mayKeep({ type: 'floor.request' })).toBe(true);
		expect(mayKeep({ type: 'floor.request', participantId: null })).toBe(true);
		expect(mayKeep({ type: 'opinion.stance' })).toBe(true);
		expect(mayKeep({ type: 'observation.submit' })).toBe(true);
	});
	it("never keeps the Chair's or the secretariat's commands", () => {
		// The presiding officer granting a right of reply names the speaker.
		expect(mayKeep({ type: 'floor.request', participantId: 'p-fra-head' })).toBe(false);
		for (const type of ['floor.give', 'floor.close_list', 'agenda.open', 'floor.withdraw']) {
			expect(mayKeep({ type })).toBe(false);
		}
	});
	it('sends again what got no answer, too-many-at-once and server failures only', () => {
		expect(undelivered(offline)).toBe(true);
		expect(undelivered(refused('rate_limited', 'Wait 3 s.', 429))).toBe(true);
		expect(undelivered(refused('internal', 'Failed.', 500))).toBe(true);
		expect(undelivered(refused('list_closed', 'The list is closed.'))).toBe(false);
		expect(undelivered(refused('not_allowed', 'Not yours.', 403))).toBe(false);
		expect(undelivered(accepted(4))).toBe(false);
	});
});

describe('the outbox', () => {
	it('sends in the order the delegate acted, each with the id it was given then', async () => {
		const outbox = new Outbox('wtpf-26', 'p-fra-head', memoryStorage());
		outbox.keep(request('c-first-0001'));
		outbox.keep(stance('c-second-002'));
		outbox.keep(request('c-third-0003'));
		expect(outbox.waiting).toBe(3);
		const { sent, send } = server();
		expect(await outbox.flush(send)).toBe('sent');
		expect(sent.map((c) => c.id)).toEqual(['c-first-0001', 'c-second-002', 'c-third-0003']);
		expect(sent[1]).toEqual(stance('c-second-002'));
		expect(outbox.items).toEqual([]);
		expect(outbox.waiting).toBe(0);
	});

	it('keeps an id once, however often it is kept', () => {
		const outbox = new Outbox('wtpf-26', 'p-fra-head', memoryStorage());
		outbox.keep(request('c-first-0001'));
		outbox.keep(request('c-first-0001'));
		expect(outbox.items).toHaveLength(1);
	});

	it('stops at an item not delivered and sends it again, same id, in the next round', async () => {
		const outbox = new Outbox('wtpf-26', 'p-fra-head', memoryStorage());
		outbox.keep(request('c-first-0001'));
		outbox.keep(stance('c-second-002'));
		const first = server(offline);
		expect(await outbox.flush(first.send)).toBe('stalled');
		expect(first.sent.map((c) => c.id)).toEqual(['c-first-0001']);
		expect(outbox.items.map((i) => i.status)).toEqual(['pending', 'pending']);

		// The server had applied it after all: it answers the retry as a duplicate.
		const second = server({ ok: true, seq: 7, duplicate: true }, accepted(8));
		expect(await outbox.flush(second.send)).toBe('sent');
		expect(second.sent.map((c) => c.id)).toEqual(['c-first-0001', 'c-second-002']);
		expect(outbox.items).toEqual([]);
	});

	it('marks a refused item with the reason, sends the next, and forgets it when dismissed', async () => {
		const storage = memoryStorage();
		const outbox = new Outbox('wtpf-26', 'p-fra-head', storage);
		outbox.keep(request('c-first-0001'));
		outbox.keep(stance('c-second-002'));
		const closed = 'The list of speakers for item 3 is closed.';
		const { sent, send } = server(refused('list_closed', closed));
		expect(await outbox.flush(send)).toBe('sent');
		expect(sent.map((c) => c.id)).toEqual(['c-first-0001', 'c-second-002']);
		expect(outbox.items).toHaveLength(1);
		expect(outbox.items[0]).toMatchObject({
			status: 'refused',
			refusal: { code: 'list_closed', message: closed },
			command: { id: 'c-first-0001' }
		});
		expect(outbox.waiting).toBe(0);

		// A refused item is not sent again, and stays (on the device too) until dismissed.
		const again = server();
		await outbox.flush(again.send);
		expect(again.sent).toEqual([]);
		const reopened = new Outbox('wtpf-26', 'p-fra-head', storage);
		reopened.restore();
		expect(reopened.items[0].refusal?.message).toBe(closed);
		reopened.dismiss('c-first-0001');
		expect(reopened.items).toEqual([]);
		expect(storage.data.size).toBe(0);
	});

	it('sends in the same round what the delegate does while a round runs, after the rest', async () => {
		const outbox = new Outbox('wtpf-26', 'p-fra-head', memoryStorage());
		outbox.keep(request('c-first-0001'));
		const sent: string[] = [];
		const round = outbox.flush(async (command) => {
			sent.push(command.id);
			if (command.id === 'c-first-0001') outbox.keep(stance('c-second-002'));
			return accepted(sent.length);
		});
		// A second call joins the running round instead of sending the same item twice.
		const joined = outbox.flush(async () => {
			throw new Error('a second round ran');
		});
		expect(await round).toBe('sent');
		expect(await joined).toBe('sent');
		expect(sent).toEqual(['c-first-0001', 'c-second-002']);
	});

	it('is kept per forum and participant on the device, and survives a reload mid-send', async () => {
		const storage = memoryStorage();
		const outbox = new Outbox('wtpf-26', 'p-fra-head', storage);
		outbox.keep(request('c-first-0001'), 1_000);
		outbox.keep(stance('c-second-002'), 2_000);
		expect([...storage.data.keys()]).toEqual(['plenary:outbox:wtpf-26:p-fra-head']);

		// The page is closed while the first is on its way, with no answer.
		void outbox.flush(() => new Promise<CommandAck>(() => {}));
		const reloaded = new Outbox('wtpf-26', 'p-fra-head', storage);
		reloaded.restore();
		expect(reloaded.items.map((i) => [i.command.id, i.status, i.keptAt])).toEqual([
			['c-first-0001', 'pending', 1_000],
			['c-second-002', 'pending', 2_000]
		]);

		// Another participant on the same device sees none of it.
		const other = new Outbox('wtpf-26', 'p-bra-head', storage);
		other.restore();
		expect(other.items).toEqual([]);
	});

	it('keeps what the delegate did before the stored items were read, after them', () => {
		const storage = memoryStorage();
		const earlier = new Outbox('wtpf-26', 'p-fra-head', storage);
		earlier.keep(request('c-first-0001'));
		const page = new Outbox('wtpf-26', 'p-fra-head', storage);
		page.keep(stance('c-second-002'));
		page.restore();
		expect(page.items.map((i) => i.command.id)).toEqual(['c-first-0001', 'c-second-002']);
	});

	it('ignores what it cannot read', () => {
		const storage = memoryStorage();
		storage.setItem('plenary:outbox:wtpf-26:p-fra-head', '{not json');
		const outbox = new Outbox('wtpf-26', 'p-fra-head', storage);
		outbox.restore();
		expect(outbox.items).toEqual([]);
		storage.setItem('plenary:outbox:wtpf-26:p-fra-head', JSON.stringify([{ junk: true }]));
		outbox.restore();
		expect(outbox.items).toEqual([]);
	});
});
