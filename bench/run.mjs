/**
 * `npm run bench`: the production build (`node server.js`) on loopback against simulated clients
 * in separate, niced processes, each figure next to a baseline measured in the same run.
 *
 *   npm run bench              full run (N = 500, 2,000, 5,000; 7 to 25 minutes), writes BENCHMARKS.md
 *   npm run bench -- --quick   N = 200 everywhere, under two minutes, prints only
 *   options: --only=fanout,throughput,storm,page,startup,cluster,room   --out=FILE   --runs=K
 *            --n=N (one N)
 *            (cluster: two servers on PostgreSQL and Redis, bench/cluster.mjs; PLENARY_BENCH_POSTGRES,
 *            PLENARY_BENCH_REDIS; skipped when they cannot be reached)
 *            (room: N clients while heads of delegation send stances at steady rates, bench/room.mjs)
 *            --cpu-prof (the server's profiles in $TMPDIR/plenary-bench-profiles; summarise them with
 *            bench/profile-summary.mjs)
 *            --compare=DIR (the page phase: DIR's build loaded in turn with this one, printed only)
 *            --trace (the page phase: Chromium's trace of each load in $TMPDIR/plenary-bench-traces;
 *            summarise them with bench/trace-summary.mjs)
 *            --latency=MS (the page phase: every server behind bench/latency-proxy.mjs, each round
 *            trip MS longer, as on a hotel's Wi-Fi; the report says so)
 *            --bandwidth=KBPS (the page phase: the same proxy, each server's bytes sent at KBPS
 *            kilobits a second: a tablet's share of a busy venue's Wi-Fi; the report says so)
 *
 * It prints figures and exits 0; it exits 1 only when it cannot run (no build, a server that
 * does not start, clients that cannot connect). Nothing here asserts a time.
 */
import SQLite from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { appendPresenceEvents, copyDatabase, DEMO_ACCOUNTS, generateForum } from './forum-gen.mjs';
import {
	chainLink,
	cpuSeconds,
	FORUM,
	freePort,
	HOST,
	int,
	latencySummary,
	loadAverage,
	machine,
	median,
	now,
	rssBytes,
	sleep,
	startBaselineServer,
	startForumServer
} from './lib.mjs';
import { latencyProxy } from './latency-proxy.mjs';
import { measurePage, serviceWorkerPrecache } from './page.mjs';
import { ChairScript, ClientPool, connectChair } from './pool.mjs';
import { writeReport } from './report.mjs';
import { clusterPhase } from './cluster.mjs';
import { roomPhase } from './room.mjs';

const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = args.includes('--quick');
const only = option('only')?.split(',');
const runs = Number(option('runs') ?? 3);
const repo = process.cwd();

const CONFIG = quick
	? {
			mode: 'quick',
			participants: 200,
			delegations: 200,
			processes: 2,
			fanoutNs: [200],
			commandsPerRound: 12,
			senders: 150,
			throughputSeconds: 4,
			stormN: 200,
			requests: 20,
			startupEvents: 200_000,
			pageLoads: 3,
			roomN: 200,
			roomSenders: 50,
			roomRates: [5, 25],
			roomSeconds: 2
		}
	: {
			mode: 'full',
			participants: 5000,
			delegations: 500,
			processes: 4,
			fanoutNs: [500, 2000, 5000],
			commandsPerRound: 18,
			senders: 200,
			throughputSeconds: 10,
			stormN: 5000,
			requests: 120,
			startupEvents: 200_000,
			// one page load is about 2-3 s, and one load in four may be disturbed by the machine: the
			// median of 9 pairs holds where that of 3 swung by 0.6 s between runs
			pageLoads: 9,
			// the room at work (bench/room.mjs): a call for consensus is a few stances a second; all
			// heads of delegation reacting at once, a few tens
			roomN: 5000,
			roomSenders: 100,
			roomRates: [5, 25],
			roomSeconds: 8
		};

if (option('n')) {
	const n = Number(option('n'));
	CONFIG.fanoutNs = [n];
	CONFIG.stormN = n;
	CONFIG.roomN = n;
	CONFIG.participants = Math.max(CONFIG.participants, n);
}

