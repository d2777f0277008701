/**
 * The foundation through the real built server: sign-in, the HTTP command API, Socket.IO live
 * events and catch-up, idempotent retries, validation, refusals and the audience filter.
 */
import { get as httpGet } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandAck } from '../../src/lib/protocol';
import { COMPRESS_FROM_BYTES } from '../../src/lib/server/encoded-body';
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
let server: TestServer;
/** cookies: the opening officer, the secretariat, a Member State head, a Sector Member */
let sg: string, sec: string, fra: string, ericsson: string;
const clients: ForumClient[] = [];

beforeAll(async () => {
	server = await startServer();
	[sg, sec, fra, ericsson] = await Promise.all([
		login(server.url, 'sg@itu.demo'),
		login(server.url, 'secretariat@itu.demo'),
		login(server.url, 'fra.head@wtpf.demo'),
		login(server.url, 'sm-ericsson@wtpf.demo')
	]);
});

afterAll(async () => {
	for (const client of clients) client.close();
	await server?.stop();
});

async function open(cookie: string | undefined, options?: Parameters<typeof connect>[2]) {
	const client = await connect(server.url, cookie, options);
	clients.push(client);
	return client;
}

async function snapshot(cookie = sec) {
	const reply = await api(server.url, cookie).get(`/api/forums/${FORUM}/state`);
	expect(reply.status).toBe(200);
	return reply.body;
}

async function eventsAfter(after = 0, cookie = sec) {
	const reply = await api(server.url, cookie).get(`/api/forums/${FORUM}/events?after=${after}`);
	expect(reply.status).toBe(200);
	expect(reply.body.more).toBe(false);
	return reply.body.events as { seq: number; type: string; payload: unknown; actor: string }[];
}

function give(cookie: string, command: Record<string, unknown>) {
	return api(server.url, cookie).post(COMMANDS, { id: commandId(), ...command });
}

function seqOf(ack: CommandAck): number {
	if (!ack.ok) throw new Error(`refused: ${JSON.stringify(ack)}`);
	return ack.seq;
}

/** Opens the forum unless an earlier test did (tests that need it stay runnable alone). */
async function ensureInSession() {
	if ((await snapshot()).state.phase !== 'preparation') return;
	expect((await give(sg, { type: 'forum.open' })).status).toBe(200);
}

