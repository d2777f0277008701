/**
 * The authorization matrix (docs/authorization.md, src/lib/forum/authorization.ts) checked cell
 * by cell against the real server: every command, with its documented example, given by each of
 * the 12 kinds of participant, in each stage of the forum (preparation; in session before and
 * after the Chair's election; closed). Where the matrix says the kind may not give it: 403
 * `not_allowed` and nothing changed. Where the roles allow it but not the phase: 409
 * `wrong_phase`. Where it may: never `not_allowed` (other refusals are the rules at work), except
 * in the cells marked contextual.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import {
	isContextual,
	kindHoldsRoleFor,
	kindMayGive,
	PARTICIPANT_KINDS,
	rolesOfKind,
	type ParticipantKind,
	type Stage
} from '../../src/lib/forum/authorization';
import { COMMANDS } from '../../src/lib/forum/rules';
import { rolesOf } from '../../src/lib/forum/roles';
import type { ForumState } from '../../src/lib/forum/types';
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
	fetchAgainIfClosed,
	login,
	startServer,
	type TestServer
} from '../support/server';

const COMMANDS_PATH = `/api/forums/${FORUM}/commands`;
const CONCURRENCY = 8;
/** About 15 s on an idle two-core machine; far more when it is shared. */
const STAGE_TIMEOUT = 240_000;
const servers: TestServer[] = [];
const sockets: Socket[] = [];

afterAll(async () => {
	for (const socket of sockets) socket.close();
	await Promise.all(servers.map((s) => s.stop()));
});

type Person = Exclude<ParticipantKind, 'display'>;

/** The demo accounts that stand for each kind (the offices once elected and appointed). */
const ACCOUNTS: Record<Person, { email: string; participantId: string }> = {
	secretariat: { email: 'secretariat@itu.demo', participantId: 'p-sec' },
	opening_officer: { email: 'sg@itu.demo', participantId: 'p-sg' },
	chair: { email: 'chn.head@wtpf.demo', participantId: 'p-chn-head' },
	vice_chair: { email: 'egy.head@wtpf.demo', participantId: 'p-egy-head' },
	working_group_chair: { email: 'sau.head@wtpf.demo', participantId: 'p-sau-head' },
	head_of_delegation: { email: 'fra.head@wtpf.demo', participantId: 'p-fra-head' },
	member_state_delegate: { email: 'fra.delegate@wtpf.demo', participantId: 'p-fra-delegate' },
	sector_member: { email: 'sm-ericsson@wtpf.demo', participantId: 'p-sm-ericsson' },
	associate: { email: 'as-afrinic@wtpf.demo', participantId: 'p-as-afrinic' },
	academia: { email: 'ac-epfl@wtpf.demo', participantId: 'p-ac-epfl' },
	observer: { email: 'ob-pse@wtpf.demo', participantId: 'p-ob-pse' }
};
/** Signed in for the setup only. */
const HELPERS = { bra: 'bra.head@wtpf.demo' };

type Step = [who: Person | keyof typeof HELPERS, type: string, payload?: Record<string, unknown>];

const CHAIR_IN_OFFICE: Step[] = [
	['opening_officer', 'forum.open'],
	['opening_officer', 'agenda.open', { item: 1 }],
	['opening_officer', 'agenda.close', { item: 1 }],
	['opening_officer', 'agenda.open', { item: 2 }],
	['head_of_delegation', 'election.nominate', { candidateId: ACCOUNTS.chair.participantId }],
	['bra', 'election.second', { candidateId: ACCOUNTS.chair.participantId }],
	['opening_officer', 'election.declare_acclaimed'],
	[
		'chair',
		'officers.appoint',
		{ participantId: ACCOUNTS.vice_chair.participantId, office: 'vice_chair' }
	],
	[
		'chair',
		'officers.appoint',
		{
			participantId: ACCOUNTS.working_group_chair.participantId,
			office: 'working_group_chair',
			// not the examples' "WG 1": officers.appoint's example would replace this chair
			workingGroup: 'WG 3'
		}
	]
];

