/**
 * Fuzzing the real server with fast-check, over HTTP and Socket.IO: every command schema mutated
 * (fields dropped, added, of the wrong type; huge strings; deep nesting; unicode edge cases), unknown
 * commands, arbitrary JSON, bodies that are not JSON, messages that are not `{ forum, command }`,
 * valid commands to forums that do not exist, replayed command ids, and `sync` / `GET /events`
 * with out-of-order, huge, negative or nonsensical positions. The server must answer every one, in
 * time, with the 4xx and the stable code that the contract gives (computed here with the same
 * `parseCommand`), and leave the forum and its log untouched.
 *
 * Short form: 10,000 cases (FUZZ_CASES overrides); `npm run test:fuzz` runs 200,000. A failure
 * prints its seed: FUZZ_SEED=… replays the same cases.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, COMMAND_TYPES, parseCommand } from '../../src/lib/forum/rules';
import { syncRequest, type CommandAck, type SyncReply } from '../../src/lib/protocol';
import {
	commandId,
	connect,
	DEMO_FORUM as FORUM,
	login,
	startServer,
	type ForumClient,
	type TestServer
} from '../support/server';

const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Requests in flight at once. */
const BATCH = 64;
/** An answer later than this is a hang. */
const ANSWER_TIMEOUT = 15_000;
/** Socket.IO messages above the server's 256 KB limit close the connection (foundation.test.ts). */
const SOCKET_MESSAGE_MAX = 200_000;
const COMMANDS_PATH = `/api/forums/${FORUM}/commands`;
/** Every code an answer to these cases may carry. */
const KNOWN_CODES = new Set([
	'malformed_command',
	'unknown_command',
	'malformed_request',
	'command_too_large',
	'no_such_forum',
	'command_id_reused'
]);

let server: TestServer;
const senders: { email: string; cookie: string; client: ForumClient }[] = [];
/** Commands accepted before fuzzing, to replay. */
const accepted: { sender: number; command: Record<string, unknown>; seq: number }[] = [];
let head = 0;

beforeAll(async () => {
	server = await startServer();
	for (const email of [
		'sg@itu.demo',
		'secretariat@itu.demo',
		'fra.head@wtpf.demo',
		'sm-ericsson@wtpf.demo'
	]) {
		const cookie = await login(server.url, email);
		senders.push({ email, cookie, client: await connect(server.url, cookie) });
	}
	const given: [number, Record<string, unknown>][] = [
		[0, { type: 'forum.open' }],
		[2, { type: 'presence.check_in' }],
		[1, { type: 'presence.check_in', participantId: 'p-bra-head' }],
		[3, { type: 'presence.check_in' }]
	];
	for (const [sender, body] of given) {
		const command = { id: commandId(), ...body };
		const reply = await http(sender, 'POST', COMMANDS_PATH, JSON.stringify(command));
		expect(reply.status).toBe(200);
		accepted.push({ sender, command, seq: (reply.body as { seq: number }).seq });
	}
	head = accepted.at(-1)!.seq;
}, 120_000);

afterAll(async () => {
	for (const { client } of senders) client.close();
	await server?.stop();
});

/** How a kept-alive connection closed under a request shows (undici, Node). */
const CONNECTION_CLOSED = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/** "fetch failed" says nothing: the error with its cause's code, for the failure report. */
function withCause(error: Error): Error {
	const cause = error.cause as { code?: string; message?: string } | undefined;
	return cause ? new Error(`${error.message} (${cause.code ?? cause.message})`) : error;
}

async function http(sender: number, method: 'GET' | 'POST', path: string, body?: string) {
	const send = () =>
		fetch(`${server.url}${path}`, {
			method,
			headers: { cookie: senders[sender].cookie, 'content-type': 'application/json' },
			body,
			signal: AbortSignal.timeout(ANSWER_TIMEOUT)
		});
	let response: Response;
	try {
		response = await send();
	} catch (error) {
		// The server closed a kept-alive connection just as the request went out on it (likely on a
		// loaded machine): sent once more, the same bytes. A server that is gone fails again.
		const code = ((error as Error).cause as { code?: string } | undefined)?.code;
		if (!code || !CONNECTION_CLOSED.has(code)) throw withCause(error as Error);
		response = await send().catch((again: Error) => {
			throw withCause(again);
		});
	}
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// kept as text: the check below reports it
	}
	return { status: response.status, body: parsed as Record<string, unknown> };
}

