/**
 * The real thing for integration tests: the built server (`node server.js`) as a child process
 * on a free port with its own SQLite file, spoken to over real HTTP and real Socket.IO. In the
 * `integration-postgres` project (PLENARY_TEST_DATABASE=postgres), each server gets a fresh
 * PostgreSQL database of its own instead, or shares one with another server (`databaseUrl`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { ForumEvent } from '../../src/lib/forum/rules';
import {
	PROTOCOL_VERSION,
	type ClientToServerEvents,
	type CommandAck,
	type JoinReply,
	type ServerToClientEvents,
	type SyncReply
} from '../../src/lib/protocol';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEMO_FORUM = 'wtpf-26';
export const DEMO_PASSWORD = 'wtpf-2026-demo';
const READY_TIMEOUT = 30_000;

/** The suite runs on PostgreSQL (the admin URL is PLENARY_TEST_POSTGRES), not SQLite. */
export const ON_POSTGRES = process.env.PLENARY_TEST_DATABASE === 'postgres';

/** A fresh, empty PostgreSQL database for one test; `drop` removes it. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
	const admin = process.env.PLENARY_TEST_POSTGRES;
	if (!admin) throw new Error('PLENARY_TEST_POSTGRES (an admin URL) is not set');
	const name = `plenary_it_${randomUUID().replaceAll('-', '')}`;
	const client = new pg.Client({ connectionString: admin });
	await client.connect();
	await client.query(`CREATE DATABASE ${name}`);
	await client.end();
	const url = new URL(admin);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const client = new pg.Client({ connectionString: admin });
			await client.connect();
			await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await client.end();
		}
	};
}

/** A row of the event log as stored, whichever the database. */
export interface LogRow {
	seq: number;
	command_id: string | null;
	type: string;
	audience: string;
}

export interface TestServer {
	url: string;
	port: number;
	dbPath: string;
	/** PostgreSQL: the database's URL (null on SQLite) */
	databaseUrl: string | null;
	/** the forum's log straight from the database, in sequence order */
	readLog(forum: string): Promise<LogRow[]>;
	/** SIGTERM, wait for the exit, remove the temporary directory (if this helper made it) */
	stop(): Promise<void>;
	/** SIGKILL: no shutdown handler runs; resolves once the process is gone */
	kill(): Promise<void>;
	/** start again on the same database and port */
	restart(): Promise<void>;
	/** everything the process(es) printed so far */
	logs(): string;
}