describe('foundation', () => {
	it('signs in, shows the account and its participation, and signs out', async () => {
		const anonymous = api(server.url);
		const wrong = await anonymous.post('/api/auth/login', {
			email: 'fra.delegate@wtpf.demo',
			password: 'not the password'
		});
		expect(wrong.status).toBe(401);
		expect(wrong.body.error.code).toBe('bad_credentials');

		const cookie = await login(server.url, 'fra.delegate@wtpf.demo');
		expect(cookie).toMatch(/^plenary_session=[A-Za-z0-9_-]{20,}$/);
		const me = await api(server.url, cookie).get('/api/me');
		expect(me.status).toBe(200);
		expect(me.body.account).toEqual({
			id: 'p-fra-delegate',
			email: 'fra.delegate@wtpf.demo',
			name: expect.any(String)
		});
		expect(me.body.forums).toEqual([
			{
				forum: FORUM,
				participant: expect.objectContaining({
					id: 'p-fra-delegate',
					delegationId: 'FRA',
					role: 'delegate'
				}),
				delegation: { id: 'FRA', name: 'France', category: 'member_state' }
			}
		]);

		// Signing out ends the session for HTTP and closes this session's sockets.
		const socket = await open(cookie);
		const closing = new Promise((resolve) => socket.socket.once('closing', resolve));
		const gone = new Promise((resolve) => socket.socket.once('disconnect', resolve));
		const out = await api(server.url, cookie).post('/api/auth/logout');
		expect(out).toEqual({ status: 200, body: { ok: true } });
		expect(await closing).toMatchObject({ code: 'signed_out' });
		expect(await gone).toBe('io server disconnect');
		const after = await api(server.url, cookie).get('/api/me');
		expect(after.status).toBe(401);
		expect(after.body.error.code).toBe('not_signed_in');
		await expect(connect(server.url, cookie)).rejects.toThrow('not_signed_in');
	});

	it('serves the forum page with its snapshot beside the HTML, as the state route gives it', async () => {
		const page = await fetch(`${server.url}/forums/${FORUM}`, { headers: { cookie: fra } });
		expect(page.status).toBe(200);
		const html = await page.text();
		const href = `/api/forums/${FORUM}/state`;
		// asked for from the head, while the HTML is still read; the page data says where, no more
		expect(html).toMatch(
			new RegExp(`<link rel="preload" href="${href}" as="fetch" crossorigin="anonymous"`)
		);
		expect(html).toContain(`app.decode('SnapshotBeside', ["${FORUM}"])`);
		expect(html).not.toMatch(/\b(delegations|participants|opinions|agenda):/);
		const state = (await snapshot(fra)).state;
		const others = Object.values(state.participants as Record<string, { id: string; name: string }>)
			.map((p) => p.id)
			.filter((id) => !html.includes(id));
		// the ids of participants the page does not name appear nowhere in it
		expect(others.length).toBeGreaterThan(5);

		const fetched = await api(server.url, fra).get(href);
		expect(fetched.status).toBe(200);
		expect(fetched.body).toEqual({ forum: FORUM, seq: expect.any(Number), state });
		expect((await api(server.url).get(href)).body.error.code).toBe('not_signed_in');
		// the forum's titles in Arabic, Chinese and Russian travel as \u escapes (ascii-json.ts)
		const text = await (await fetch(`${server.url}${href}`, { headers: { cookie: fra } })).text();
		expect(JSON.stringify(state.title)).toMatch(/[^\x20-\x7e]/);
		expect(text).toMatch(/^[\x20-\x7e]*$/);
		expect(JSON.parse(text).state.title).toEqual(state.title);
	});

	it('gives the participants alone, as the state gives them', async () => {
		const state = (await snapshot(fra)).state;
		const href = `/api/forums/${FORUM}/participants`;
		const list = await api(server.url, fra).get(href);
		expect(list.status).toBe(200);
		expect(list.body).toEqual({
			forum: FORUM,
			seq: expect.any(Number),
			participants: Object.values(state.participants)
		});
		expect((await api(server.url).get(href)).body.error.code).toBe('not_signed_in');
		const unknown = await api(server.url, fra).get('/api/forums/no-such-forum/participants');
		expect([unknown.status, unknown.body.error.code]).toEqual([404, 'no_such_forum']);
	});

	it('pushes the opening officer’s commands to another participant in sequence order', async () => {
		const officer = await open(sg);
		const delegate = await open(fra);
		const [officerJoin, delegateJoin] = await Promise.all([
			officer.join(FORUM),
			delegate.join(FORUM)
		]);
		expect(officerJoin.ok).toBe(true);
		if (!delegateJoin.ok) throw new Error(JSON.stringify(delegateJoin));
		expect(delegateJoin.you).toMatchObject({ participantId: 'p-fra-head', display: false });
		expect(delegateJoin.snapshot.state.phase).toBe('preparation');
		const start = delegateJoin.snapshot.seq;

		const opened = await officer.command(FORUM, { id: commandId(), type: 'forum.open' });
		expect(opened).toEqual({ ok: true, seq: start + 1 });
		const item = await officer.command(FORUM, { id: commandId(), type: 'agenda.open', item: 1 });
		expect(item).toEqual({ ok: true, seq: start + 2 });

		await delegate.waitForEvent((m) => m.event.seq === start + 2);
		expect(delegate.received.map((m) => [m.forum, m.event.seq, m.event.type])).toEqual([
			[FORUM, start + 1, 'forum.opened'],
			[FORUM, start + 2, 'agenda.item_opened']
		]);
		expect(delegate.received[1].event).toMatchObject({
			payload: { item: 1, how: 'opened' },
			audience: 'public',
			actor: 'p-sg'
		});
		expect((await snapshot()).state).toMatchObject({ phase: 'in_session', currentItem: 1 });
	});

	it('sends a reconnecting client exactly the events it missed', async () => {
		await ensureInSession();
		const officer = await open(sg);
		const watcher = await open(fra);
		const joined = await watcher.join(FORUM);
		if (!joined.ok) throw new Error(JSON.stringify(joined));
		const checkIn = (participantId: string) =>
			officer.command(FORUM, { id: commandId(), type: 'presence.check_in', participantId });

		const live = seqOf(await checkIn('p-bra-head'));
		await watcher.waitForEvent((m) => m.event.seq === live);
		const lastSeq = Math.max(joined.snapshot.seq, ...watcher.received.map((m) => m.event.seq));
		expect(lastSeq).toBe(live);
		watcher.close();

		const missedIds = ['p-ken-head', 'p-chn-head', 'p-egy-delegate'];
		const acked: number[] = [];
		for (const id of missedIds) acked.push(seqOf(await checkIn(id)));
		expect(acked).toEqual([live + 1, live + 2, live + 3]);

		const back = await open(fra);
		const reply = await back.sync(FORUM, lastSeq);
		if (!reply.ok || reply.kind !== 'events') throw new Error(JSON.stringify(reply));
		expect(reply.head).toBe(live + 3);
		expect(reply.events.map((e) => [e.seq, e.type, e.payload])).toEqual(
			missedIds.map((participantId, i) => [acked[i], 'presence.checked_in', { participantId }])
		);
		// sync also subscribes: the next event arrives live.
		const next = seqOf(await checkIn('p-sau-delegate'));
		expect((await back.waitForEvent((m) => m.event.seq === next)).event.type).toBe(
			'presence.checked_in'
		);
	});

	it('applies a command retried with the same id once', async () => {
		await ensureInSession();
		const http = api(server.url, sec);
		const before = (await snapshot()).seq;
		const command = { id: commandId(), type: 'presence.check_in', participantId: 'p-sau-head' };

		expect(await http.post(COMMANDS, command)).toEqual({
			status: 200,
			body: { ok: true, seq: before + 1 }
		});
		expect(await http.post(COMMANDS, command)).toEqual({
			status: 200,
			body: { ok: true, duplicate: true, seq: before + 1 }
		});
		const socket = await open(sec);
		expect(await socket.command(FORUM, command)).toEqual({
			ok: true,
			duplicate: true,
			seq: before + 1
		});
		const logged = await eventsAfter(before);
		expect(logged.map((e) => [e.seq, e.type, e.payload, e.actor])).toEqual([
			[before + 1, 'presence.checked_in', { participantId: 'p-sau-head' }, 'p-sec']
		]);

		// The id now belongs to that command: another type, or another sender, is refused.
		const reused = await http.post(COMMANDS, { ...command, type: 'presence.check_out' });
		expect(reused.status).toBe(409);
		expect(reused.body.error.code).toBe('command_id_reused');
		const stolen = await api(server.url, fra).post(COMMANDS, command);
		expect(stolen.status).toBe(409);
		expect(stolen.body.error.code).toBe('command_id_reused');

		// Three copies in flight at once: one applies, two are told it already did.
		const racing = { id: commandId(), type: 'presence.check_in', participantId: 'p-rus-head' };
		const replies = await Promise.all([1, 2, 3].map(() => http.post(COMMANDS, racing)));
		expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
		expect(replies.map((r) => r.body.seq)).toEqual([before + 2, before + 2, before + 2]);
		expect(replies.filter((r) => r.body.duplicate === true)).toHaveLength(2);
		expect((await snapshot()).seq).toBe(before + 2);
	});

	it('refuses malformed and unknown commands without changing anything', async () => {
		await ensureInSession();
		const before = await snapshot();
		const beforeEvents = (await eventsAfter()).length;
		const id = commandId();
		const bad: [string, unknown, string][] = [
			['array', [], 'malformed_command'],
			['null', null, 'malformed_command'],
			['missing id', { type: 'agenda.open', item: 2 }, 'malformed_command'],
			['short id', { id: 'short', type: 'agenda.open', item: 2 }, 'malformed_command'],
			[
				'id with spaces',
				{ id: 'has spaces !!', type: 'agenda.open', item: 2 },
				'malformed_command'
			],
			['long id', { id: 'x'.repeat(65), type: 'agenda.open', item: 2 }, 'malformed_command'],
			['numeric id', { id: 12345678, type: 'agenda.open', item: 2 }, 'malformed_command'],
			['extra field', { id, type: 'agenda.open', item: 2, force: true }, 'malformed_command'],
			['item 11', { id, type: 'agenda.open', item: 11 }, 'malformed_command'],
			['item 0', { id, type: 'agenda.open', item: 0 }, 'malformed_command'],
			['item 1.5', { id, type: 'agenda.open', item: 1.5 }, 'malformed_command'],
			['item as string', { id, type: 'agenda.open', item: '2' }, 'malformed_command'],
			['no item', { id, type: 'agenda.suspend' }, 'malformed_command'],
			['unknown type', { id, type: 'forum.explode' }, 'unknown_command'],
			['prototype member', { id, type: 'constructor' }, 'unknown_command'],
			['no type', { id }, 'unknown_command'],
			[
				'huge string',
				{ id, type: 'presence.check_in', participantId: 'x'.repeat(200_000) },
				'malformed_command'
			]
		];
		const http = api(server.url, sg);
		for (const [what, body, code] of bad) {
			const reply = await http.post(COMMANDS, body);
			expect([what, reply.status, reply.body.error?.code]).toEqual([what, 400, code]);
		}
		const notJson = await http.postRaw(COMMANDS, '{"id": "abcdefgh", "type": ');
		expect([notJson.status, notJson.body.error?.code]).toEqual([400, 'malformed_command']);
		const protoKey = await http.postRaw(
			COMMANDS,
			`{"id":"${id}","type":"agenda.open","item":2,"__proto__":{"x":1}}`
		);
		expect([protoKey.status, protoKey.body.error?.code]).toEqual([400, 'malformed_command']);
		// over server.js's BODY_SIZE_LIMIT (4M): the adapter stops reading, the API says why
		const tooBig = await http.post(COMMANDS, { id, type: 'forum.open', pad: 'x'.repeat(5e6) });
		expect([tooBig.status, tooBig.body.error?.code]).toEqual([413, 'command_too_large']);

		const socket = await open(sg);
		for (const [what, command, code] of bad) {
			const ack = await socket.command(FORUM, command);
			expect([what, ack]).toEqual([
				what,
				{ ok: false, status: 400, error: { code, message: expect.any(String) } }
			]);
		}
		const raw = socket.socket.timeout(5_000);
		for (const request of ['hello', null, { forum: 42, command: {} }]) {
			const ack = await raw.emitWithAck('command', request as never);
			expect([request, ack.ok, ack.status, ack.error.code]).toEqual([
				request,
				false,
				400,
				'malformed_request'
			]);
		}
		const nowhere = await socket.command('no-such-forum', { id, type: 'forum.open' });
		expect(nowhere).toMatchObject({ ok: false, status: 404, error: { code: 'no_such_forum' } });
		const badSync = await socket.sync(FORUM, -1);
		expect(badSync).toMatchObject({ ok: false, status: 400, error: { code: 'malformed_request' } });

		// Past the socket's message limit the server hangs up rather than read it.
		const dropped = new Promise((resolve) => socket.socket.once('disconnect', resolve));
		socket.socket.emit(
			'command',
			{ forum: FORUM, command: { id, pad: 'x'.repeat(300_000) } },
			() => {
				throw new Error('an oversized message was answered');
			}
		);
		expect(await dropped).toMatch(/^transport (close|error)$/);

		const after = await snapshot();
		expect(after.seq).toBe(before.seq);
		expect(after.state).toEqual(before.state);
		expect((await eventsAfter()).length).toBe(beforeEvents);
	});

	it('refuses what the sender may not do, or the rules do not allow now', async () => {
		await ensureInSession();
		const notAllowed = [
			[fra, { type: 'forum.open' }],
			[fra, { type: 'agenda.open', item: 2 }],
			[ericsson, { type: 'forum.close' }],
			[fra, { type: 'presence.check_in', participantId: 'p-deu-head' }]
		] as const;
		for (const [cookie, command] of notAllowed) {
			const reply = await give(cookie, command);
			expect([command, reply.status, reply.body.error.code]).toEqual([command, 403, 'not_allowed']);
		}

		// Item 1 open: another item cannot open; suspended: item 3 still needs a Chair.
		const { state } = await snapshot();
		if (state.currentItem === null) {
			const status = state.agenda[0].status;
			const type = status === 'closed' ? 'agenda.reopen' : 'agenda.open';
			expect((await give(sg, { type, item: 1 })).status).toBe(200);
		}
		expect((await snapshot()).state.currentItem).toBe(1);
		const busy = await give(sg, { type: 'agenda.open', item: 3 });
		expect([busy.status, busy.body.error.code]).toEqual([409, 'another_item_open']);
		expect((await give(sg, { type: 'agenda.suspend', item: 1 })).status).toBe(200);
		const seq = (await snapshot()).seq;
		const noChair = await give(sg, { type: 'agenda.open', item: 3 });
		expect([noChair.status, noChair.body.error.code]).toEqual([409, 'chair_not_in_office']);
		const noItem = await give(sg, { type: 'agenda.suspend', item: 2 });
		expect([noItem.status, noItem.body.error.code]).toEqual([409, 'item_wrong_state']);
		expect((await snapshot()).seq).toBe(seq);

		for (const cookie of [undefined, 'plenary_session=forged-token-000000']) {
			const anonymous = api(server.url, cookie);
			for (const reply of [
				await anonymous.get('/api/me'),
				await anonymous.get(`/api/forums/${FORUM}/state`),
				await anonymous.get(`/api/forums/${FORUM}/events`),
				await anonymous.post(COMMANDS, { id: commandId(), type: 'forum.close' })
			]) {
				expect([reply.status, reply.body.error.code]).toEqual([401, 'not_signed_in']);
			}
		}
		const elsewhere = api(server.url, fra);
		for (const reply of [
			await elsewhere.get('/api/forums/no-such-forum/state'),
			await elsewhere.get('/api/forums/no-such-forum/events'),
			await elsewhere.post('/api/forums/no-such-forum/commands', {
				id: commandId(),
				type: 'forum.open'
			})
		]) {
			expect([reply.status, reply.body.error.code]).toEqual([404, 'no_such_forum']);
		}

		const handshake = async (cookie: string | undefined, options = {}) => {
			const error = await connect(server.url, cookie, options).then(
				(client) => (client.close(), null),
				(e: Error & { data?: { code: string; message: string } }) => e
			);
			return [error?.message, error?.data?.code];
		};
		expect(await handshake(undefined)).toEqual(['not_signed_in', 'not_signed_in']);
		expect(await handshake('plenary_session=forged-token-000000')).toEqual([
			'not_signed_in',
			'not_signed_in'
		]);
		expect(await handshake(fra, { origin: 'http://evil.example' })).toEqual([
			'bad_origin',
			'bad_origin'
		]);
		expect(await handshake(fra, { protocol: 999 })).toEqual([
			'protocol_mismatch',
			'protocol_mismatch'
		]);
		expect((await snapshot()).seq).toBe(seq);
	});

	it('shows Sector Members and Member States the same public events for now', async () => {
		await ensureInSession();
		const [sectorMember, memberState, secretariat] = await Promise.all(
			[ericsson, fra, sec].map((cookie) =>
				api(server.url, cookie).get(`/api/forums/${FORUM}/events`)
			)
		);
		for (const reply of [sectorMember, memberState, secretariat]) expect(reply.status).toBe(200);
		const events = sectorMember.body.events as { seq: number; audience: string }[];
		expect(events.length).toBeGreaterThan(100);
		expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
		expect(sectorMember.body.head).toBe(events.length);
		expect(new Set(events.map((e) => e.audience))).toEqual(new Set(['public']));
		expect(memberState.body).toEqual(sectorMember.body);
		expect(secretariat.body).toEqual(sectorMember.body);
		expect((await snapshot(ericsson)).state).toEqual((await snapshot(fra)).state);
	});
});

