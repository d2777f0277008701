/**
 * What operators see, against the real server: /healthz and /readyz, /metrics counting what
 * real clients do, and the JSON log lines, in which no password, session token or email
 * address ever appears.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	api,
	commandId,
	connect,
	DEMO_FORUM,
	DEMO_PASSWORD,
	login,
	startServer,
	type ForumClient,
	type TestServer
} from '../support/server';

const FORUM = DEMO_FORUM;
const METRICS_TOKEN = 'scrape-secret-for-tests';
const WRONG_PASSWORD = 'not-the-demo-password-8c1f';
const EMAIL = 'secretariat@itu.demo';

let server: TestServer;
let cookie: string;
let accountId: string;
let client: ForumClient;

beforeAll(async () => {
	server = await startServer({ env: { LOG_LEVEL: 'trace', METRICS_TOKEN } });
	cookie = await login(server.url, EMAIL);
	accountId = (await api(server.url, cookie).get('/api/me')).body.account.id;
	client = await connect(server.url, cookie);
	const joined = await client.join(FORUM);
	expect(joined.ok).toBe(true);
});

afterAll(async () => {
	client?.close();
	await server?.stop();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- log lines are free-form JSON
type LogLine = Record<string, any>;

function logLines(): LogLine[] {
	return server
		.logs()
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line));
}

/** The log reaches us through a pipe, possibly after the HTTP answer: wait for it. */
async function waitUntil(done: () => boolean): Promise<void> {
	for (let i = 0; !done(); i++) {
		if (i === 200) throw new Error(`the log did not show it:\n${server.logs()}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

async function waitForLog(predicate: (line: LogLine) => boolean): Promise<LogLine> {
	await waitUntil(() => logLines().some(predicate));
	return logLines().find(predicate)!;
}

function get(path: string, headers: Record<string, string> = {}) {
	return fetch(`${server.url}${path}`, { headers });
}

/** Samples of the Prometheus text format: `name{a="x",b="y"} value`. */
function samples(text: string): { name: string; labels: Record<string, string>; value: number }[] {
	return text
		.split('\n')
		.filter((line) => line && !line.startsWith('#'))
		.map((line) => {
			const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
			if (!match) throw new Error(`not a sample: ${line}`);
			const labels = Object.fromEntries(
				[...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]])
			);
			return { name: match[1], labels, value: Number(match[3]) };
		});
}

async function scrape() {
	const response = await get('/metrics');
	expect(response.status).toBe(200);
	const text = await response.text();
	const all = samples(text);
	return (name: string, labels: Record<string, string> = {}): number =>
		all
			.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
			.reduce((sum, s) => sum + s.value, 0);
}

describe('health and readiness', () => {
	it('/healthz says the process is up, without a session, never cached', async () => {
		// A cookie that is no session: the session hook would delete it; /healthz never gets there.
		const response = await get('/healthz', { cookie: 'plenary_session=no-such-session' });
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok' });
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('set-cookie')).toBeNull();
	});

	it('/readyz checks the database and the loaded forums', async () => {
		const response = await get('/readyz');
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const body = await response.json();
		expect(body.status).toBe('ok');
		expect(body.checks.database.ok).toBe(true);
		expect(body.checks.state).toMatchObject({ ok: true, forums: 1 });
	});

	it('answers GET and HEAD only', async () => {
		const response = await fetch(`${server.url}/readyz`, { method: 'POST' });
		expect(response.status).toBe(405);
		expect((await fetch(`${server.url}/healthz`, { method: 'HEAD' })).status).toBe(200);
	});
});

describe('metrics', () => {
	it('are served to loopback, and through a proxy only with the bearer token', async () => {
		const direct = await get('/metrics');
		expect(direct.status).toBe(200);
		expect(direct.headers.get('content-type')).toMatch(/^text\/plain/);
		const text = await direct.text();
		expect(text).toContain('process_cpu_user_seconds_total');
		expect(text).toContain('nodejs_heap_size_used_bytes');

		const proxied = { 'x-forwarded-for': '203.0.113.9' };
		expect((await get('/metrics', proxied)).status).toBe(404);
		const wrong = { ...proxied, authorization: 'Bearer not-the-token' };
		expect((await get('/metrics', wrong)).status).toBe(404);
		const right = { ...proxied, authorization: `Bearer ${METRICS_TOKEN}` };
		expect((await get('/metrics', right)).status).toBe(200);
	});

	it('count commands by type and outcome, their latency, broadcasts, clients and the log size', async () => {
		const before = await scrape();
		const checkIns = { type: 'presence.check_in', outcome: 'ok' };

		const overHttp = await api(server.url, cookie).post(`/api/forums/${FORUM}/commands`, {
			id: commandId(),
			type: 'presence.check_in',
			participantId: 'p-fra-head'
		});
		expect(overHttp.status).toBe(200);
		const overSocket = await client.command(FORUM, {
			id: commandId(),
			type: 'presence.check_in',
			participantId: 'p-bra-head'
		});
		expect(overSocket.ok).toBe(true);
		const unknown = await api(server.url, cookie).post(`/api/forums/${FORUM}/commands`, {
			id: commandId(),
			type: 'no_such.command'
		});
		expect(unknown.status).toBe(400);
		await client.waitForEvent((m) => m.event.seq === (overSocket.ok ? overSocket.seq : -1));

		const after = await scrape();
		expect(after('plenary_commands_total', checkIns)).toBe(
			before('plenary_commands_total', checkIns) + 2
		);
		const refused = { type: 'unknown', outcome: unknown.body.error.code };
		expect(after('plenary_commands_total', refused)).toBe(
			before('plenary_commands_total', refused) + 1
		);
		const latency = { type: 'presence.check_in' };
		expect(after('plenary_command_duration_seconds_count', latency)).toBe(
			before('plenary_command_duration_seconds_count', latency) + 2
		);
		expect(after('plenary_command_duration_seconds_sum', latency)).toBeGreaterThan(
			before('plenary_command_duration_seconds_sum', latency)
		);
		expect(after('plenary_broadcast_duration_seconds_count')).toBeGreaterThanOrEqual(
			before('plenary_broadcast_duration_seconds_count') + 2
		);
		// The secretariat's one socket is in the forum's public and secretariat rooms.
		expect(after('plenary_connected_clients', { forum: FORUM, audience: 'public' })).toBe(1);
		expect(after('plenary_connected_clients', { forum: FORUM, audience: 'secretariat' })).toBe(1);
		expect(after('plenary_sockets')).toBe(1);
		expect(after('plenary_event_log_head', { forum: FORUM })).toBe(
			overSocket.ok ? overSocket.seq : -1
		);
	});
});

describe('logs', () => {
	it('are JSON lines, one per command, with the forum, the command, the participant, the outcome and its duration', async () => {
		const id = commandId();
		const reply = await api(server.url, cookie).post(`/api/forums/${FORUM}/commands`, {
			id,
			type: 'presence.check_in',
			participantId: 'p-ken-head'
		});
		expect(reply.status).toBe(200);
		const line = await waitForLog((l) => l.commandId === id);
		expect(line).toMatchObject({
			level: 'info',
			msg: 'command',
			forum: FORUM,
			commandType: 'presence.check_in',
			commandId: id,
			participant: accountId,
			outcome: 'ok',
			status: 200,
			seq: reply.body.seq
		});
		expect(typeof line.ms).toBe('number');
		expect(Date.parse(line.time)).not.toBeNaN();

		const refusedId = commandId();
		const refused = await client.command(FORUM, {
			id: refusedId,
			type: 'presence.check_in',
			participantId: 'p-no-such-participant'
		});
		expect(refused.ok).toBe(false);
		const refusal = await waitForLog((l) => l.commandId === refusedId);
		expect(refusal).toMatchObject({
			forum: FORUM,
			commandType: 'presence.check_in',
			participant: accountId,
			outcome: refused.ok ? 'ok' : refused.error.code,
			status: refused.ok ? 200 : refused.status
		});

		// start-up: one line when the forums are loaded, one when listening
		const started = logLines();
		expect(started.some((l) => l.msg === 'forums loaded' && l.forums === 1)).toBe(true);
		expect(started.some((l) => /listening/.test(l.msg) && l.port === server.port)).toBe(true);
	});

	it('record sign-ins without the password, the session token or the email address', async () => {
		const before = logLines().filter((l) => l.msg === 'sign-in').length;
		const refused = await fetch(`${server.url}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: EMAIL, password: WRONG_PASSWORD })
		});
		expect(refused.status).toBe(401);
		const again = await login(server.url, EMAIL);
		// and the session is used: over HTTP and on a socket
		expect((await api(server.url, again).get('/api/me')).status).toBe(200);
		const second = await connect(server.url, again);
		expect((await second.join(FORUM)).ok).toBe(true);
		second.close();
		await waitUntil(() => logLines().filter((l) => l.msg === 'sign-in').length >= before + 2);

		const signIns = logLines().filter((l) => l.msg === 'sign-in');
		expect(signIns.slice(-2)).toMatchObject([
			{ outcome: 'bad_credentials', status: 401 },
			{ outcome: 'ok', status: 200, account: accountId }
		]);
		expect(signIns.at(-1)!.emailHash).toBe(signIns.at(-2)!.emailHash);
		expect(JSON.stringify(signIns)).not.toContain(EMAIL);

		const everything = server.logs();
		for (const session of [cookie, again]) {
			const token = session.slice(session.indexOf('=') + 1);
			expect(token.length).toBeGreaterThan(10);
			expect(everything).not.toContain(token);
		}
		expect(everything).not.toContain(DEMO_PASSWORD);
		expect(everything).not.toContain(WRONG_PASSWORD);
	});
});