function emit<T>(sender: number, message: 'command' | 'sync', request: unknown): Promise<T> {
	const socket = senders[sender].client.socket.timeout(ANSWER_TIMEOUT);
	return socket.emitWithAck(message, request as never) as Promise<T>;
}

// ---------------------------------------------------------------------------------------------
// What to send

/** Strings that have broken parsers, databases and screens before. */
const EDGY = [
	'\u0000',
	'\uD800',
	'\uDFFF',
	'\uDBFF\uDFFF',
	'\u202E',
	'\u200F',
	'\u200E',
	'\u2066',
	'\uFEFF',
	'e\u0301',
	'\u2028',
	'\u2029',
	'😀',
	'👩🏽‍💻',
	'🇫🇷',
	'ﷺ',
	'لا',
	'\r\n',
	'"',
	'\\',
	'<script>alert(1)</script>',
	"'; DROP TABLE events; --",
	'%00',
	'${process.exit()}',
	'__proto__'
];
const edgyText = fc
	.array(
		fc.oneof(
			fc.constantFrom(...EDGY),
			fc.string({ unit: 'binary', maxLength: 6 }),
			fc.string({ unit: 'grapheme', maxLength: 6 })
		),
		{ minLength: 1, maxLength: 10 }
	)
	.map((parts) => parts.join(''));
/** Up to ~100 KB: one unit repeated (a slice may split a surrogate pair: a lone surrogate). */
const hugeText = fc
	.tuple(
		fc.oneof(
			{ weight: 3, arbitrary: fc.integer({ min: 1_000, max: 10_000 }) },
			{ weight: 1, arbitrary: fc.integer({ min: 10_000, max: 100_000 }) }
		),
		fc.constantFrom('x', 'é', '😀', '\u202E', '\u0000', '\uD800', 'ab\u200F', 'ש')
	)
	.map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

function nest(depth: number, asArray: boolean): unknown {
	let value: unknown = 'bottom';
	for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
	return value;
}
const deepValue = fc
	.tuple(fc.integer({ min: 2, max: 1000 }), fc.boolean())
	.map(([depth, asArray]) => nest(depth, asArray));
const edgeNumber = fc.constantFrom(
	-0,
	-1,
	0,
	1.5,
	99.999,
	1e308,
	-1e308,
	2 ** 53 + 1,
	Number.MAX_SAFE_INTEGER,
	Number.MIN_VALUE
);
/** Huge and deep values are rarer: they cost the most to send, and one in a case is enough. */
const anyValue = fc.oneof(
	{ weight: 4, arbitrary: fc.integer() },
	{ weight: 4, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
	{ weight: 4, arbitrary: edgeNumber },
	{ weight: 4, arbitrary: fc.boolean() },
	{ weight: 4, arbitrary: fc.constant(null) },
	{ weight: 4, arbitrary: fc.string({ maxLength: 20 }) },
	{ weight: 8, arbitrary: edgyText },
	{ weight: 1, arbitrary: hugeText },
	{ weight: 2, arbitrary: deepValue },
	{ weight: 4, arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }) },
	{
		weight: 4,
		arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), {
			maxKeys: 5
		})
	}
);
const fieldName = fc.oneof(
	fc.string({ maxLength: 20 }),
	edgyText,
	fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'ID', 'id ', 'type\u0000')
);

function exampleOf(type: string): Record<string, unknown> {
	return { id: commandId(), type, ...COMMANDS[type].example };
}