describe('answers on the wire: the state and participants routes, the pages', () => {
	/** The route's answer as it came, its bytes undecoded (Node's fetch would decode them). */
	const raw = (path: string, acceptEncoding: string) =>
		new Promise<{ encoding?: string; vary?: string; bytes: Buffer }>((resolve, reject) => {
			const request = httpGet(
				`${server.url}${path}`,
				{ headers: { cookie: fra, 'accept-encoding': acceptEncoding } },
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () =>
						resolve({
							encoding: response.headers['content-encoding'],
							vary: response.headers.vary,
							bytes: Buffer.concat(chunks)
						})
					);
				}
			);
			request.on('error', reject);
		});

	it('are compressed for a client that accepts it (Brotli, else gzip), and the same JSON', async () => {
		const path = `/api/forums/${FORUM}/state`;
		const plain = await raw(path, 'identity');
		expect(plain.encoding).toBeUndefined();
		expect(plain.vary).toMatch(/Accept-Encoding/i);
		const json = JSON.parse(plain.bytes.toString());
		const br = await raw(path, 'gzip, deflate, br');
		expect(br.encoding).toBe('br');
		expect(br.bytes.length).toBeLessThan(plain.bytes.length / 3);
		expect(JSON.parse(brotliDecompressSync(br.bytes).toString())).toEqual(json);
		const gz = await raw(path, 'gzip, deflate');
		expect(gz.encoding).toBe('gzip');
		expect(JSON.parse(gunzipSync(gz.bytes).toString())).toEqual(json);
	});

	it('as a page’s HTML is, when large', async () => {
		const html = await raw(`/forums/${FORUM}`, 'gzip, deflate, br');
		expect(html.encoding).toBe('br');
		expect(brotliDecompressSync(html.bytes).toString()).toMatch(/^<!doctype html>/i);
		const plain = await raw(`/forums/${FORUM}`, 'identity');
		expect(plain.encoding).toBeUndefined();
		expect(plain.vary).toMatch(/Accept-Encoding/i);
		expect(plain.bytes.length).toBeGreaterThan(3 * html.bytes.length);
	});

	it('send a small answer as it is (the demo forum’s participants)', async () => {
		const small = await raw(`/api/forums/${FORUM}/participants`, 'gzip, deflate, br');
		expect(small.bytes.length).toBeLessThan(COMPRESS_FROM_BYTES);
		expect(small.encoding).toBeUndefined();
		expect(JSON.parse(small.bytes.toString()).participants.length).toBeGreaterThan(0);
	});
});