const STAGES: { name: string; stage: Stage; setup: Step[] }[] = [
	{ name: 'preparation', stage: { phase: 'preparation', chairInOffice: false }, setup: [] },
	{
		name: 'in session, before the Chair is elected',
		stage: { phase: 'in_session', chairInOffice: false },
		setup: [['opening_officer', 'forum.open']]
	},
	{
		name: 'in session, with the Chair and officers in office',
		stage: { phase: 'in_session', chairInOffice: true },
		setup: CHAIR_IN_OFFICE
	},
	{
		name: 'closed, after the Chair was elected',
		stage: { phase: 'closed', chairInOffice: true },
		setup: [...CHAIR_IN_OFFICE, ['chair', 'agenda.close', { item: 2 }], ['chair', 'forum.close']]
	},
	{
		name: 'closed without a Chair',
		stage: { phase: 'closed', chairInOffice: false },
		setup: [
			['opening_officer', 'forum.open'],
			['opening_officer', 'forum.close']
		]
	}
];

/** Commands whose acceptance changes the phase: given last among the allowed cells. */
const LAST = new Set(['forum.open', 'forum.close']);

async function pool<T>(items: T[], size: number, each: (item: T) => Promise<void>) {
	let next = 0;
	const worker = async () => {
		while (next < items.length) await each(items[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

function example(type: string) {
	return { id: commandId(), type, ...COMMANDS[type].example };
}

type DisplaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A room display: a display link opened, its cookie kept, a socket with `display: true`. */
async function displayOf(url: string, secretariat: string): Promise<DisplaySocket> {
	const link = await api(url, secretariat).post(`/api/forums/${FORUM}/display-links`, {
		label: 'Matrix'
	});
	expect(link.status).toBe(200);
	const opened = await fetchAgainIfClosed(link.body.url, { redirect: 'manual' });
	expect(opened.status).toBe(303);
	const cookie = opened.headers
		.getSetCookie()
		.map((c) => c.split(';', 1)[0])
		.find((c) => c.startsWith('plenary_display='))!;
	expect(cookie).toBeDefined();
	// The display cannot use the HTTP command API at all: it has no session.
	const viaHttp = await api(url, cookie).post(COMMANDS_PATH, example('presence.check_in'));
	expect([viaHttp.status, viaHttp.body.error.code]).toEqual([401, 'not_signed_in']);
	const socket: DisplaySocket = io(url, {
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		extraHeaders: { cookie, origin: url },
		auth: { protocol: PROTOCOL_VERSION, display: true }
	});
	sockets.push(socket);
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	const joined = await socket.timeout(10_000).emitWithAck('join', { forum: FORUM });
	if (!joined.ok) throw new Error(JSON.stringify(joined));
	expect(joined.you.display).toBe(true);
	return socket;
}

describe('the authorization matrix against the server', () => {
	it('tries every kind of participant of the matrix', () => {
		expect([...Object.keys(ACCOUNTS), 'display'].sort()).toEqual([...PARTICIPANT_KINDS].sort());
	});

	// One server per stage, side by side: each spends most of its time waiting on its own server.
	for (const { name, stage, setup } of STAGES) {
		it.concurrent(
			`holds in every cell: ${name}`,
			async () => {
				const server = await startServer();
				servers.push(server);
				const { url } = server;
				const people = (Object.keys(ACCOUNTS) as Person[]).filter(
					(kind) => rolesOfKind(kind, stage.chairInOffice) !== null
				);
				const emails = [...new Set([...Object.values(ACCOUNTS).map((a) => a.email), HELPERS.bra])];
				const cookies = new Map<string, string>();
				await pool(emails, 4, async (email) => void cookies.set(email, await login(url, email)));
				const cookieOf = (who: Person | keyof typeof HELPERS) =>
					cookies.get(who in HELPERS ? HELPERS[who as 'bra'] : ACCOUNTS[who as Person].email)!;
				const give = (who: Person | keyof typeof HELPERS, command: Record<string, unknown>) =>
					// sent again by `api` if a kept-alive connection was closed under it: same id, applied once
					api(url, cookieOf(who)).post(COMMANDS_PATH, command);

				for (const [who, type, payload] of setup) {
					const reply = await give(who, { id: commandId(), type, ...payload });
					expect([who, type, reply.status, reply.body.error]).toEqual([who, type, 200, undefined]);
				}
				const display = await displayOf(url, cookieOf('secretariat'));
				const standing = async () => {
					const reply = await api(url, cookieOf('secretariat')).get(`/api/forums/${FORUM}/state`);
					expect(reply.status).toBe(200);
					return reply.body as { seq: number; state: ForumState };
				};
				const before = await standing();
				expect(before.state.phase).toBe(stage.phase);
				expect(before.state.chairId !== null).toBe(stage.chairInOffice);

				// The demo accounts hold exactly the roles the matrix was computed with.
				for (const kind of people) {
					const actor = {
						kind: 'participant' as const,
						participantId: ACCOUNTS[kind].participantId
					};
					expect([kind, [...rolesOf(before.state, actor)].sort()]).toEqual([
						kind,
						[...rolesOfKind(kind, stage.chairInOffice)!].sort()
					]);
				}

				const cells = people.flatMap((kind) =>
					Object.keys(COMMANDS).map((type) => ({
						kind,
						type,
						holds: kindHoldsRoleFor(kind, type, stage.chairInOffice),
						may: kindMayGive(kind, type, stage)!,
						contextual: isContextual(kind, type, stage.chairInOffice)
					}))
				);
				const mismatches: string[] = [];
				const check = (what: string, expected: string, got: [number, string]) => {
					const answer = `${got[0]} ${got[1]}`;
					const ok = expected.startsWith('not ')
						? !answer.endsWith(expected.slice(4))
						: answer === expected;
					if (!ok) mismatches.push(`${what}: expected ${expected}, got ${answer}`);
				};

				// 1. Refused before anything can change: no role (403), or the role but not the phase (409).
				const refused = cells.filter((c) => !c.may);
				await pool(refused, CONCURRENCY, async (c) => {
					const reply = await give(c.kind, example(c.type));
					const expected = c.holds ? '409 wrong_phase' : '403 not_allowed';
					check(`${c.kind} ${c.type}`, expected, [reply.status, reply.body.error?.code ?? 'ok']);
				});
				// The room display may give nothing, in any stage.
				await pool(Object.keys(COMMANDS), CONCURRENCY, async (type) => {
					const ack: CommandAck = await display
						.timeout(10_000)
						.emitWithAck('command', { forum: FORUM, command: example(type) });
					check(
						`display ${type}`,
						'403 not_allowed',
						ack.ok ? [200, 'ok'] : [ack.status, ack.error.code]
					);
				});
				const after = await standing();
				expect(after.seq).toBe(before.seq);
				expect(after.state).toEqual(before.state);

				// 2. Allowed by the matrix: one at a time (they may change the forum), never `not_allowed`.
				const allowed = cells
					.filter((c) => c.may)
					.sort((a, b) => Number(LAST.has(a.type)) - Number(LAST.has(b.type)));
				for (const c of allowed) {
					const reply = await give(c.kind, example(c.type));
					if (c.contextual) continue;
					check(`${c.kind} ${c.type}`, 'not not_allowed', [
						reply.status,
						reply.body.error?.code ?? 'ok'
					]);
				}

				expect(mismatches).toEqual([]);
				// Every kind was tried with every command: the matrix has no hole.
				expect(cells.length).toBe(people.length * Object.keys(COMMANDS).length);
				expect(refused.length + allowed.length).toBe(cells.length);
			},
			STAGE_TIMEOUT
		);
	}
});
