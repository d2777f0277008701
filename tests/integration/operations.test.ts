/**
 * Operating the record: the integrity check at start-up, the online backup and its restore, the
 * export and import of a forum's log, and graceful shutdown on SIGTERM.
 */
import { spawnSync } from 'node:child_process';
import {
	copyFileSync,
	mkdtempSync,
	openSync,
	rmSync,
	writeFileSync,
	writeSync,
	closeSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	api,
	commandId,
	connect,
	DEMO_FORUM,
	ON_POSTGRES,
	login,
	REPO_ROOT,
	startServer,
	type TestServer
} from '../support/server';

const FORUM = DEMO_FORUM;
const scratch = mkdtempSync(join(tmpdir(), 'plenary-ops-'));
let server: TestServer;
let secretariat: string;

function runScript(script: string, args: string[], dbPath: string) {
	const result = spawnSync(process.execPath, [script, ...args], {
		cwd: REPO_ROOT,
		env: { ...process.env, DATABASE_PATH: dbPath },
		encoding: 'utf8'
	});
	return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

/** Start `node server.js` on a database and wait for it to exit by itself. */
function startExpectingFailure(dbPath: string) {
	return spawnSync(process.execPath, ['server.js'], {
		cwd: REPO_ROOT,
		env: { ...process.env, DATABASE_PATH: dbPath, PORT: '0' },
		encoding: 'utf8',
		timeout: 30_000
	});
}

async function checkInEveryone(cookie: string, url: string, ids: string[]) {
	const seqs: number[] = [];
	for (const participantId of ids) {
		const reply = await api(url, cookie).post(`/api/forums/${FORUM}/commands`, {
			id: commandId(),
			type: 'presence.check_in',
			participantId
		});
		expect(reply.status).toBe(200);
		seqs.push(reply.body.seq);
	}
	return seqs;
}

beforeAll(async () => {
	server = await startServer();
	secretariat = await login(server.url, 'secretariat@itu.demo');
});

afterAll(async () => {
	await server?.stop();
	rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(ON_POSTGRES)('integrity check at start-up', () => {
	it('refuses to start on a file that is not a database, with a clear message', () => {
		const path = join(scratch, 'garbage.db');
		writeFileSync(path, 'this is not a database file '.repeat(200));
		const result = startExpectingFailure(path);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('Plenary cannot start');
		expect(result.stderr).toContain('is damaged');
		expect(result.stderr).toContain('Restore the latest backup');
	});

	it('refuses to start on a database whose pages were overwritten', () => {
		const path = join(scratch, 'damaged.db');
		const backup = runScript('scripts/backup.js', [path], server.dbPath);
		expect(backup.code).toBe(0);
		// Overwrite the middle of the file (table pages) with junk.
		const fd = openSync(path, 'r+');
		writeSync(fd, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, 4096 * 2);
		closeSync(fd);
		const result = startExpectingFailure(path);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('is damaged');
	});
});

describe.skipIf(ON_POSTGRES)('backup and restore', () => {
	it('backs up while the server runs; the restored copy has every acknowledged command', async () => {
		const before = await checkInEveryone(secretariat, server.url, ['p-fra-head', 'p-bra-head']);
		const path = join(scratch, 'backup.db');
		const backup = runScript('scripts/backup.js', [path], server.dbPath);
		expect(backup.out).toContain('quick_check ok');
		expect(backup.code).toBe(0);
		// Restore = start a server on the copy.
		const restoredDir = mkdtempSync(join(tmpdir(), 'plenary-restore-'));
		copyFileSync(path, join(restoredDir, 'plenary.db'));
		const restored = await startServer({ dbDir: restoredDir });
		try {
			const cookie = await login(restored.url, 'secretariat@itu.demo');
			const state = await api(restored.url, cookie).get(`/api/forums/${FORUM}/state`);
			expect(state.body.seq).toBeGreaterThanOrEqual(before.at(-1)!);
			expect(state.body.state.participants['p-fra-head'].present).toBe(true);
			expect(state.body.state.participants['p-bra-head'].present).toBe(true);
		} finally {
			await restored.stop();
			rmSync(restoredDir, { recursive: true, force: true });
		}
	});
});

describe.skipIf(ON_POSTGRES)('export and import of a forum log', () => {
	it('rebuilds the same state from the exported JSON', async () => {
		await checkInEveryone(secretariat, server.url, ['p-ken-head']);
		const file = join(scratch, 'wtpf-26.json');
		const exported = runScript('scripts/export-log.js', [FORUM, file], server.dbPath);
		expect(exported.code).toBe(0);

		// A fresh database with the schema and no forum, then the import.
		const target = await startServer({ env: { PLENARY_DEMO: '0' } });
		await target.kill();
		const imported = runScript('scripts/import-log.js', [file], target.dbPath);
		expect(imported.out).toContain('Imported');
		expect(imported.code).toBe(0);
		// Importing twice is refused and changes nothing.
		expect(runScript('scripts/import-log.js', [file], target.dbPath).code).toBe(1);
		await target.restart();
		try {
			for (const email of ['secretariat@itu.demo', 'fra.head@wtpf.demo', 'sm-ericsson@wtpf.demo']) {
				const original = await api(server.url, await login(server.url, email)).get(
					`/api/forums/${FORUM}/state`
				);
				const rebuilt = await api(target.url, await login(target.url, email)).get(
					`/api/forums/${FORUM}/state`
				);
				expect(rebuilt.body).toEqual(original.body);
			}
		} finally {
			await target.stop();
		}
	});
});

describe('graceful shutdown', () => {
	it('on SIGTERM finishes the commands in flight, tells the sockets why, and loses nothing', async () => {
		const own = await startServer();
		const cookie = await login(own.url, 'secretariat@itu.demo');
		const client = await connect(own.url, cookie);
		await client.join(FORUM);
		const closing = new Promise<{ code: string; reason: string }>((resolve) =>
			client.socket.once('closing', resolve)
		);
		const ids = ['p-fra-head', 'p-bra-head', 'p-ken-head', 'p-fra-delegate', 'p-sm-ericsson'];
		const commands = ids.map((participantId) => ({
			id: commandId(),
			type: 'presence.check_in',
			participantId
		}));
		// Commands in flight when the signal arrives.
		const sent = commands.map((command) => client.command(FORUM, command));
		const stopping = own.restart();
		const acks = await Promise.all(sent.map((p) => p.catch(() => null)));
		const notice = await closing;
		expect(notice.code).toBe('server_restart');
		expect(notice.reason).toMatch(/restarting/);
		await stopping;
		expect(own.logs()).toContain('SIGTERM: finishing the commands in flight');
		try {
			// Each command read before the signal was finished and answered; one still on the wire
			// when the sockets closed was never read, so never applied. A client sends again what
			// got no answer, or was refused as shutting down, with the same id: applied once.
			const again = api(own.url, await login(own.url, 'secretariat@itu.demo'));
			for (const [i, ack] of acks.entries()) {
				if (ack?.ok) continue;
				if (ack) expect(ack.error.code).toBe('shutting_down');
				const resent = await again.post(`/api/forums/${FORUM}/commands`, commands[i]);
				expect(resent.status).toBe(200);
			}
			const state = await again.get(`/api/forums/${FORUM}/state`);
			for (const id of ids) expect(state.body.state.participants[id].present).toBe(true);
			const log = await own.readLog(FORUM);
			for (const command of commands) {
				expect(log.filter((e) => e.command_id === command.id)).toHaveLength(1);
			}
		} finally {
			client.socket.close();
			await own.stop();
		}
	});
});