const wanted = (phase) => !only || only.includes(phase);
const log = (...parts) => console.log(...parts);

if (!existsSync(join(repo, 'build/handler.js')) || !existsSync(join(repo, 'server.js'))) {
	console.error('No production build here: run `npm run build` first, from the repository root.');
	process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'plenary-bench-'));
const results = { config: CONFIG, machine: machine(), runs, phases: {} };
let pool = null;

/** CPU seconds used by the server, the client simulators and the orchestrator since `from`. */
function cpuMeter(serverPid) {
	const read = () => ({
		wall: now(),
		server: cpuSeconds(serverPid),
		clients: pool ? pool.cpuSeconds() : 0,
		orchestrator: (process.cpuUsage().user + process.cpuUsage().system) / 1e6
	});
	const start = read();
	const meter = () => {
		const end = read();
		return {
			wallS: (end.wall - start.wall) / 1000,
			serverS: end.server - start.server,
			clientsS: end.clients - start.clients,
			orchestratorS: end.orchestrator - start.orchestrator
		};
	};
	meter.serverStart = start.server;
	return meter;
}

/** The rules module, bundled (zod included) so the simulators can apply events as the page does. */
async function bundleRules() {
	const outDir = join(work, 'rules');
	await build({
		configFile: false,
		logLevel: 'warn',
		root: repo,
		resolve: { alias: { $lib: join(repo, 'src/lib') } },
		ssr: { noExternal: true },
		build: {
			ssr: join(repo, 'src/lib/forum/rules.ts'),
			outDir,
			emptyOutDir: true,
			minify: false,
			rollupOptions: { output: { entryFileNames: 'rules.mjs' } }
		}
	});
	return join(outDir, 'rules.mjs');
}

/** Client specs for the first `n` generated participants. */
function specsFor(template, n) {
	return template.people.slice(0, n).map((p) => ({
		id: p.id,
		token: p.token,
		audiences: p.category === 'member_state' ? 'public,member_states' : 'public'
	}));
}

// ------------------------------------------------------------------ 1. fan-out latency

/**
 * `runs` rounds of commands, after one more that is not counted: the first commands after a
 * server starts (or after N new clients connect) measure the JIT compiling its paths, not the
 * fan-out of a server that has been running, as a forum's has. The baseline gets the same.
 */
async function runFanoutRounds({ chair, script, n, echoes }) {
	const rounds = [];
	const sentEvents = [];
	for (let round = 0; round < runs + 1; round++) {
		const latencies = [];
		let missing = 0;
		for (let i = 0; i < CONFIG.commandsPerRound; i++) {
			const command = script ? script.next() : { type: 'baseline.echo' };
			const echo = echoes?.[round * CONFIG.commandsPerRound + i];
			const sent = now();
			const ack = await chair.command(command, echo ? { echo } : {});
			if (!ack.ok) throw new Error(`${command.type}: ${JSON.stringify(ack)}`);
			const times = await pool.times(ack.seq, 30_000);
			missing += n - times.length;
			for (const t of times) latencies.push(t - sent);
			if (!echoes) {
				await sleep(20);
				const event = chair.events.get(ack.seq);
				const { type, payload, audience, actor } = event;
				sentEvents.push({ type, payload, audience, actor });
			}
			// let the clients go idle: each command is measured on its own, not behind the last one
			await sleep(30);
		}
		if (round > 0) rounds.push({ ...latencySummary(latencies), missing });
	}
	return { rounds, sentEvents };
}