/** A command's example, mutated: fields dropped, added, replaced by a value of another kind. */
const mutatedCommand = fc.constantFrom(...COMMAND_TYPES).chain((type) => {
	const keys = ['id', 'type', ...Object.keys(COMMANDS[type].example)];
	return fc.oneof(
		fc.subarray(keys, { minLength: 1 }).map((dropped) => {
			const body = exampleOf(type);
			for (const key of dropped) delete body[key];
			return body;
		}),
		fc.tuple(fieldName, anyValue).map(([key, value]) => ({ ...exampleOf(type), [key]: value })),
		fc
			.tuple(fc.constantFrom(...keys), anyValue)
			.map(([key, value]) => ({ ...exampleOf(type), [key]: value })),
		fc
			.tuple(fc.constantFrom(...keys), fc.constantFrom(...keys), anyValue, fieldName, anyValue)
			.map(([a, b, x, extra, y]) => ({ ...exampleOf(type), [a]: x, [b]: y, [extra]: y }))
	);
});
const unknownCommand = fc
	.record({
		type: fc.oneof(
			fc.string({ maxLength: 40 }),
			edgyText,
			anyValue,
			fc.constantFrom(
				'__proto__',
				'constructor',
				'hasOwnProperty',
				'toString',
				'valueOf',
				'forum.explode',
				'FORUM.OPEN',
				' forum.open',
				'forum.open\u0000',
				'forum.ope\u0301n'
			)
		),
		fields: fc.dictionary(fieldName, anyValue, { maxKeys: 4 })
	})
	.map(({ type, fields }) => ({ id: commandId(), ...fields, type }));
const commandBody = fc.oneof(
	{ weight: 6, arbitrary: mutatedCommand },
	{ weight: 2, arbitrary: unknownCommand },
	{ weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) }
);

type Case =
	| { kind: 'command'; body: unknown; viaSocket: boolean }
	| { kind: 'raw'; text: string }
	| { kind: 'envelope'; request: unknown }
	| { kind: 'elsewhere'; forum: string; type: string }
	| { kind: 'sync'; request: unknown }
	| { kind: 'events'; after: string | null; limit: string | null }
	| {
			kind: 'replay';
			which: number;
			variant: 'same' | 'other_type' | 'other_sender';
			viaSocket: boolean;
	  };

const otherForum = fc.stringMatching(/^[a-z0-9-]{1,40}$/).filter((slug) => slug !== FORUM);
const position = fc.oneof(
	fc.integer({ min: 0, max: 200 }),
	fc.integer({ min: -1000, max: -1 }),
	edgeNumber,
	fc.constantFrom(1e15, 2 ** 53, Number.MAX_SAFE_INTEGER),
	anyValue
);
const queryValue = fc.oneof(
	fc.constant(null),
	fc.integer({ min: -10, max: 200 }).map(String),
	fc.constantFrom('', ' 5', '0x10', '1e400', '1e3', '-0', '5.5', 'NaN', 'Infinity', '9'.repeat(30)),
	edgyText
);

const CASE = fc.oneof(
	{
		weight: 70,
		arbitrary: fc.record({
			kind: fc.constant('command' as const),
			body: commandBody,
			viaSocket: fc.boolean()
		})
	},
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('raw' as const),
			text: fc.oneof(
				fc.string({ maxLength: 50 }),
				edgyText,
				fc.constantFrom(
					'{',
					'{"id": "abcdefgh", "type": ',
					'[]]',
					'nul',
					'{"a":1}{"b":2}',
					'\uFEFF{}'
				),
				fc
					.integer({ min: 1_000, max: 100_000 })
					.map(
						(depth) =>
							`{"id":"fuzz-deep-0001","type":"forum.open","x":${'['.repeat(depth)}${']'.repeat(depth)}}`
					)
			)
		})
	},
	{
		weight: 5,
		arbitrary: fc.record({
			kind: fc.constant('envelope' as const),
			request: fc.oneof(
				fc.jsonValue({ maxDepth: 3 }),
				fc.record({ forum: anyValue, command: fc.constantFrom(...COMMAND_TYPES).map(exampleOf) }),
				fc.record({ forum: otherForum, command: fc.constantFrom(...COMMAND_TYPES).map(exampleOf) }),
				fc.record({ forum: fc.constant(FORUM), command: commandBody })
			)
		})
	},
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('elsewhere' as const),
			forum: otherForum,
			type: fc.constantFrom(...COMMAND_TYPES)
		})
	},
	{
		weight: 9,
		arbitrary: fc.record({
			kind: fc.constant('sync' as const),
			request: fc.oneof(
				fc.record({ forum: fc.constant(FORUM), after: position }),
				fc.record({ forum: fc.constant(FORUM), after: fc.nat({ max: 200 }), extra: anyValue }),
				fc.record({ forum: fc.oneof(otherForum, anyValue), after: fc.nat({ max: 200 }) }),
				fc.jsonValue({ maxDepth: 2 })
			)
		})
	},
	{
		weight: 5,
		arbitrary: fc.record({
			kind: fc.constant('events' as const),
			after: queryValue,
			limit: queryValue
		})
	},
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('replay' as const),
			which: fc.nat({ max: 3 }),
			variant: fc.constantFrom('same' as const, 'other_type' as const, 'other_sender' as const),
			viaSocket: fc.boolean()
		})
	}
);