describe('the language remembered', () => {
	const LANGUAGE = 'PARAGLIDE_LOCALE';
	/** The language cookie a response sets, if any. */
	const remembered = (response: Response) =>
		response.headers
			.getSetCookie()
			.find((c) => c.startsWith(`${LANGUAGE}=`))
			?.split(';', 1)[0]
			.slice(LANGUAGE.length + 1);
	const get = (path: string, cookie: string) =>
		fetch(`${server.url}${path}`, { headers: { cookie }, redirect: 'manual' });

	it('is written down by the page shown in it, before any of its code has run', async () => {
		const page = await get(`/fr/forums/${FORUM}`, fra);
		expect(page.status).toBe(200);
		expect(remembered(page)).toBe('fr');
		const cookie = page.headers.getSetCookie().find((c) => c.startsWith(`${LANGUAGE}=`))!;
		// the page's runtime reads and writes it too: not HttpOnly; kept for the runtime's time
		expect(cookie).not.toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/Path=\/;/);
		expect(cookie).toMatch(/Max-Age=34560000/);
		// so the start page, whose address says no language, opens the forum in it
		const start = await get('/', `${fra}; ${LANGUAGE}=fr`);
		expect(start.status).toBe(303);
		expect(start.headers.get('location')).toBe(`/fr/forums/${FORUM}`);
	});

	it('is left alone by a redirect, the HTTP API, a page’s data, and a page already in it', async () => {
		// the start page redirects by the cookie: it must not overwrite it with English first
		expect(remembered(await get('/', `${fra}; ${LANGUAGE}=fr`))).toBeUndefined();
		expect(remembered(await get(`/api/forums/${FORUM}/state`, fra))).toBeUndefined();
		const data = await get(`/fr/forums/${FORUM}/__data.json`, fra);
		expect(data.status).toBe(200);
		expect(remembered(data)).toBeUndefined();
		expect(remembered(await get(`/fr/forums/${FORUM}`, `${fra}; ${LANGUAGE}=fr`))).toBeUndefined();
		// and an English page written down as English, over French
		expect(remembered(await get(`/forums/${FORUM}`, `${fra}; ${LANGUAGE}=fr`))).toBe('en');
	});
});