async function fanoutPhase(template) {
	log(
		`\n1. Fan-out latency (N = ${CONFIG.fanoutNs.join(', ')}), ${runs} rounds of ${CONFIG.commandsPerRound} commands after one not counted`
	);
	const dbPath = copyDatabase(template.dbPath, join(work, 'fanout'));
	const port = await freePort();
	const url = `http://${HOST}:${port}`;
	const server = await startForumServer({ repo, dbPath, port, nodeArgs: cpuProfArgs('fanout') });
	const script = new ChairScript({
		requestIds: template.requestIds,
		opinion: template.firstOpinion
	});
	const perN = [];
	try {
		for (const n of CONFIG.fanoutNs) {
			// the product
			const chair = await connectChair({
				url,
				origin: url,
				token: template.demo[DEMO_ACCOUNTS.chair],
				forum: FORUM,
				after: template.head
			});
			const idleRss = rssBytes(server.pid);
			await pool.connect(
				{ url, origin: url, slug: FORUM, after: chair.seq },
				specsFor(template, n)
			);
			await sleep(1000);
			const connectedRss = rssBytes(server.pid);
			await pool.all('measure', () => ({ on: true }));
			const meter = cpuMeter(server.pid);
			const product = await runFanoutRounds({ chair, script, n });
			const productCpu = meter();
			await pool.all('measure', () => ({ on: false }));
			chair.close();
			await pool.disconnect();

			// the baseline: a bare Socket.IO server, the same clients, the same events
			const basePort = await freePort();
			const baseUrl = `http://${HOST}:${basePort}`;
			const baseline = await startBaselineServer({ repo, port: basePort, head: chair.seq });
			const baseChair = await connectChair({
				url: baseUrl,
				origin: baseUrl,
				forum: FORUM,
				after: 0
			});
			const baseIdleRss = rssBytes(baseline.pid);
			await pool.connect(
				{ url: baseUrl, origin: baseUrl, slug: FORUM, after: 0 },
				specsFor(template, n)
			);
			await sleep(1000);
			const baseConnectedRss = rssBytes(baseline.pid);
			await pool.all('measure', () => ({ on: true }));
			const baseMeter = cpuMeter(baseline.pid);
			const base = await runFanoutRounds({ chair: baseChair, n, echoes: product.sentEvents });
			const baseCpu = baseMeter();
			await pool.all('measure', () => ({ on: false }));
			baseChair.close();
			await pool.disconnect();
			await baseline.stop();

			const entry = {
				n,
				product: product.rounds,
				baseline: base.rounds,
				productCpu,
				baselineCpu: baseCpu,
				memory: {
					productPerClient: (connectedRss - idleRss) / n,
					baselinePerClient: (baseConnectedRss - baseIdleRss) / n,
					productRss: connectedRss,
					baselineRss: baseConnectedRss
				},
				eventBytes: Math.round(
					product.sentEvents.reduce(
						(s, e) =>
							s +
							JSON.stringify({ forum: FORUM, events: [{ seq: 1, ...e, at: Date.now() }] }).length,
						0
					) / Math.max(1, product.sentEvents.length)
				)
			};
			perN.push(entry);
			const p99 = (rounds) => rounds.map((r) => r.p99.toFixed(1)).join('/');
			log(
				`   N=${n}: p99 product ${p99(entry.product)} ms, baseline ${p99(entry.baseline)} ms; ${(entry.memory.productPerClient / 1024).toFixed(1)} KB/client`
			);
		}
	} finally {
		await server.stop();
	}
	results.phases.fanout = perN;
}

// ------------------------------------------------------------------ 2. durable throughput