/** A port nobody listens on right now: the OS picks one, we let it go. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.unref();
		probe.once('error', reject);
		probe.listen(0, () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

export async function startServer(
	options: {
		dbDir?: string;
		/** the folder holding `server.js` and `build/` (default: the repository's own build) */
		cwd?: string;
		env?: Record<string, string>;
		/** share this PostgreSQL database (another server's) instead of making a fresh one */
		databaseUrl?: string;
	} = {}
): Promise<TestServer> {
	const ownDir = options.dbDir === undefined;
	const dir = options.dbDir ?? mkdtempSync(join(tmpdir(), 'plenary-it-'));
	const dbPath = join(dir, 'plenary.db');
	const postgres =
		options.databaseUrl !== undefined
			? { url: options.databaseUrl, drop: async () => undefined }
			: ON_POSTGRES && options.dbDir === undefined
				? await freshPostgresDatabase()
				: null;
	const databaseEnv: Record<string, string> = postgres ? { DATABASE_URL: postgres.url } : {};
	const port = await freePort();
	const url = `http://localhost:${port}`;
	let output = '';
	let child: ChildProcess | null = null;

	async function launch(): Promise<void> {
		const proc = spawn(process.execPath, ['server.js'], {
			cwd: options.cwd ?? REPO_ROOT,
			env: {
				...process.env,
				PORT: String(port),
				DATABASE_PATH: dbPath,
				...databaseEnv,
				...options.env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child = proc;
		const exited = new Promise<never>((_, reject) => {
			proc.once('exit', (code, signal) =>
				reject(new Error(`server exited early (${code ?? signal}):\n${output}`))
			);
		});
		exited.catch(() => undefined);
		// only what this launch prints: after a restart, the last one's "listening" is still there
		const printedBefore = output.length;
		const printed = new Promise<void>((resolve) => {
			const onData = (chunk: Buffer) => {
				output += chunk.toString();
				if (output.slice(printedBefore).includes('listening')) resolve();
			};
			proc.stdout!.on('data', onData);
			proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
		});
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(
				() => reject(new Error(`server not ready after ${READY_TIMEOUT} ms:\n${output}`)),
				READY_TIMEOUT
			);
		});
		try {
			await Promise.race([Promise.any([printed, answers(url)]), exited, timeout]);
		} catch (error) {
			proc.kill('SIGKILL');
			throw error;
		} finally {
			clearTimeout(timer);
		}
	}

	function ended(proc: ChildProcess): Promise<void> {
		if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
		return new Promise((resolve) => proc.once('exit', () => resolve()));
	}

	async function terminate(signal: NodeJS.Signals): Promise<void> {
		const proc = child;
		if (!proc) return;
		child = null;
		const done = ended(proc);
		proc.kill(signal);
		const force = setTimeout(() => proc.kill('SIGKILL'), 10_000);
		await done;
		clearTimeout(force);
	}

	async function cleanUp(): Promise<void> {
		if (ownDir) rmSync(dir, { recursive: true, force: true });
		await postgres?.drop();
	}

	try {
		await launch();
	} catch (error) {
		await cleanUp();
		throw error;
	}
	return {
		url,
		port,
		dbPath,
		databaseUrl: postgres?.url ?? null,
		readLog: (forum) => readLog(postgres?.url ?? null, dbPath, forum),
		logs: () => output,
		kill: () => terminate('SIGKILL'),
		async stop() {
			await terminate('SIGTERM');
			await cleanUp();
		},
		async restart() {
			await terminate('SIGTERM');
			output += '\n--- restart ---\n';
			await launch();
		}
	};
}

async function readLog(
	databaseUrl: string | null,
	dbPath: string,
	forum: string
): Promise<LogRow[]> {
	const query = 'SELECT seq, command_id, type, audience FROM events WHERE forum = $1 ORDER BY seq';
	if (databaseUrl) {
		const client = new pg.Client({ connectionString: databaseUrl });
		await client.connect();
		try {
			const { rows } = await client.query(query, [forum]);
			return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
		} finally {
			await client.end();
		}
	}
	const db = new Database(dbPath, { readonly: true });
	try {
		return db.prepare(query.replace('$1', '?')).all(forum) as LogRow[];
	} finally {
		db.close();
	}
}

/** Polls GET /api/me until the server answers at all (401 is an answer). */
async function answers(url: string): Promise<void> {
	for (;;) {
		try {
			const response = await fetch(`${url}/api/me`);
			await response.body?.cancel();
			return;
		} catch {
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}
}

/** A valid client command id. */
export function commandId(): string {
	return randomUUID();
}

/** How a request fails when the server closed the kept-alive connection it went out on. */
const CONNECTION_CLOSED = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED']);

/**
 * `fetch`, sent again when the server had closed the kept-alive connection as the request went
 * out on it (Node's server closes an idle connection after 5 s; a loaded machine, or a test that
 * blocks the event loop in spawnSync, lets the client reuse it just too late). The server never read
 * such a request, and every command carries its id anyway (applied at most once). A server that is
 * gone fails every attempt (ECONNREFUSED).
 */
export async function fetchAgainIfClosed(input: string, init?: RequestInit): Promise<Response> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await fetch(input, init);
		} catch (error) {
			const code = ((error as Error).cause as { code?: string } | undefined)?.code;
			if (!code || !CONNECTION_CLOSED.has(code) || attempt === 3) throw error;
			// Other kept-alive connections of the pool may have been closed at the same moment: a turn
			// of the event loop lets the client see it before it picks one for the next attempt.
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}
}