// ---------------------------------------------------------------------------------------------
// What the contract says the answer is

type Expected = { status: number; code: string } | { ok: true; seq?: number; duplicate?: true };

/** The value as the server receives it: through JSON (lone surrogates escaped, -0 as 0…). */
function throughJson(value: unknown): unknown {
	return JSON.parse(JSON.stringify(value));
}

/** The refusal parseCommand gives, or null for a valid command (which is not sent). */
function refusalOf(body: unknown): Expected | null {
	const parsed = parseCommand(throughJson(body));
	return parsed.ok ? null : { status: 400, code: parsed.code };
}

function rawRefusal(text: string): Expected | null {
	let value: unknown;
	try {
		// As the server reads a body: UTF-8 (a lone surrogate arrives as U+FFFD), a BOM dropped.
		value = JSON.parse(
			Buffer.from(text, 'utf8')
				.toString('utf8')
				.replace(/^\uFEFF/, '')
		);
	} catch {
		return { status: 400, code: 'malformed_command' };
	}
	// Not through refusalOf: JSON.stringify would overflow the stack on the deepest values.
	const parsed = parseCommand(value);
	return parsed.ok ? null : { status: 400, code: parsed.code };
}

function envelopeRefusal(request: unknown): Expected | null {
	const forum = (request as { forum?: unknown } | null)?.forum;
	if (typeof request !== 'object' || request === null || typeof forum !== 'string') {
		return { status: 400, code: 'malformed_request' };
	}
	const refused = refusalOf((request as { command?: unknown }).command ?? null);
	if (refused) return refused;
	return forum === FORUM ? null : { status: 404, code: 'no_such_forum' };
}

// ---------------------------------------------------------------------------------------------