async function throughputPhase(template) {
	log(
		`\n2. Durable command throughput: ${CONFIG.senders} clients, ${CONFIG.throughputSeconds} s, ${runs} runs`
	);
	// one sender per delegation that may take a stance (the floor takes one statement per delegation)
	const requesting = new Set(template.requesters);
	const senders = template.people
		.filter((p) => p.role === 'head' && !requesting.has(p.id))
		.filter((p) => p.category === 'member_state' || p.category === 'sector_member')
		.slice(0, CONFIG.senders);
	const specs = senders.map((p) => ({ id: p.id, token: p.token, audiences: 'public' }));
	const out = [];
	for (let run = 0; run < runs; run++) {
		const dbPath = copyDatabase(template.dbPath, join(work, `throughput-${run}`));
		const port = await freePort();
		const url = `http://${HOST}:${port}`;
		const server = await startForumServer({
			repo,
			dbPath,
			port,
			// the server's capacity, not the per-participant limits (limits.ts) that a real room
			// never reaches: 200 senders at full speed would be over them within a second
			env: { PLENARY_RATE_LIMITS: 'off' },
			nodeArgs: cpuProfArgs(`throughput-${run}`)
		});
		await pool.connect({ url, origin: url, slug: FORUM, after: template.head }, specs);
		const meter = cpuMeter(server.pid);
		const replies = await pool.all('hammer', (i) => ({
			indices: Array.from({ length: pool.sizes[i] }, (_, k) => k),
			seconds: CONFIG.throughputSeconds,
			opinion: template.firstOpinion
		}));
		const cpu = meter();
		// Kill without a shutdown: whatever was acknowledged must already be on disk. (When profiling,
		// a graceful stop, so that the profile is written.)
		if (args.includes('--cpu-prof')) await server.stop();
		else await server.kill();
		await pool.disconnect();
		const acked = replies.flatMap((r) => r.acked);
		const refused = {};
		for (const r of replies)
			for (const [code, n] of Object.entries(r.refused)) refused[code] = (refused[code] ?? 0) + n;
		const db = new SQLite(dbPath, { readonly: true });
		const has = db.prepare('SELECT 1 FROM commands WHERE forum = ? AND id = ?');
		const lost = acked.filter((id) => !has.get(FORUM, id)).length;
		db.close();
		const ackMs = latencySummary(replies.flatMap((r) => r.ackMs));

		const baseDb = copyDatabase(template.dbPath, join(work, `sqlite-${run}`));
		const baseMeterStart = process.cpuUsage();
		const baseline = spawnSync(
			process.execPath,
			['bench/sqlite-baseline.mjs', dbPath, baseDb, String(template.head)],
			{
				cwd: repo,
				encoding: 'utf8'
			}
		);
		if (baseline.status !== 0) throw new Error(`sqlite baseline failed: ${baseline.stderr}`);
		void baseMeterStart;
		const base = JSON.parse(baseline.stdout.trim().split('\n').at(-1));
		const entry = {
			perSecond: acked.length / cpu.wallS,
			acked: acked.length,
			lost,
			refused,
			errors: replies.reduce((s, r) => s + r.errors, 0),
			ackMs,
			baselinePerSecond: base.perSecond,
			baselineCommands: base.commands,
			cpu
		};
		out.push(entry);
		log(
			`   run ${run + 1}: ${entry.perSecond.toFixed(0)} commands/s (baseline ${base.perSecond.toFixed(0)}/s), ${acked.length} acknowledged, ${lost} not on disk, refused ${JSON.stringify(refused)}`
		);
		rmSync(join(work, `sqlite-${run}`), { recursive: true, force: true });
	}
	results.phases.throughput = {
		senders: specs.length,
		seconds: CONFIG.throughputSeconds,
		runs: out
	};
}

// ------------------------------------------------------------------ 3. reconnect storm (+ 4. memory)

/** The chain each audience's clients must hold: every event after `after` they may see, in order. */
function expectedChains(dbPath, after) {
	const db = new SQLite(dbPath, { readonly: true });
	const rows = db
		.prepare(
			'SELECT seq, type, payload, audience FROM events WHERE forum = ? AND seq > ? ORDER BY seq'
		)
		.all(FORUM, after);
	db.close();
	const expected = {};
	for (const key of ['public', 'public,member_states']) {
		const audiences = key.split(',');
		let chain = 'start';
		let seq = after;
		for (const row of rows) {
			if (!audiences.includes(row.audience)) continue;
			chain = chainLink(chain, row.seq, row.type, row.payload);
			seq = row.seq;
		}
		expected[key] = { chain, seq };
	}
	// the seq a client holds is the last it applied: events for other audiences do not move it
	const personal = rows.filter((r) => r.audience.startsWith('participant:')).length;
	return { expected, personal, head: rows.at(-1)?.seq ?? after };
}

