/**
 * Phase `cluster` of `npm run bench` (issue 10): the fan-out figure with two app servers on one
 * PostgreSQL log and Redis, next to one server, in the same run.
 *
 * The generated forum (a SQLite template) is copied into a fresh PostgreSQL database, migrated by
 * the server itself. Server A runs throughout and holds the presiding officer's socket; server B
 * is started for the two-server layout and stopped for the one-server layout. Each round measures
 * one layout: one server, all N clients on A; two servers, half the clients on A and half on B,
 * which learns of each append by PostgreSQL's NOTIFY and reads it from the log before it emits to
 * its own sockets (src/lib/server/log-follower.ts). The layouts alternate round by round (one,
 * two; two, one; …) so that a shared machine's swings weigh on both alike.
 *
 * The clients are two pools of niced simulators (bench/pool.mjs), one per half, so that the
 * clients on B are measured apart from those on A; in the one-server layout both pools connect
 * to A. Skipped, with a message, when PostgreSQL (PLENARY_BENCH_POSTGRES, an admin URL) or Redis
 * (PLENARY_BENCH_REDIS) cannot be reached. The database is dropped at the end.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { createClient } from 'redis';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DEMO_ACCOUNTS } from './forum-gen.mjs';
import {
	cpuSeconds,
	cpuSummaryLine,
	FORUM,
	freePort,
	HOST,
	int,
	latencySummary,
	loadAverage,
	machine,
	ms,
	now,
	sleep,
	spread,
	startForumServer
} from './lib.mjs';
import { ChairScript, ClientPool, connectChair } from './pool.mjs';

const ADMIN_URL =
	process.env.PLENARY_BENCH_POSTGRES ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.PLENARY_BENCH_REDIS ?? 'redis://127.0.0.1:6379';

/** The template's tables the forum needs, parents before children (foreign keys). */
const TABLES = ['accounts', 'forums', 'sessions', 'events', 'commands', 'display_links'];

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
const ROWS_PER_INSERT = 1000;

/**
 * Run the phase. `specsFor(template, n)` gives the clients' specs (run.mjs); `config` is the
 * suite's (fanoutNs, commandsPerRound, processes). Returns what report.mjs writes, or
 * `{ skipped }` with the reason.
 */
