/**
 * The canary for the session for Member States only (domain.md, "Member-States-only session"),
 * through the real built server. Everything said inside carries one random marker; a Sector
 * Member, an observer and a room display record every byte they receive by every path (Socket.IO
 * pushes and acknowledgements, `sync` after a reconnection, the HTTP API, page loads and their
 * serialized data, the outcome documents and history when they exist), during the session and
 * after it. The marker must appear in none of it. Only the summary the presiding officer
 * publishes, with a marker of its own, must reach them.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { ForumEvent } from '../../src/lib/forum/rules';
import {
	PROTOCOL_VERSION,
	type ClientToServerEvents,
	type CommandAck,
	type ServerToClientEvents
} from '../../src/lib/protocol';
import {
	api,
	commandId,
	DEMO_FORUM as FORUM,
	login,
	startServer,
	type TestServer
} from '../support/server';

/** In every text given inside the session; must reach no one outside it. */
const CANARY = `CANARY-${randomUUID()}`;
/** In the summary published after it; must reach everyone. */
const SUMMARY = `SUMMARY-${randomUUID()}`;

const COMMANDS = `/api/forums/${FORUM}/commands`;
const servers: TestServer[] = [];
const sockets: Socket[] = [];

afterAll(async () => {
	for (const socket of sockets) socket.close();
	await Promise.all(servers.map((s) => s.stop()));
});

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Someone outside (or, as a control, inside) the session: every byte they received, as text. */
class Witness {
	/** raw JSON of every socket message and acknowledgement, and every HTTP body */
	readonly got: string[] = [];
	/** the events pushed to each of their sockets, by socket label */
	readonly pushed = new Map<string, ForumEvent[]>();

	constructor(
		readonly label: string,
		private readonly url: string,
		/** the `Cookie` header: a session cookie, or the display's cookie */
		readonly cookie: string,
		readonly display = false
	) {}

	/** A connected socket that records every message it receives. */
	async socket(label: string): Promise<ClientSocket> {
		const socket: ClientSocket = io(this.url, {
			transports: ['websocket'],
			reconnection: false,
			forceNew: true,
			extraHeaders: { origin: this.url, cookie: this.cookie },
			auth: { protocol: PROTOCOL_VERSION, ...(this.display ? { display: true } : {}) }
		});
		sockets.push(socket);
		const pushed: ForumEvent[] = [];
		this.pushed.set(label, pushed);
		socket.onAny((name: string, ...args: unknown[]) => {
			this.got.push(`${label} ${JSON.stringify([name, ...args])}`);
			if (name === 'events') pushed.push(...(args[0] as { events: ForumEvent[] }).events);
		});
		await connected(socket);
		return socket;
	}

	/** An exchange with an acknowledgement, recorded. */
	async ask<T>(socket: ClientSocket, name: 'join' | 'sync' | 'command', request: unknown) {
		// The three messages differ in shape; the replies are recorded as they come.
		const loose = socket.timeout(10_000) as unknown as {
			emitWithAck(name: string, request: unknown): Promise<T>;
		};
		const reply = await loose.emitWithAck(name, request);
		this.got.push(`ack ${name} ${JSON.stringify(reply)}`);
		return reply;
	}

	/** GET a page or an API path with this witness's cookie; the body is recorded whatever it is. */
	async get(path: string): Promise<{ status: number; text: string }> {
		const response = await fetch(`${this.url}${path}`, {
			headers: { cookie: this.cookie },
			redirect: 'manual'
		});
		const text = await response.text();
		this.got.push(`GET ${path} ${response.status} ${text}`);
		return { status: response.status, text };
	}