async function stormPhase(template, rulesPath) {
	const n = CONFIG.stormN;
	log(`\n3. Reconnect storm under ${n} clients, ${runs} restarts; 4. memory per client`);
	const dbPath = copyDatabase(template.dbPath, join(work, 'storm'));
	const port = await freePort();
	const url = `http://${HOST}:${port}`;
	let server = await startForumServer({ repo, dbPath, port });
	const chair = await connectChair({
		url,
		origin: url,
		token: template.demo[DEMO_ACCOUNTS.chair],
		forum: FORUM,
		after: template.head,
		reconnection: true
	});
	// warm the server (a command, a few page-free syncs) before its idle memory is read
	let itemOpen = true;
	const toggle = async () => {
		const ack = await chair.command({ type: itemOpen ? 'agenda.suspend' : 'agenda.open', item: 8 });
		if (!ack.ok) throw new Error(`toggle: ${JSON.stringify(ack)}`);
		itemOpen = !itemOpen;
		return ack.seq;
	};
	await toggle();
	await sleep(500);
	const idleRss = rssBytes(server.pid);
	const start = chair.seq;
	const connected = await connectTimed(() =>
		pool.connect(
			{ url, origin: url, slug: FORUM, after: start, track: true, rulesPath, fullState: 1 },
			specsFor(template, n)
		)
	);
	await sleep(2000);
	const connectedRss = rssBytes(server.pid);
	const memory = [
		{
			label: 'after connecting',
			perClient: (connectedRss - idleRss) / n,
			rss: connectedRss,
			idleRss
		}
	];
	log(
		`   ${n} clients connected and synced in ${(connected.ms / 1000).toFixed(1)} s; server RSS ${(idleRss / 2 ** 20).toFixed(0)} → ${(connectedRss / 2 ** 20).toFixed(0)} MiB`
	);

	const storms = [];
	try {
		for (let run = 0; run < runs; run++) {
			await pool.all('stormArm');
			pool.resynced = 0;
			const allResynced = new Promise((resolve) => {
				pool.onResynced = () => pool.resynced === pool.children.length && resolve();
			});
			await toggle();
			const meter = cpuMeter(server.pid);
			const chairCutOff = new Promise((resolve) => chair.socket.once('disconnect', resolve));
			const restartedAt = now();
			const stoppedServerCpu = cpuSeconds(server.pid);
			await server.stop();
			await chairCutOff;
			const downAt = now();
			server = await startForumServer({
				repo,
				dbPath,
				port,
				nodeArgs: cpuProfArgs(`storm-${run}`)
			});
			const upAt = now();
			// the Chair carries on as soon as its own device is back: two more commands, which reach
			// some clients live, some in their sync reply, some while their sync is in flight
			await new Promise((resolve) =>
				chair.socket.connected ? resolve() : chair.socket.once('connect', resolve)
			);
			await chair.synced;
			await toggle();
			await sleep(100);
			await toggle();
			const timeout = sleep(60_000).then(() => 'timeout');
			const outcome = await Promise.race([allResynced, timeout]);
			const status = await pool.all('stormStatus');
			if (outcome === 'timeout')
				log(
					`   storm ${run + 1}: not every client resynced within 60 s: ${JSON.stringify(status)}`
				);
			await sleep(500);
			const { expected, personal } = expectedChains(dbPath, start);
			const verified = await pool.all('verify', () => ({ expected, url, origin: url }));
			// the server's CPU: the stopped process's last seconds, and all of the new one's
			const cpu = {
				...meter(),
				serverS: stoppedServerCpu - meter.serverStart + cpuSeconds(server.pid)
			};
			const doneAt = verified.flatMap((v) => v.doneAt);
			const resyncedAt = verified.flatMap((v) => v.resyncedAt);
			const match = verified.reduce((s, v) => s + v.match, 0);
			const states = verified.flatMap((v) => v.states);
			const entry = {
				allEqualS: match === n ? (Math.max(...doneAt) - restartedAt) / 1000 : NaN,
				lastResyncS: (Math.max(...resyncedAt) - restartedAt) / 1000,
				medianResyncS:
					(resyncedAt.sort((a, b) => a - b)[Math.floor(resyncedAt.length / 2)] - restartedAt) /
					1000,
				shutdownS: (downAt - restartedAt) / 1000,
				startS: (upAt - downAt) / 1000,
				resynced: resyncedAt.length,
				match,
				mismatches: verified.reduce((s, v) => s + v.mismatches, 0),
				examples: verified.flatMap((v) => v.examples).slice(0, 3),
				snapshots: verified.reduce((s, v) => s + v.snapshots, 0),
				skipped: verified.reduce((s, v) => s + v.skipped, 0),
				statesEqual: states.filter((s) => s.equal).length,
				statesChecked: states.length,
				personal,
				cpu
			};
			storms.push(entry);
			await sleep(1000);
			const rss = rssBytes(server.pid);
			memory.push({
				label: `after restart ${run + 1}`,
				perClient: (rss - idleRss) / n,
				rss,
				idleRss
			});
			log(
				`   storm ${run + 1}: all ${entry.match}/${n} equal to the server after ${entry.allEqualS.toFixed(2)} s (last resync ${entry.lastResyncS.toFixed(2)} s, server down ${entry.shutdownS.toFixed(2)} s + start ${entry.startS.toFixed(2)} s); full states equal ${entry.statesEqual}/${entry.statesChecked}; ${entry.mismatches} mismatches`
			);
		}
	} finally {
		chair.close();
		await pool.disconnect();
		await server.stop();
	}
	results.phases.storm = { n, storms };
	results.phases.memory = { n, samples: memory };
}