/** Signs in and returns the `Cookie` header value (`plenary_session=…`). */
export async function login(url: string, email: string, password = DEMO_PASSWORD): Promise<string> {
	const response = await fetchAgainIfClosed(`${url}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password })
	});
	if (response.status !== 200) {
		throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
	}
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';', 1)[0])
		.find((c) => c.startsWith('plenary_session='));
	if (!cookie) throw new Error(`login ${email}: no session cookie`);
	return cookie;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON bodies freely
export interface Reply<T = any> {
	status: number;
	body: T;
}

/** JSON over HTTP as one account (or nobody, without a cookie). */
export function api(url: string, cookie?: string) {
	async function send(path: string, init: RequestInit): Promise<Reply> {
		const headers = new Headers(init.headers);
		if (cookie) headers.set('cookie', cookie);
		const response = await fetchAgainIfClosed(`${url}${path}`, { ...init, headers });
		const text = await response.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON (e.g. a 413 from the adapter): keep the text
		}
		return { status: response.status, body };
	}
	return {
		get: (path: string) => send(path, { method: 'GET' }),
		post: (path: string, body?: unknown) =>
			send(path, {
				method: 'POST',
				...(body === undefined
					? {}
					: { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
			}),
		/** a body sent as is, for what JSON.stringify cannot produce */
		postRaw: (path: string, body: string, contentType = 'application/json') =>
			send(path, { method: 'POST', headers: { 'content-type': contentType }, body })
	};
}

export type EventMessage = { forum: string; event: ForumEvent };
type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ForumClient {
	socket: ClientSocket;
	/** every event pushed since connecting (`events` messages, one entry per event), in arrival order */
	received: EventMessage[];
	join(forum: string): Promise<JoinReply>;
	command(forum: string, command: unknown): Promise<CommandAck>;
	sync(forum: string, after: number): Promise<SyncReply>;
	/** the first received message (already or later) matching, or a rejection after timeoutMs */
	waitForEvent(predicate: (m: EventMessage) => boolean, timeoutMs?: number): Promise<EventMessage>;
	close(): void;
}

const ACK_TIMEOUT = 10_000;

/**
 * A connected Socket.IO client over websocket, signed in by the cookie. Rejects with the
 * handshake's error (its message is the code, e.g. 'not_signed_in') on connect_error.
 */
export function connect(
	url: string,
	cookie: string | undefined,
	options: { origin?: string; protocol?: number } = {}
): Promise<ForumClient> {
	const extraHeaders: Record<string, string> = { origin: options.origin ?? url };
	if (cookie) extraHeaders.cookie = cookie;
	const socket: ClientSocket = io(url, {
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		extraHeaders,
		auth: { protocol: options.protocol ?? PROTOCOL_VERSION }
	});
	const received: EventMessage[] = [];
	const waiters = new Set<(m: EventMessage) => void>();
	socket.on('events', ({ forum, events }) => {
		for (const event of events) {
			const message = { forum, event };
			received.push(message);
			for (const waiter of [...waiters]) waiter(message);
		}
	});

	const client: ForumClient = {
		socket,
		received,
		join: (forum) => socket.timeout(ACK_TIMEOUT).emitWithAck('join', { forum }),
		command: (forum, command) =>
			socket.timeout(ACK_TIMEOUT).emitWithAck('command', { forum, command }),
		sync: (forum, after) => socket.timeout(ACK_TIMEOUT).emitWithAck('sync', { forum, after }),
		waitForEvent(predicate, timeoutMs = 5_000) {
			const found = received.find(predicate);
			if (found) return Promise.resolve(found);
			return new Promise((resolve, reject) => {
				const waiter = (m: EventMessage) => {
					if (!predicate(m)) return;
					clearTimeout(timer);
					waiters.delete(waiter);
					resolve(m);
				};
				const timer = setTimeout(() => {
					waiters.delete(waiter);
					const seen = received.map((m) => `${m.event.seq} ${m.event.type}`).join(', ');
					reject(new Error(`no matching event within ${timeoutMs} ms; received: [${seen}]`));
				}, timeoutMs);
				waiters.add(waiter);
			});
		},
		close: () => void socket.close()
	};

	return new Promise((resolve, reject) => {
		socket.once('connect', () => {
			socket.off('connect_error');
			resolve(client);
		});
		socket.once('connect_error', (error) => {
			socket.close();
			reject(error);
		});
	});
}