	/** What an HTTP client and a browser would read now, by every read path this witness has. */
	async pollEverything(): Promise<void> {
		const paths = this.display
			? [`/display/${FORUM}`, `/display/${FORUM}/__data.json`, `/api/forums/${FORUM}/state`]
			: [
					`/api/forums/${FORUM}/state`,
					`/api/forums/${FORUM}/participants`,
					`/api/forums/${FORUM}/events?after=0`,
					`/api/forums/${FORUM}/events?after=0&limit=5000`,
					'/api/me',
					`/forums/${FORUM}`,
					`/forums/${FORUM}/__data.json`,
					`/forums/${FORUM}/report`,
					`/forums/${FORUM}/report/__data.json`
				];
		for (const path of paths) {
			const { status } = await this.get(path);
			// The display has no account: the API answers it 401 (recorded all the same).
			const expected = this.display && path.startsWith('/api/') ? 401 : 200;
			expect(status, `${this.label} GET ${path}`).toBe(expected);
		}
	}

	everything(): string {
		return this.got.join('\n');
	}

	/** The last sequence number a socket saw pushed. */
	lastSeq(label: string): number {
		return this.pushed.get(label)?.at(-1)?.seq ?? 0;
	}
}

function connected(socket: Socket): Promise<void> {
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
}