async function connectTimed(connect) {
	const started = now();
	const result = await connect();
	return { ...result, ms: now() - started };
}

// ------------------------------------------------------------------ 5. page weight and speed

/**
 * The page baseline, written to `dir`: bench/baseline-page.js bundled with the product's Socket.IO
 * client, and a page with the delegate's agenda (its ten items) as plain server-rendered HTML.
 */
async function buildBaselinePage(dir) {
	await build({
		configFile: false,
		logLevel: 'warn',
		root: repo,
		build: {
			outDir: dir,
			emptyOutDir: true,
			minify: true,
			lib: {
				entry: join(repo, 'bench/baseline-page.js'),
				formats: ['es'],
				fileName: () => 'client.js'
			}
		}
	});
	const items = Array.from(
		{ length: 10 },
		(_, i) =>
			`<li data-testid="agenda-item-${i + 1}"><span>${i + 1}</span> Agenda item ${i + 1}</li>`
	).join('');
	writeFileSync(
		join(dir, 'index.html'),
		`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Baseline</title><script type="module" src="/client.js"></script></head><body><header><h1>Sixth World Telecommunication/ICT Policy Forum</h1><span data-testid="connection">Connecting…</span></header><main><ol>${items}</ol></main></body></html>`
	);
}

async function pagePhase(template) {
	// --runs=K gives K loads here too
	const pageLoads = option('runs') === undefined ? CONFIG.pageLoads : runs;
	log(
		`\n5. Page weight and speed of the delegate's view (Chromium, CPU ×4 slower), ${pageLoads} loads`
	);
	const dbPath = copyDatabase(template.dbPath, join(work, 'page'));
	// --latency=MS: the browser reaches each server through a proxy that adds MS to every round
	// trip (bench/latency-proxy.mjs); a server takes the address the browser uses as its origin
	const latencyMs = Number(option('latency') ?? 0);
	// --bandwidth=KBPS: and the servers' bytes share one link of that many kilobits a second
	const bandwidthKbps = Number(option('bandwidth') ?? 0);
	const proxies = [];
	const reached = async (port) => {
		if (!latencyMs && !bandwidthKbps) return port;
		const front = await freePort();
		proxies.push(
			await latencyProxy({
				host: HOST,
				port: front,
				target: { host: HOST, port },
				rttMs: latencyMs,
				downKbps: bandwidthKbps
			})
		);
		return front;
	};
	const port = await freePort();
	const url = `http://${HOST}:${await reached(port)}`;
	const server = await startForumServer({
		repo,
		dbPath,
		port,
		env: { ORIGIN: url },
		nodeArgs: cpuProfArgs('page-server')
	});
	// --compare=DIR: another checkout's build, loaded in turn with this one in the same browser
	// (an A/B of the page whose loads share the machine's swings); printed, not reported
	const compareRepo = option('compare') ? resolve(option('compare')) : null;
	const comparePort = compareRepo ? await freePort() : null;
	const compareUrl = compareRepo ? `http://${HOST}:${await reached(comparePort)}` : null;
	const compare = compareRepo
		? await startForumServer({
				repo: compareRepo,
				dbPath: copyDatabase(template.dbPath, join(work, 'page-compare')),
				port: comparePort,
				env: { ORIGIN: compareUrl }
			})
		: null;
	const pageDir = join(work, 'baseline-page');
	await buildBaselinePage(pageDir);
	const basePort = await freePort();
	const baseUrl = `http://${HOST}:${await reached(basePort)}`;
	const baseline = await startBaselineServer({ repo, port: basePort, pageDir });
	if (latencyMs) log(`   every round trip ${latencyMs} ms longer (bench/latency-proxy.mjs)`);
	if (bandwidthKbps) {
		log(`   the servers' bytes at ${bandwidthKbps} kbit/s, each server's own link`);
	}
	try {
		const delegate =
			template.people.find((p) => p.category === 'member_state' && p.role === 'delegate') ??
			template.people[0];
		const profileDir = args.includes('--cpu-prof')
			? join(tmpdir(), 'plenary-bench-profiles')
			: null;
		const traceDir = args.includes('--trace') ? join(tmpdir(), 'plenary-bench-traces') : null;
		// the delegate's view, from this build's server or the compared one's
		const forumPage = (name, serverUrl) => ({
			name,
			url: serverUrl,
			path: `/forums/${FORUM}`,
			token: delegate.token
		});
		const { byTarget: loads, browser: browserVersion } = await measurePage({
			targets: [
				forumPage('plenary', url),
				{ name: 'baseline', url: baseUrl, path: '/' },
				...(compare ? [forumPage('compare', compareUrl)] : [])
			],
			runs: pageLoads,
			profileDir,
			traceDir
		});
		for (const [name, list] of Object.entries(loads)) {
			for (const l of list) {
				log(
					`   ${name}: HTML from ${l.responseStartMs.toFixed(0)} to ${l.responseEndMs.toFixed(0)} ms, scripts and styles in by ${l.assetsLoadedMs.toFixed(0)} ms, DOM interactive ${l.domInteractiveMs.toFixed(0)} ms, first paint ${l.firstPaintMs.toFixed(0)} ms, largest paint ${l.largestPaintMs.toFixed(0)} ms, DOMContentLoaded ${l.domContentLoadedMs.toFixed(0)} ms; usable after ${l.usableMs.toFixed(0)} ms; JS ${(l.jsGzip / 1024).toFixed(1)} KB gzip in ${l.jsFiles} files, CSS ${(l.cssGzip / 1024).toFixed(1)} KB, HTML ${(l.htmlGzip / 1024).toFixed(1)} KB gzip (${(l.htmlRaw / 1024).toFixed(0)} KB raw, ${(l.htmlWire / 1024).toFixed(1)} KB on the wire), fetched ${(l.fetchedGzip / 1024).toFixed(1)} KB gzip (${(l.fetchedRaw / 1024).toFixed(0)} KB raw, ${(l.fetchedWire / 1024).toFixed(1)} KB on the wire)`
				);
			}
		}
		if (compare) {
			const usable = (name) => median(loads[name].map((l) => l.usableMs));
			const interactive = (name) => median(loads[name].map((l) => l.domInteractiveMs));
			const painted = (name) => median(loads[name].map((l) => l.firstPaintMs));
			const largest = (name) => median(loads[name].map((l) => l.largestPaintMs));
			log(
				`   this build / ${compareRepo}: usable ${int(usable('plenary'))} / ${int(usable('compare'))} ms, DOM interactive ${int(interactive('plenary'))} / ${int(interactive('compare'))} ms, first paint ${int(painted('plenary'))} / ${int(painted('compare'))} ms, largest paint ${int(largest('plenary'))} / ${int(largest('compare'))} ms (medians)`
			);
		}
		const precache = await serviceWorkerPrecache(url);
		log(`   browser: ${browserVersion}`);
		results.phases.page = {
			participants: CONFIG.participants,
			browser: browserVersion,
			latencyMs,
			bandwidthKbps,
			loads: loads.plenary,
			baseline: loads.baseline,
			precache
		};
	} finally {
		await Promise.all([server.stop(), baseline.stop(), compare?.stop()]);
		await Promise.all(proxies.map((p) => p.close()));
	}
}

