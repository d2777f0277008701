/**
 * Shared helpers of the benchmark: starting the built server, reading a process's CPU time and
 * resident memory from /proc, statistics, and the hashes the clients and the orchestrator agree on.
 */
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';

export const FORUM = 'wtpf-26';
export const HOST = '127.0.0.1';
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** What a started process keeps of its output once it is ready (its last lines). */
const OUTPUT_KEPT = 64 * 1024;

/** Clock ticks per second of /proc/<pid>/stat (getconf CLK_TCK; 100 on every Linux we run on). */
const CLK_TCK = 100;

/** User + system CPU seconds a process has used so far; 0 once it is gone. */
export function cpuSeconds(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// the command name may hold spaces: the fields start after its closing parenthesis
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
	} catch {
		return 0;
	}
}

/** Resident set size in bytes (VmRSS), or 0 once the process is gone. */
export function rssBytes(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /VmRSS:\s+(\d+) kB/.exec(status);
		return match ? Number(match[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

export function loadAverage() {
	try {
		return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
	} catch {
		return 'unknown';
	}
}

export function machine() {
	const model = cpus()[0]?.model ?? 'unknown';
	return {
		cpus: cpus().length,
		model,
		memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
		node: process.version,
		date: new Date().toISOString(),
		load: loadAverage()
	};
}

/** A port nobody listens on right now. */
export function freePort() {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, HOST, () => {
			const { port } = probe.address();
			probe.close(() => resolve(port));
		});
	});
}

/**
 * Start `node <script>` (the production build's server.js, or the bare baseline server) and
 * resolve once it prints that it listens. Returns a handle to stop or kill it.
 */
export async function startProcess({
	cwd,
	script,
	env,
	nodeArgs = [],
	ready = 'listening',
	timeoutMs = 120_000
}) {
	const started = now();
	const child = spawn(process.execPath, [...nodeArgs, script], {
		cwd,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const exited = new Promise((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal }))
	);
	await new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${script} not ready after ${timeoutMs} ms:\n${output}`));
		}, timeoutMs);
		const onData = (chunk) => {
			output += chunk.toString();
			if (output.includes(ready)) {
				clearTimeout(timer);
				// From now on keep only the last lines: the server logs a line per command, and
				// searching an ever longer string cost this process seconds of CPU a run.
				child.stdout.off('data', onData);
				child.stdout.on(
					'data',
					(more) => (output = (output + more.toString()).slice(-OUTPUT_KEPT))
				);
				resolve();
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', (chunk) => (output += chunk.toString()));
		exited.then(({ code, signal }) => {
			clearTimeout(timer);
			reject(new Error(`${script} exited (${code ?? signal}) before it was ready:\n${output}`));
		});
	});
	const readyMs = now() - started;
	return {
		pid: child.pid,
		readyMs,
		output: () => output,
		exited,
		/** SIGTERM (the server's own shutdown), SIGKILL after 10 s */
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(force);
		},
		/** SIGKILL: no shutdown handler runs */
		async kill() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGKILL');
			await exited;
		}
	};
}

/** The production server on a database file, on loopback. */
export function startForumServer({ repo, dbPath, port, env = {}, nodeArgs = [] }) {
	return startProcess({
		cwd: repo,
		script: 'server.js',
		nodeArgs,
		env: {
			PORT: String(port),
			HOST,
			ORIGIN: `http://${HOST}:${port}`,
			DATABASE_PATH: dbPath,
			PLENARY_DEMO: '0',
			...env
		}
	});
}

/**
 * A command to the forum over the HTTP API (`POST /api/forums/:forum/commands`, docs/api.md) as the
 * session `token`; a fresh id unless `command` has one. The answer's status and body.
 */
export async function sendCommand(url, token, command) {
	const response = await fetch(`${url}/api/forums/${FORUM}/commands`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: `plenary_session=${token}` },
		body: JSON.stringify({ id: randomUUID(), ...command })
	});
	return { status: response.status, body: await response.json() };
}

/**
 * The bare Socket.IO server (bench/baseline-server.mjs) on `port`, on loopback: its event numbers
 * go on from `head`; with `pageDir`, it also serves the page baseline from there.
 */
export function startBaselineServer({ repo, port, head = 0, pageDir }) {
	return startProcess({
		cwd: repo,
		script: 'bench/baseline-server.mjs',
		env: {
			PORT: String(port),
			HOST,
			BASELINE_HEAD: String(head),
			...(pageDir ? { BASELINE_PAGE_DIR: pageDir } : {})
		}
	});
}

// ---------------------------------------------------------------- statistics

export function percentile(sorted, p) {
	if (sorted.length === 0) return NaN;
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank];
}

/** p50, p95, p99 and max of a list of numbers. */
export function latencySummary(values) {
	const sorted = Float64Array.from(values).sort();
	return {
		count: sorted.length,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		max: sorted.length ? sorted[sorted.length - 1] : NaN
	};
}

export function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** min / median / max of the runs' values. */
export function spread(values) {
	const finite = values.filter((v) => Number.isFinite(v));
	if (finite.length === 0) return { min: NaN, median: NaN, max: NaN, runs: values.length };
	return {
		min: Math.min(...finite),
		median: median(finite),
		max: Math.max(...finite),
		runs: values.length
	};
}

// ---------------------------------------------------------------- hashes

/**
 * The chain of events a client applied, hashed: each link covers the previous link and the
 * event's sequence number, type and payload. Equal chains from the same starting point mean the
 * same events, in the same order, none missing, none twice.
 */
export function chainLink(previous, seq, type, payloadJson) {
	return createHash('sha1').update(`${previous}|${seq}:${type}:${payloadJson}`).digest('hex');
}

/** A hash of a JSON value that does not depend on the order of object keys. */
export function stateHash(value) {
	const hash = createHash('sha1');
	const walk = (v) => {
		if (v === null || typeof v !== 'object') {
			hash.update(JSON.stringify(v) ?? 'undefined');
		} else if (Array.isArray(v)) {
			hash.update('[');
			for (const item of v) {
				walk(item);
				hash.update(',');
			}
			hash.update(']');
		} else {
			hash.update('{');
			for (const key of Object.keys(v).sort()) {
				if (v[key] === undefined) continue;
				hash.update(JSON.stringify(key) + ':');
				walk(v[key]);
				hash.update(',');
			}
			hash.update('}');
		}
	};
	walk(value);
	return hash.digest('hex');
}

// ---------------------------------------------------------------- formatting

export const ms = (v) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(1)) : 'n/a');
export const int = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
export const ratio = (a, b) =>
	Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) + '×' : 'n/a';

export function cpuSummaryLine({ wallS, serverS, clientsS, orchestratorS }) {
	const pct = (s) => (wallS > 0 ? `${Math.round((s / wallS) * 100)}%` : 'n/a');
	return `server ${serverS.toFixed(1)} s CPU (${pct(serverS)} of one core), clients ${clientsS.toFixed(1)} s (${pct(clientsS)}), orchestrator ${orchestratorS.toFixed(1)} s, over ${wallS.toFixed(1)} s`;
}