/** Polls until `check` holds, for at most `timeoutMs`. */
async function eventually(check: () => boolean, what: () => string, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what()}`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

/** Every place where `needle` occurs in `haystack`, with some context: the failure message. */
function occurrences(haystack: string, needle: string): string[] {
	const found: string[] = [];
	for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
		found.push(haystack.slice(Math.max(0, at - 300), at + needle.length + 80));
		if (found.length >= 5) break;
	}
	return found;
}

describe('the session for Member States only', () => {
	it('lets nothing said inside reach anyone outside, by any path, during or after it', async () => {
		const server = await startServer();
		servers.push(server);
		const url = server.url;

		// Everyone who acts signs in (argon2 each: a few at a time).
		const heads = [
			'fra',
			'bra',
			'ken',
			'chn',
			'egy',
			'sau',
			'rus',
			'arg',
			'mex',
			'ind',
			'jpn',
			'usa',
			'deu',
			'che',
			'nga',
			'zaf'
		];
		const emails = [
			'sg@itu.demo',
			'secretariat@itu.demo',
			'fra.delegate@wtpf.demo',
			'sm-ericsson@wtpf.demo',
			'ob-pse@wtpf.demo',
			...heads.map((c) => `${c}.head@wtpf.demo`)
		];
		const cookies = new Map<string, string>();
		for (let i = 0; i < emails.length; i += 7) {
			const batch = emails.slice(i, i + 7);
			const signed = await Promise.all(batch.map((e) => login(url, e)));
			batch.forEach((e, j) => cookies.set(e, signed[j]));
		}
		const http = (email: string) => api(url, cookies.get(email)!);
		const head = (code: string) => `${code}.head@wtpf.demo`;
		const CHAIR = head('ken');

		/** POST a command over HTTP: [status, code] ('ok' when accepted), and the body. */
		async function give(email: string, type: string, payload: Record<string, unknown> = {}) {
			const reply = await http(email).post(COMMANDS, { id: commandId(), type, ...payload });
			const code: string = reply.status === 200 ? 'ok' : reply.body?.error?.code;
			return { status: reply.status, code, body: reply.body };
		}
		async function must(email: string, type: string, payload: Record<string, unknown> = {}) {
			const reply = await give(email, type, payload);
			expect(reply.status, `${email} ${type}: ${JSON.stringify(reply.body)}`).toBe(200);
			return reply.body.seq as number;
		}

		// A display link, opened on the "projector": its key goes into the display's cookie.
		const link = await http('secretariat@itu.demo').post(`/api/forums/${FORUM}/display-links`, {
			label: 'Main room'
		});
		expect(link.status).toBe(200);
		const opened = await fetch(link.body.url, { redirect: 'manual' });
		expect(opened.status).toBe(303);
		const displayCookie = opened.headers
			.getSetCookie()
			.map((c) => c.split(';', 1)[0])
			.find((c) => c.startsWith('plenary_display='));
		expect(displayCookie).toBeDefined();

		// The forum in session with a Chair, item 8 open and draft opinion 1 before the plenary.
		await must('sg@itu.demo', 'forum.open');
		await must('sg@itu.demo', 'agenda.open', { item: 1 });
		await must('sg@itu.demo', 'agenda.close', { item: 1 });
		await must('sg@itu.demo', 'agenda.open', { item: 2 });
		await must(head('fra'), 'election.nominate', { candidateId: 'p-ken-head' });
		await must(head('bra'), 'election.second', { candidateId: 'p-ken-head' });
		await must('sg@itu.demo', 'election.declare_acclaimed');
		await must(CHAIR, 'agenda.close', { item: 2 });
		await must(CHAIR, 'agenda.open', { item: 8 });
		await must(CHAIR, 'opinion.take_up', { opinion: 1 });

		// The witnesses connect, each recording everything.
		const sectorMember = new Witness('Sector Member', url, cookies.get('sm-ericsson@wtpf.demo')!);
		const observer = new Witness('observer', url, cookies.get('ob-pse@wtpf.demo')!);
		const display = new Witness('room display', url, displayCookie!, true);
		const outside = [sectorMember, observer, display];
		// The control: a Member State's delegate must receive what was said inside.
		const memberState = new Witness('Member State', url, cookies.get('fra.delegate@wtpf.demo')!);

		const smLive = await sectorMember.socket('sm-live');
		const smFlaky = await sectorMember.socket('sm-flaky');
		const obLive = await observer.socket('ob-live');
		const displayLive = await display.socket('display-live');
		const msLive = await memberState.socket('ms-live');
		for (const [witness, socket] of [
			[sectorMember, smLive],
			[sectorMember, smFlaky],
			[observer, obLive],
			[display, displayLive],
			[memberState, msLive]
		] as const) {
			const joined = await witness.ask<{ ok: boolean }>(socket, 'join', { forum: FORUM });
			expect(joined.ok, witness.label).toBe(true);
		}
		// Something public before the session, which stays public: a Sector Member's observation.
		await must('sm-ericsson@wtpf.demo', 'observation.submit', {
			section: '1',
			text: 'Ericsson welcomes the report (said in the open session).'
		});

		// Quorum: 16 of the 28 accredited Member States check in.
		await Promise.all(heads.map((c) => must(head(c), 'presence.check_in')));

		// Requested, seconded, decided: 12 yes, 4 no.
		await must(head('fra'), 'restricted.request');
		await must(head('bra'), 'restricted.second');
		await must(CHAIR, 'restricted.open_vote');
		await Promise.all(
			heads.map((c, i) => must(head(c), 'restricted.cast', { vote: i < 12 ? 'yes' : 'no' }))
		);
		await must(CHAIR, 'restricted.close_vote');
		const decided = await http(head('che')).get(`/api/forums/${FORUM}/state`);
		expect(decided.body.state.restricted.vote).toMatchObject({
			tally: { yes: 12, no: 4 },
			passed: true
		});
		expect(decided.body.state.restricted.approved).toBe(true);

		const startedSeq = await must(CHAIR, 'restricted.enter');
		for (const [witness, label] of [
			[sectorMember, 'sm-live'],
			[sectorMember, 'sm-flaky'],
			[observer, 'ob-live'],
			[display, 'display-live']
		] as const) {
			await eventually(
				() => witness.lastSeq(label) >= startedSeq,
				() => `${witness.label} (${label}) did not see the session start`
			);
			expect(witness.pushed.get(label)!.at(-1)).toMatchObject({
				seq: startedSeq,
				type: 'restricted.session_started',
				audience: 'public'
			});
		}

		// Inside. Member States observe, take stances, amend, ask for the floor.
		const said = (what: string) => `${CANARY} ${what}`;
		await must(head('fra'), 'observation.submit', {
			section: '2',
			text: said('observation by France')
		});
		await must(head('bra'), 'opinion.stance', {
			opinion: 1,
			stance: 'reservation',
			text: said('reservation by Brazil')
		});
		await must(head('egy'), 'opinion.stance', {
			opinion: 1,
			stance: 'objection',
			text: said('objection by Egypt')
		});
		const amendment = commandId();
		const proposed = await http(head('fra')).post(COMMANDS, {
			id: amendment,
			type: 'amendment.propose',
			opinion: 1,
			change: { kind: 'replace', paragraphId: 'p1', text: said('amended paragraph 1') }
		});
		expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
		await must(head('bra'), 'amendment.second', { opinion: 1, amendmentId: amendment });
		await must(CHAIR, 'amendment.accept', { opinion: 1, amendmentId: amendment });
		const franceAsks = commandId();
		const asked = await http(head('fra')).post(COMMANDS, {
			id: franceAsks,
			type: 'floor.request',
			kind: 'statement',
			onBehalfOf: said('group for France')
		});
		expect(asked.status, JSON.stringify(asked.body)).toBe(200);
		await must(CHAIR, 'floor.give', { requestId: franceAsks });
		await must(CHAIR, 'floor.end');
		// China's request is still on the list when the open session resumes.
		const chinaAsks = commandId();
		const chinaAsked = await http(head('chn')).post(COMMANDS, {
			id: chinaAsks,
			type: 'floor.request',
			kind: 'statement',
			onBehalfOf: said('group for China')
		});
		expect(chinaAsked.status, JSON.stringify(chinaAsked.body)).toBe(200);

		// The flaky socket drops in the middle of the session and comes back.
		const flakyBefore = sectorMember.lastSeq('sm-flaky');
		smFlaky.disconnect();
		await must(head('egy'), 'opinion.stance', { opinion: 1, stance: 'none' });
		await must(head('usa'), 'observation.submit', {
			section: '3',
			text: said('observation by the United States, while a socket was away')
		});
		// The Chair adopts the opinion inside: amended, with Brazil's reservation.
		await must(CHAIR, 'opinion.declare_consensus', { opinion: 1 });
		smFlaky.connect();
		await connected(smFlaky);
		const synced = await sectorMember.ask<{ ok: boolean; kind: string; events: ForumEvent[] }>(
			smFlaky,
			'sync',
			{ forum: FORUM, after: flakyBefore }
		);
		expect(synced).toMatchObject({ ok: true, kind: 'events' });
		// A socket that connects during the session and joins.
		const observerLate = await observer.socket('ob-late');
		const lateJoin = await observer.ask<{
			ok: boolean;
			snapshot: { state: { restricted: { active: boolean; since: number } } };
		}>(observerLate, 'join', { forum: FORUM });
		expect(lateJoin.ok).toBe(true);
		// They see that a closed session is in progress, and since when.
		expect(lateJoin.snapshot.state.restricted.active).toBe(true);
		expect(lateJoin.snapshot.state.restricted.since).toBeGreaterThan(0);

		// Their commands during the session are refused with a clear sentence.
		for (const [email, type, payload] of [
			['sm-ericsson@wtpf.demo', 'observation.submit', { section: '2', text: 'Our view.' }],
			['sm-ericsson@wtpf.demo', 'floor.request', { kind: 'statement' }],
			['sm-ericsson@wtpf.demo', 'opinion.stance', { opinion: 1, stance: 'support' }],
			['sm-ericsson@wtpf.demo', 'presence.check_in', {}],
			['ob-pse@wtpf.demo', 'observation.submit', { section: '2', text: 'Our view.' }],
			['ob-pse@wtpf.demo', 'floor.request', { kind: 'point_of_order' }]
		] as const) {
			const reply = await give(email, type, payload);
			expect([reply.status, reply.code], `${email} ${type}`).toEqual([403, 'restricted_session']);
			expect(reply.body.error.message).toContain('session for Member States only');
		}
		const bySocket = await sectorMember.ask<CommandAck>(smLive, 'command', {
			forum: FORUM,
			command: { id: commandId(), type: 'floor.request', kind: 'statement' }
		});
		expect(bySocket).toMatchObject({
			ok: false,
			status: 403,
			error: { code: 'restricted_session' }
		});
		const byDisplay = await display.ask<CommandAck>(displayLive, 'command', {
			forum: FORUM,
			command: { id: commandId(), type: 'floor.request', kind: 'statement' }
		});
		expect(byDisplay).toMatchObject({ ok: false, status: 403, error: { code: 'not_allowed' } });

		// Everything they can read while the session runs.
		for (const witness of outside) await witness.pollEverything();
		await memberState.pollEverything();
		const duringState = JSON.parse(
			(await sectorMember.get(`/api/forums/${FORUM}/state`)).text
		).state;
		expect(duringState.restricted.active).toBe(true);
		// What was public before the session is still shown.
		expect(duringState.currentItem).toBe(8);
		expect(duringState.opinions[0].status).toBe('under_consideration');

		// The open session resumes; the presiding officer publishes a summary.
		const endedSeq = await must(CHAIR, 'restricted.leave');
		const summarySeq = await must(CHAIR, 'restricted.publish_summary', {
			text: `${SUMMARY}: the Member States met in closed session and will report under item 9.`
		});

		// After it: someone outside tries to take a stance on the opinion adopted inside. Their
		// own view has it under consideration; the refusal must not say that it was adopted.
		const stance = await give('sm-ericsson@wtpf.demo', 'opinion.stance', {
			opinion: 1,
			stance: 'support'
		});
		sectorMember.got.push(`command opinion.stance ${JSON.stringify(stance.body)}`);
		expect([stance.status, stance.code]).toEqual([409, 'not_possible_now']);
		expect(JSON.stringify(stance.body)).not.toMatch(/adopt/i);

		// The secretariat records the text adopted inside, and the Chair gives the floor to China,
		// whose request was made inside: neither may reveal what was said there.
		await must('secretariat@itu.demo', 'opinion.record_adopted', { opinion: 1 });
		await must(CHAIR, 'floor.give', { requestId: chinaAsks });
		await must(CHAIR, 'floor.end');
		// A public act after it, seen by everyone: the barrier for the pushes below.
		const barrierSeq = await must('ob-pse@wtpf.demo', 'floor.request', {
			kind: 'statement',
			onBehalfOf: 'State of Palestine (after the closed session)'
		});

		for (const [witness, label] of [
			[sectorMember, 'sm-live'],
			[sectorMember, 'sm-flaky'],
			[observer, 'ob-live'],
			[observer, 'ob-late'],
			[display, 'display-live'],
			[memberState, 'ms-live']
		] as const) {
			await eventually(
				() => witness.lastSeq(label) >= barrierSeq,
				() => `${witness.label} (${label}) did not receive seq ${barrierSeq}`
			);
			const types = witness.pushed.get(label)!.map((e) => e.type);
			expect(types, `${witness.label} ${label}`).toContain('restricted.session_ended');
			expect(types, `${witness.label} ${label}`).toContain('restricted.summary_published');
		}
		// The text adopted inside was recorded for the Member States only.
		const recorded = memberState.pushed.get('ms-live')!.find((e) => e.type === 'opinion.recorded');
		expect(recorded?.audience).toBe('member_states');
		for (const witness of outside) {
			const seqs = [...witness.pushed.values()].flat().map((e) => e.seq);
			expect(seqs, witness.label).toContain(endedSeq);
			expect(seqs, witness.label).toContain(summarySeq);
		}

		// Everything they can read after it, by every path, on fresh and old connections alike.
		for (const witness of outside) {
			await witness.pollEverything();
			const fresh = await witness.socket(`${witness.label}-after`);
			await witness.ask(fresh, 'join', { forum: FORUM });
			await witness.ask(fresh, 'sync', { forum: FORUM, after: 0 });
		}
		await sectorMember.ask(smFlaky, 'sync', { forum: FORUM, after: flakyBefore });
		await sectorMember.ask(smFlaky, 'sync', { forum: FORUM, after: 0 });
		const afterState = JSON.parse(
			(await sectorMember.get(`/api/forums/${FORUM}/state`)).text
		).state;
		expect(afterState.restricted.active).toBe(false);
		expect(afterState.restricted.summaries.map((s: { text: string }) => s.text)).toEqual([
			expect.stringContaining(SUMMARY)
		]);

		// The outcome documents and the history, where the server has them.
		const optional = [
			`/api/forums/${FORUM}/outcome/chair-report.docx?lang=en`,
			`/api/forums/${FORUM}/outcome/chair-report.docx?lang=fr`,
			`/api/forums/${FORUM}/outcome/adopted-opinions.docx?lang=en`,
			`/api/forums/${FORUM}/outcome/adopted-opinions.docx?lang=fr`,
			`/forums/${FORUM}/outcome/report?lang=en`,
			`/forums/${FORUM}/outcome/report/__data.json?lang=en`,
			`/forums/${FORUM}/outcome/opinions`,
			`/forums/${FORUM}/outcome/opinions/__data.json`,
			// the history is the secretariat's: the others are refused, and that is recorded too
			`/api/forums/${FORUM}/history?seq=${endedSeq}`,
			`/api/forums/${FORUM}/history?seq=${barrierSeq}`,
			`/forums/${FORUM}/history?seq=${endedSeq}`
		];
		const present: string[] = [];
		for (const path of optional) {
			const probe = await fetch(`${url}${path}`, { headers: { cookie: cookies.get(CHAIR)! } });
			await probe.body?.cancel();
			if (probe.status === 404) continue;
			present.push(path);
			for (const witness of [sectorMember, observer, memberState]) {
				const response = await fetch(`${url}${path}`, {
					headers: { cookie: witness.cookie }
				});
				const body = Buffer.from(await response.arrayBuffer());
				expect(response.status, `${witness.label} GET ${path}`).toBe(
					path.includes('/history') ? 403 : 200
				);
				// Office documents are zip archives: their text is compressed, so look inside too.
				witness.got.push(`GET ${path} ${response.status} ${body.toString('latin1')}`);
				witness.got.push(`GET ${path} (unzipped) ${await unzippedText(body)}`);
			}
		}
		// The control: a Member State's copy of the Chair's report does hold what was said inside
		// (read from inside the archive, so the search above can find it).
		const chairReport = `/api/forums/${FORUM}/outcome/chair-report.docx?lang=en`;
		if (present.includes(chairReport)) {
			const theirs = memberState.got.find((g) => g.startsWith(`GET ${chairReport} (unzipped)`));
			expect(theirs).toContain(CANARY);
		}
		if (present.length === 0) {
			console.warn(
				'restricted-canary: no outcome or history route answered yet; those paths were not checked.'
			);
		}

		// The verdict. The control first: the marker really was said, and reached Member States.
		const inside = memberState.everything();
		for (const what of [
			'observation by France',
			'reservation by Brazil',
			'objection by Egypt',
			'amended paragraph 1',
			'group for France',
			'observation by the United States'
		]) {
			expect(inside, `Member States should have received "${what}"`).toContain(said(what));
		}
		for (const witness of outside) {
			const received = witness.everything();
			expect(
				occurrences(received, CANARY),
				`${witness.label} received what was said inside the session`
			).toEqual([]);
			expect(received, `${witness.label} should see the published summary`).toContain(SUMMARY);
			expect(received).toContain('"restricted.session_started"');
			expect(received).toContain('"restricted.session_ended"');
		}
	});
});

/**
 * The text of every entry of a zip archive (stored or deflated, read through its central
 * directory), or '' when the body is not one.
 */
async function unzippedText(body: Buffer): Promise<string> {
	const { inflateRawSync } = await import('node:zlib');
	let end = body.length - 22;
	while (end >= 0 && body.readUInt32LE(end) !== 0x06054b50) end--;
	if (end < 0) return '';
	const entries = body.readUInt16LE(end + 10);
	let at = body.readUInt32LE(end + 16);
	const texts: string[] = [];
	for (let i = 0; i < entries && body.readUInt32LE(at) === 0x02014b50; i++) {
		const method = body.readUInt16LE(at + 10);
		const compressed = body.readUInt32LE(at + 20);
		const local = body.readUInt32LE(at + 42);
		const start = local + 30 + body.readUInt16LE(local + 26) + body.readUInt16LE(local + 28);
		const data = body.subarray(start, start + compressed);
		try {
			texts.push((method === 8 ? inflateRawSync(data) : data).toString('utf8'));
		} catch {
			texts.push('');
		}
		at += 46 + body.readUInt16LE(at + 28) + body.readUInt16LE(at + 30) + body.readUInt16LE(at + 32);
	}
	return texts.join('\n');
}