/** Sends one case; returns what went wrong, or null. Skips (returns 'skip') valid commands. */
async function run(fuzzCase: Case, index: number): Promise<string | null | 'skip'> {
	const sender = index % senders.length;
	/** An HTTP answer as `{ status, code }`; a refusal without a sentence is itself a failure. */
	const answerOf = (status: number, body: Record<string, unknown>) => {
		if (status === 200) return body;
		const error = body?.error as { code?: string; message?: unknown } | undefined;
		if (typeof error?.message !== 'string' || error.message.length === 0)
			return { noMessage: body };
		return { status, code: error.code };
	};
	const judge = (expected: Expected, got: unknown) => {
		const wanted = JSON.stringify(expected);
		const seen = JSON.stringify(got);
		const code = (got as { code?: string }).code;
		if ('code' in expected && !KNOWN_CODES.has(code ?? '')) return `unknown code ${seen}`;
		return wanted === seen ? null : `expected ${wanted}, got ${seen}`;
	};
	/** An acknowledgement as `{ status, code }`; a refusal without a sentence is itself a failure. */
	const ackAnswer = (ack: CommandAck | SyncReply) => {
		if (ack.ok) return ack;
		const message = ack.error?.message;
		if (typeof message !== 'string' || message.length === 0) return { noMessage: ack };
		return { status: ack.status, code: ack.error.code };
	};
	const viaAck = async (expected: Expected, request: unknown) =>
		judge(expected, ackAnswer(await emit<CommandAck>(sender, 'command', request)));
	const fitsSocket = (request: unknown) =>
		Buffer.byteLength(JSON.stringify(request) ?? '') < SOCKET_MESSAGE_MAX;

	switch (fuzzCase.kind) {
		case 'command': {
			const text = JSON.stringify(fuzzCase.body);
			const parsed = parseCommand(JSON.parse(text));
			if (parsed.ok) return 'skip';
			const expected = { status: 400, code: parsed.code };
			if (fuzzCase.viaSocket && Buffer.byteLength(text) < SOCKET_MESSAGE_MAX) {
				return viaAck(expected, { forum: FORUM, command: fuzzCase.body });
			}
			const reply = await http(sender, 'POST', COMMANDS_PATH, text);
			return judge(expected, answerOf(reply.status, reply.body));
		}
		case 'raw': {
			const expected = rawRefusal(fuzzCase.text);
			if (!expected) return 'skip';
			const reply = await http(sender, 'POST', COMMANDS_PATH, fuzzCase.text);
			return judge(expected, answerOf(reply.status, reply.body));
		}
		case 'envelope': {
			const expected = envelopeRefusal(throughJson(fuzzCase.request));
			if (!expected || !fitsSocket(fuzzCase.request)) return 'skip';
			return viaAck(expected, fuzzCase.request);
		}
		case 'elsewhere': {
			const path = `/api/forums/${fuzzCase.forum}/commands`;
			const reply = await http(sender, 'POST', path, JSON.stringify(exampleOf(fuzzCase.type)));
			return judge({ status: 404, code: 'no_such_forum' }, answerOf(reply.status, reply.body));
		}
		case 'sync': {
			if (!fitsSocket(fuzzCase.request)) return 'skip';
			const request = throughJson(fuzzCase.request);
			const valid = syncRequest.safeParse(request);
			const reply = await emit<SyncReply>(sender, 'sync', fuzzCase.request);
			if (!valid.success)
				return judge({ status: 400, code: 'malformed_request' }, ackAnswer(reply));
			if (valid.data.forum !== FORUM) {
				return judge({ status: 404, code: 'no_such_forum' }, ackAnswer(reply));
			}
			const { after } = valid.data;
			if (!reply.ok) return `sync ${after}: ${JSON.stringify(reply)}`;
			if (after > head) {
				return reply.kind === 'snapshot' && reply.snapshot.seq === head
					? null
					: `sync ${after} past the head ${head}: ${reply.kind}`;
			}
			if (reply.kind !== 'events') return `sync ${after}: a snapshot`;
			const seqs = reply.events.map((e) => e.seq);
			const wanted = Array.from({ length: head - after }, (_, i) => after + 1 + i);
			return reply.head === head && JSON.stringify(seqs) === JSON.stringify(wanted)
				? null
				: `sync ${after}: head ${reply.head}, events ${seqs.join(',')}`;
		}
		case 'events': {
			const query = new URLSearchParams();
			if (fuzzCase.after !== null) query.set('after', fuzzCase.after);
			if (fuzzCase.limit !== null) query.set('limit', fuzzCase.limit);
			const reply = await http(sender, 'GET', `/api/forums/${FORUM}/events?${query}`);
			// The route's own reading of the query (docs/api.md).
			const after = Number(query.get('after') ?? 0);
			const limit = Number(query.get('limit') ?? 1000);
			const validAfter = Number.isSafeInteger(after) && after >= 0;
			const validLimit = Number.isSafeInteger(limit) && limit >= 1 && limit <= 5000;
			if (!validAfter || !validLimit) {
				return judge(
					{ status: 400, code: 'malformed_request' },
					answerOf(reply.status, reply.body)
				);
			}
			if (reply.status !== 200) return `events ${query}: ${reply.status}`;
			const page = reply.body as { events: { seq: number }[]; head: number; more: boolean };
			const last = Math.min(head, after + limit);
			const wanted = Array.from({ length: Math.max(0, last - after) }, (_, i) => after + 1 + i);
			const seqs = page.events.map((e) => e.seq);
			return page.head === head &&
				page.more === last < head &&
				JSON.stringify(seqs) === JSON.stringify(wanted)
				? null
				: `events ${query}: head ${page.head}, more ${page.more}, ${seqs.length} events`;
		}
		case 'replay': {
			const original = accepted[fuzzCase.which];
			const command =
				fuzzCase.variant === 'other_type'
					? { ...original.command, type: 'presence.check_out' }
					: original.command;
			const by =
				fuzzCase.variant === 'other_sender'
					? (original.sender + 1) % senders.length
					: original.sender;
			const expected: Expected =
				fuzzCase.variant === 'same'
					? { ok: true, seq: original.seq, duplicate: true }
					: { status: 409, code: 'command_id_reused' };
			if (fuzzCase.viaSocket) {
				return judge(
					expected,
					ackAnswer(await emit<CommandAck>(by, 'command', { forum: FORUM, command }))
				);
			}
			const reply = await http(by, 'POST', COMMANDS_PATH, JSON.stringify(command));
			return judge(expected, answerOf(reply.status, reply.body));
		}
	}
}

