/**
 * GET /healthz: the process is up (nothing else is touched). GET /readyz: this server can take
 * traffic: its database answers, its forums are loaded, and whatever else was registered with
 * `readinessCheck` (the Socket.IO adapter, when one is configured) answers too. A load balancer
 * or an orchestrator sends traffic only to a ready server and restarts one that is not healthy.
 */
import { sql } from 'kysely';
import { app } from './app';
import { configuredKind } from './dialect';
import { log } from './log';
import { currentIo } from './realtime';

/** Resolves (with details to show) when the part it checks works; throws when it does not. */
export type ReadinessCheck = () => Promise<Record<string, unknown> | void>;

/** A check that has not answered within this time has failed. */
const CHECK_TIMEOUT_MS = 2000;

/** server.js sets it on SIGTERM: a server that is shutting down takes no new traffic. */
const STOPPING_KEY = Symbol.for('plenary.stopping');

const checks = new Map<string, ReadinessCheck>([
	[
		'state',
		async () => {
			if ((globalThis as Record<symbol, unknown>)[STOPPING_KEY]) {
				throw new Error('the server is shutting down');
			}
			const { forums } = await app();
			return { forums: forums.slugs().length };
		}
	],
	[
		'database',
		async () => {
			const { db } = await app();
			await sql`select 1`.execute(db);
		}
	]
]);

/**
 * On PostgreSQL, the server follows the log appended by the others through LISTEN: while that
 * connection is down, its clients would see other servers' events only at the next poll.
 */
if (configuredKind() === 'postgres') {
	checks.set('follower', async () => {
		const { follower } = await app();
		if (!follower?.listening()) throw new Error('not listening for appends to the log');
	});
}

/**
 * With several servers (REDIS_URL), Socket.IO's adapter must reach Redis: `serverCount` asks it
 * how many servers listen on the adapter's channel (PUBSUB NUMSUB), this one included; none
 * means this server's subscriber connection is down. The in-memory adapter answers 1 at once.
 */
if (process.env.REDIS_URL) {
	checks.set('adapter', async () => {
		const io = currentIo();
		if (!io) throw new Error('Socket.IO is not attached');
		const servers = await io.of('/').adapter.serverCount();
		if (servers < 1) throw new Error('no server is subscribed to the adapter');
		return { servers };
	});
}

/** Add a check to /readyz (e.g. `readinessCheck('adapter', () => redis.ping())`). */
export function readinessCheck(name: string, check: ReadinessCheck): void {
	checks.set(name, check);
}

export interface CheckResult {
	ok: boolean;
	ms: number;
	error?: string;
	[detail: string]: unknown;
}

export interface Readiness {
	status: 'ok' | 'unavailable';
	failed?: string[];
	checks: Record<string, CheckResult>;
}

async function run(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
	const started = performance.now();
	let timer: NodeJS.Timeout | undefined;
	try {
		const details = await Promise.race([
			check(),
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
			})
		]);
		return { ok: true, ms: elapsed(started), ...details };
	} catch (error) {
		return {
			ok: false,
			ms: elapsed(started),
			error: error instanceof Error ? error.message : String(error)
		};
	} finally {
		clearTimeout(timer);
	}
}

function elapsed(since: number): number {
	return Math.round((performance.now() - since) * 100) / 100;
}

/** Run the checks at once; ready when every one of them answered in time. */
export async function runChecks(
	named: Map<string, ReadinessCheck>,
	timeoutMs = CHECK_TIMEOUT_MS
): Promise<Readiness> {
	const names = [...named.keys()];
	const results = await Promise.all(names.map((name) => run(named.get(name)!, timeoutMs)));
	const byName = Object.fromEntries(names.map((name, i) => [name, results[i]]));
	const failed = names.filter((name) => !byName[name].ok);
	if (failed.length === 0) return { status: 'ok', checks: byName };
	return { status: 'unavailable', failed, checks: byName };
}

export async function readiness(): Promise<Readiness> {
	const result = await runChecks(checks);
	if (result.failed) log.warn({ failed: result.failed, checks: result.checks }, 'not ready');
	return result;
}

/** Liveness says only that the process answers: restarting it would not help anything else. */
export function liveness(): { status: 'ok' } {
	return { status: 'ok' };
}