// ------------------------------------------------------------------ 6. start-up

async function startupPhase(template) {
	log(
		`\n6. Start-up: rebuilding the forum from a log of ${CONFIG.startupEvents.toLocaleString('en-US')} more events, ${runs} starts`
	);
	const bigDb = copyDatabase(template.dbPath, join(work, 'startup'));
	const head = appendPresenceEvents(bigDb, template.people, CONFIG.startupEvents);
	const baseDb = copyDatabase(template.dbPath, join(work, 'startup-base'));
	const measure = async (dbPath, label) => {
		const out = [];
		for (let run = 0; run < runs; run++) {
			const port = await freePort();
			const server = await startForumServer({
				repo,
				dbPath,
				port,
				nodeArgs: cpuProfArgs(`startup-${label}-${run}`)
			});
			const loaded = /loaded .*/i.exec(server.output())?.[0] ?? null;
			out.push({
				readyMs: server.readyMs,
				cpuS: cpuSeconds(server.pid),
				rss: rssBytes(server.pid),
				logLine: loaded
			});
			await server.stop();
		}
		return out;
	};
	const big = await measure(bigDb, 'big');
	const base = await measure(baseDb, 'base');
	log(
		`   ready after ${big.map((r) => r.readyMs.toFixed(0)).join('/')} ms with ${head.toLocaleString('en-US')} events; ${base.map((r) => r.readyMs.toFixed(0)).join('/')} ms with ${template.head.toLocaleString('en-US')}`
	);
	results.phases.startup = { events: head, baseEvents: template.head, big, base };
}