async function standing() {
	const reply = await http(1, 'GET', `/api/forums/${FORUM}/state`);
	expect(reply.status).toBe(200);
	const events = await http(1, 'GET', `/api/forums/${FORUM}/events?limit=5000`);
	return { snapshot: reply.body, events: events.body };
}

describe('fuzzing', () => {
	it(
		`answers ${CASES.toLocaleString('en')} malformed, unknown, misplaced and replayed inputs with a stable 4xx, changing nothing`,
		async () => {
			const before = await standing();
			expect((before.snapshot as { seq: number }).seq).toBe(head);
			const failures: string[] = [];
			const tally = new Map<string, number>();
			let sent = 0;
			let skipped = 0;
			for (let chunk = 0; sent < CASES; chunk++) {
				const cases = fc.sample(CASE, {
					numRuns: Math.min(1000, CASES - sent),
					seed: SEED + chunk
				});
				for (let i = 0; i < cases.length && sent < CASES; i += BATCH) {
					const batch = cases.slice(i, i + BATCH);
					const outcomes = await Promise.all(
						batch.map((c, j) =>
							run(c, sent + j).catch((error: Error) => `no answer: ${error.message}`)
						)
					);
					outcomes.forEach((outcome, j) => {
						const fuzzCase = batch[j];
						if (outcome === 'skip') {
							skipped++;
							return;
						}
						sent++;
						tally.set(fuzzCase.kind, (tally.get(fuzzCase.kind) ?? 0) + 1);
						if (outcome !== null && failures.length < 20) {
							const shown = JSON.stringify(fuzzCase)?.slice(0, 300);
							failures.push(`${outcome} for ${shown}`);
						}
					});
				}
			}
			console.log(
				`fuzz seed ${SEED}: ${sent} cases (${[...tally].map(([k, n]) => `${k} ${n}`).join(', ')}), ${skipped} valid or oversized skipped`
			);
			expect(failures, `FUZZ_SEED=${SEED}`).toEqual([]);
			expect(sent).toBeGreaterThanOrEqual(CASES);

			// Nothing changed: the same state, the same log; every socket still connected.
			const after = await standing();
			expect(after).toEqual(before);
			expect(senders.map((s) => s.client.socket.connected)).toEqual(senders.map(() => true));
			// And the server still takes a valid command.
			const valid = { id: commandId(), type: 'presence.check_in', participantId: 'p-ken-head' };
			const reply = await http(1, 'POST', COMMANDS_PATH, JSON.stringify(valid));
			expect(reply).toEqual({ status: 200, body: { ok: true, seq: head + 1 } });
		},
		Math.max(180_000, CASES * 60)
	);

	it('answers a 100,000-deep command over Socket.IO like any malformed one', async () => {
		const { client } = senders[2];
		const depth = 100_000;
		// Written as the Socket.IO packet itself (an event with acknowledgement id 999999): the
		// client library's JSON.stringify would overflow the stack building it.
		const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
		const command = `{"id":"fuzz-deep-0002","type":"forum.open","x":${nested}}`;
		const answered = new Promise<string>((resolve) => {
			const listener = (data: unknown) => {
				if (typeof data !== 'string' || !data.startsWith('3999999')) return;
				client.socket.io.engine.off('message', listener);
				resolve(data.slice('3999999'.length));
			};
			client.socket.io.engine.on('message', listener);
		});
		client.socket.io.engine.write(`2999999["command",{"forum":"${FORUM}","command":${command}}]`);
		expect(JSON.parse(await answered)).toEqual([
			{
				ok: false,
				status: 400,
				error: { code: 'malformed_command', message: 'Unrecognized key: "x"' }
			}
		]);
		expect(client.socket.connected).toBe(true);
	});
});