export async function clusterPhase({ repo, work, template, config, runs, specsFor, log }) {
	const n = config.fanoutNs.at(-1);
	log(
		`\n7. Two servers on PostgreSQL and Redis (N = ${n}), ${runs} rounds of ${config.commandsPerRound} commands per layout`
	);
	const unreachable = await unreachableServices();
	if (unreachable) {
		log(`   skipped: ${unreachable}`);
		return { skipped: unreachable };
	}
	const result = {
		n,
		date: new Date().toISOString(),
		machine: machineLine(),
		load: loadAverage(),
		processes: 2 * poolSize(config),
		commandsPerRound: config.commandsPerRound,
		one: { rounds: [], cpu: [] },
		two: { rounds: [], cpu: [] }
	};
	const database = await createDatabase();
	const dir = join(work, 'cluster');
	const serverEnv = { DATABASE_URL: database.url, REDIS_URL };
	// DATABASE_PATH is not read on PostgreSQL; startForumServer sets it all the same
	const start = async (port) =>
		startForumServer({ repo, dbPath: join(dir, 'unused.db'), port, env: serverEnv });
	const halves = [new ClientPool(poolSize(config)), new ClientPool(poolSize(config))];
	let a = null;
	let b = null;
	let chair = null;
	try {
		const copied = await copyTemplate(repo, template.dbPath, database.url, dir);
		log(`   ${copied} rows copied into PostgreSQL database ${database.name}`);
		const aPort = await freePort();
		const bPort = await freePort();
		const aUrl = `http://${HOST}:${aPort}`;
		const bUrl = `http://${HOST}:${bPort}`;
		a = await start(aPort);
		await ready(aUrl);
		chair = await connectChair({
			url: aUrl,
			origin: aUrl,
			token: template.demo[DEMO_ACCOUNTS.chair],
			forum: FORUM,
			after: template.head
		});
		const script = new ChairScript({
			requestIds: template.requestIds,
			opinion: template.firstOpinion
		});
		// every other client to each half: both get the same mix of audiences
		const specs = specsFor(template, n);
		const halfSpecs = [specs.filter((_, i) => i % 2 === 0), specs.filter((_, i) => i % 2 === 1)];

		for (let round = 0; round < runs; round++) {
			for (const layout of round % 2 === 0 ? ['one', 'two'] : ['two', 'one']) {
				if (layout === 'two' && !b) {
					b = await start(bPort);
					await ready(bUrl);
				} else if (layout === 'one' && b) {
					await b.stop();
					b = null;
				}
				const urls = layout === 'two' ? [aUrl, bUrl] : [aUrl, aUrl];
				await Promise.all(
					halves.map((pool, k) =>
						pool.connect(
							{ url: urls[k], origin: urls[k], slug: FORUM, after: chair.seq },
							halfSpecs[k]
						)
					)
				);
				await sleep(1000);
				await Promise.all(halves.map((pool) => pool.all('measure', () => ({ on: true }))));
				const meter = cpuMeter([a, b].filter(Boolean), halves);
				const measured = await measureRound({
					chair,
					script,
					halves,
					commands: config.commandsPerRound
				});
				result[layout].cpu.push(meter());
				result[layout].rounds.push(measured);
				await Promise.all(halves.map((pool) => pool.all('measure', () => ({ on: false }))));
				await Promise.all(halves.map((pool) => pool.disconnect()));
				log(
					`   round ${round + 1}, ${layout === 'one' ? 'one server ' : 'two servers'}: p50 ${measured.all.p50.toFixed(1)} ms, p99 ${measured.all.p99.toFixed(1)} ms (clients on B: ${layout === 'two' ? `${measured.halves[1].p99.toFixed(1)} ms` : '—'}), ${measured.missing} missed`
				);
			}
		}
	} finally {
		chair?.close();
		await Promise.all(halves.map((pool) => pool.close()));
		await Promise.all([a?.stop(), b?.stop()]);
		await database.drop();
	}
	result.loadAfter = loadAverage();
	return result;
}

function machineLine() {
	const m = machine();
	return `${m.cpus} × ${m.model}, ${m.memoryGiB} GiB memory, Node ${m.node}`;
}

/** Half the suite's simulator processes per pool, at least one. */
function poolSize(config) {
	return Math.max(1, Math.floor(config.processes / 2));
}

/** One round of the fan-out measurement (as run.mjs does it), the clients of each half apart. */
async function measureRound({ chair, script, halves, commands }) {
	const latencies = halves.map(() => []);
	let missing = 0;
	for (let i = 0; i < commands; i++) {
		const command = script.next();
		const sent = now();
		const ack = await chair.command(command);
		if (!ack.ok) throw new Error(`${command.type}: ${JSON.stringify(ack)}`);
		const times = await Promise.all(halves.map((pool) => pool.times(ack.seq, 30_000)));
		times.forEach((received, k) => {
			missing += halves[k].sizes.reduce((s, size) => s + size, 0) - received.length;
			for (const t of received) latencies[k].push(t - sent);
		});
		// let the clients go idle: each command is measured on its own, not behind the last one
		await sleep(50);
	}
	return {
		all: latencySummary(latencies.flat()),
		halves: latencies.map(latencySummary),
		missing
	};
}

/** CPU seconds of each server, the simulators and the orchestrator since the meter was made. */
function cpuMeter(servers, pools) {
	const read = () => ({
		wall: now(),
		servers: servers.map((s) => cpuSeconds(s.pid)),
		clients: pools.reduce((s, pool) => s + pool.cpuSeconds(), 0),
		orchestrator: (process.cpuUsage().user + process.cpuUsage().system) / 1e6
	});
	const start = read();
	return () => {
		const end = read();
		const servers = end.servers.map((s, i) => s - start.servers[i]);
		return {
			wallS: (end.wall - start.wall) / 1000,
			servers,
			serverS: servers.reduce((s, v) => s + v, 0),
			clientsS: end.clients - start.clients,
			orchestratorS: end.orchestrator - start.orchestrator
		};
	};
}