function cpuProfArgs(label) {
	if (!args.includes('--cpu-prof')) return [];
	const dir = join(tmpdir(), 'plenary-bench-profiles');
	mkdirSync(dir, { recursive: true });
	return ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${label}.cpuprofile`];
}

// ------------------------------------------------------------------ main

const out = option('out') ?? (quick ? null : 'BENCHMARKS.md');
try {
	const started = now();
	log(
		`Plenary benchmark (${CONFIG.mode}) on ${results.machine.cpus} × ${results.machine.model}, ${results.machine.memoryGiB} GiB, Node ${results.machine.node}; load ${results.machine.load}`
	);
	log(`Generating a forum with ${CONFIG.participants} participants`);
	const template = await generateForum({
		repo,
		dir: join(work, 'template'),
		participants: CONFIG.participants,
		delegations: CONFIG.delegations,
		requests: CONFIG.requests,
		log
	});
	pool = new ClientPool(CONFIG.processes);
	const phases = [
		['fanout', () => fanoutPhase(template)],
		['throughput', () => throughputPhase(template)],
		['storm', async () => stormPhase(template, await bundleRules())],
		['page', () => pagePhase(template)],
		['startup', () => startupPhase(template)],
		[
			'cluster',
			async () =>
				(results.phases.cluster = await clusterPhase({
					repo,
					work,
					template,
					config: CONFIG,
					runs,
					specsFor,
					log
				}))
		],
		[
			'room',
			async () =>
				(results.phases.room = await roomPhase({
					repo,
					work,
					template,
					config: CONFIG,
					runs,
					pool,
					specsFor,
					cpuMeter,
					nodeArgs: cpuProfArgs('room'),
					log
				}))
		]
	];
	for (const [name, phase] of phases) {
		if (!wanted(name)) continue;
		await phase();
		// what is measured so far is kept, should a later phase fail
		results.totalS = (now() - started) / 1000;
		if (out) await writeReport(results, resolve(repo, out));
		writeFileSync(join(tmpdir(), 'plenary-bench-results.json'), JSON.stringify(results));
	}
	await pool.close();
	pool = null;
	results.machine.loadAfter = loadAverage();
	results.totalS = (now() - started) / 1000;
	const text = await writeReport(results, out ? resolve(repo, out) : null);
	log(`\n${text}`);
	log(`Done in ${results.totalS.toFixed(0)} s${out ? `; written to ${out}` : ''}.`);
	rmSync(work, { recursive: true, force: true });
	process.exit(0);
} catch (error) {
	console.error(`The benchmark could not run: ${error.stack ?? error}`);
	await pool?.close();
	rmSync(work, { recursive: true, force: true });
	process.exit(1);
}