/** Why the phase cannot run (PostgreSQL or Redis unreachable), or null. */
async function unreachableServices() {
	const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		await client.query('SELECT 1');
	} catch (error) {
		return `PostgreSQL at ${withoutPassword(ADMIN_URL)} cannot be reached (${error.message}); set PLENARY_BENCH_POSTGRES to an admin URL`;
	} finally {
		await client.end().catch(() => undefined);
	}
	const redis = createClient({
		url: REDIS_URL,
		socket: { connectTimeout: 3000, reconnectStrategy: false }
	});
	redis.on('error', () => undefined);
	try {
		await redis.connect();
		await redis.ping();
	} catch (error) {
		return `Redis at ${withoutPassword(REDIS_URL)} cannot be reached (${error.message}); set PLENARY_BENCH_REDIS`;
	} finally {
		if (redis.isOpen) await redis.disconnect().catch(() => undefined);
	}
	return null;
}

function withoutPassword(url) {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return url;
	}
}

/** A fresh, empty database on the admin URL's server; `drop` removes it. */
async function createDatabase() {
	const name = `plenary_bench_${randomUUID().replaceAll('-', '')}`;
	const admin = async (sql) => {
		const client = new pg.Client({ connectionString: ADMIN_URL });
		await client.connect();
		try {
			await client.query(sql);
		} finally {
			await client.end();
		}
	};
	await admin(`CREATE DATABASE ${name}`);
	const url = new URL(ADMIN_URL);
	url.pathname = `/${name}`;
	return {
		name,
		url: url.toString(),
		drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
	};
}

/**
 * The server migrates the empty database (started once, without the demo forum), then the
 * template's rows are copied in, in one transaction, a thousand rows per INSERT. Returns the
 * number of rows copied.
 */
async function copyTemplate(repo, sqlitePath, url, dir) {
	const migrating = await startForumServer({
		repo,
		dbPath: join(dir, 'unused.db'),
		port: await freePort(),
		env: { DATABASE_URL: url }
	});
	await migrating.stop();

	const source = new SQLite(sqlitePath, { readonly: true });
	const target = new pg.Client({ connectionString: url });
	await target.connect();
	let copied = 0;
	try {
		const present = new Set(
			source
				.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
				.all()
				.map((r) => r.name)
		);
		await target.query('BEGIN');
		for (const table of TABLES.filter((t) => present.has(t))) {
			const select = source.prepare(`SELECT * FROM ${table}`).raw();
			const columns = select.columns().map((c) => c.name);
			const rows = select.all();
			for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
				const batch = rows.slice(from, from + ROWS_PER_INSERT);
				const values = batch.map(
					(_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`
				);
				await target.query(
					`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`,
					batch.flat()
				);
			}
			copied += rows.length;
		}
		await target.query('COMMIT');
		// the planner's statistics, as autovacuum would gather them on a database in service
		await target.query('ANALYZE');
	} finally {
		source.close();
		await target.end();
	}
	return copied;
}

/** Wait for `GET /readyz` to answer 200: database, state, log follower and Redis adapter up. */
async function ready(url, timeoutMs = 60_000) {
	const deadline = now() + timeoutMs;
	let last = '';
	while (now() < deadline) {
		try {
			const response = await fetch(`${url}/readyz`);
			if (response.status === 200) return;
			last = await response.text();
		} catch (error) {
			last = error.message;
		}
		await sleep(200);
	}
	throw new Error(`${url} not ready after ${timeoutMs} ms: ${last}`);
}

// ---------------------------------------------------------------- the report's section

const fmt = (s) => `${ms(s.min)} / ${ms(s.median)} / ${ms(s.max)}`;

/** The section of BENCHMARKS.md for this phase (bench/report.mjs), as Markdown lines. */
export function clusterSection(phase) {
	const lines = [
		'## 7. Two servers (fan-out on PostgreSQL)',
		'',
		"The fan-out figure of section 1 with the log in PostgreSQL: the generated forum copied into a fresh database (migrated by the server itself), the production build started as server A, with `DATABASE_URL` and `REDIS_URL` (Socket.IO's Redis adapter); the presiding officer's socket and commands on A. **One server**: all N clients on A. **Two servers**: the same build started again as server B on the same database and Redis, every other client on B; B learns of each append by PostgreSQL's NOTIFY and reads it from the log before it emits to its own sockets (src/lib/server/log-follower.ts). B is started for each two-server round and stopped for each one-server round; the layouts alternate (one, two; two, one; …) so that the machine's swings weigh on both alike. The clients are two pools of niced simulators, one per half, the same in both layouts. In ms, min / median / max over the rounds; no goal is set: the figure is what the second server costs or saves.",
		''
	];
	if (phase.skipped) {
		lines.push(`- Skipped: ${phase.skipped}.`, '');
		return lines;
	}
	const half = int(phase.n / 2);
	const rows = [
		['one server', `all ${int(phase.n)} on A`, phase.one.rounds.map((r) => r.all)],
		['two servers', `all ${int(phase.n)}`, phase.two.rounds.map((r) => r.all)],
		['two servers', `the ${half} on A`, phase.two.rounds.map((r) => r.halves[0])],
		['two servers', `the ${half} on B`, phase.two.rounds.map((r) => r.halves[1])]
	];
	const missed = (layout) => phase[layout].rounds.reduce((s, r) => s + r.missing, 0);
	lines.push(
		`Measured ${phase.date} on ${phase.machine}; ${phase.one.rounds.length} rounds of ${phase.commandsPerRound} commands per layout; ${phase.processes} client simulator processes; load average ${phase.load} before this phase, ${phase.loadAfter} after.`,
		'',
		'| layout | clients | p50 | p95 | p99 | max |',
		'| --- | --- | --- | --- | --- | --- |',
		...rows.map(
			([layout, clients, summaries]) =>
				`| ${layout} | ${clients} | ${['p50', 'p95', 'p99', 'max'].map((k) => fmt(spread(summaries.map((s) => s[k])))).join(' | ')} |`
		),
		''
	);
	const median = (layout, k, pick = (r) => r.all) =>
		spread(phase[layout].rounds.map((r) => pick(r)[k])).median;
	const ratio = (k) =>
		`${ms(median('two', k))} / ${ms(median('one', k))} ms = ${(median('two', k) / median('one', k)).toFixed(2)}×`;
	const total = (cpus) => {
		const sum = (k) => cpus.reduce((s, c) => s + c[k], 0);
		return {
			wallS: sum('wallS'),
			serverS: sum('serverS'),
			clientsS: sum('clientsS'),
			orchestratorS: sum('orchestratorS'),
			servers: [0, 1].map((i) => cpus.reduce((s, c) => s + (c.servers[i] ?? 0), 0))
		};
	};
	const one = total(phase.one.cpu);
	const two = total(phase.two.cpu);
	lines.push(
		`- Two servers / one server, median p99: ${ratio('p99')}; median p50: ${ratio('p50')}.`,
		`- On two servers, median p99 of the clients on B / on A: ${ms(median('two', 'p99', (r) => r.halves[1]))} / ${ms(median('two', 'p99', (r) => r.halves[0]))} ms.`,
		`- Events missed: one server ${missed('one')}, two servers ${missed('two')}.`,
		`- CPU over the ${phase.one.cpu.length} rounds of each layout. One server: ${cpuSummaryLine(one)}. Two servers: ${cpuSummaryLine(two)}, of which A ${two.servers[0].toFixed(1)} s and B ${two.servers[1].toFixed(1)} s.`,
		''
	);
	return lines;
}
