/**
 * Metrics in Prometheus's text format (prom-client), served at GET /metrics to loopback or to
 * whoever presents `Authorization: Bearer $METRICS_TOKEN`. Each app server counts only its own
 * sockets and commands: Prometheus scrapes every server and sums.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Server } from 'socket.io';
import { COMMAND_TYPES } from '$lib/forum/rules';
import type { ForumService } from './forum.service';

/** What is read at scrape time: set once the app and Socket.IO are up. */
interface Sources {
	io?: Server;
	forums?: ForumService;
}

function createMetrics() {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry });
	const sources: Sources = {};

	const connectedClients = new Gauge({
		name: 'plenary_connected_clients',
		help: 'Sockets in each forum audience room on this server (participant: all personal rooms)',
		labelNames: ['forum', 'audience'] as const,
		registers: [registry],
		collect() {
			this.reset();
			for (const [key, count] of countRoomMembers(sources.io)) {
				const [forum, audience] = key.split('\u0000');
				this.set({ forum, audience }, count);
			}
		}
	});
	const sockets = new Gauge({
		name: 'plenary_sockets',
		help: 'Sockets connected to this server, in a forum or not',
		registers: [registry],
		collect() {
			this.set(sources.io?.of('/').sockets.size ?? 0);
		}
	});
	const eventLogHead = new Gauge({
		name: 'plenary_event_log_head',
		help: "Sequence number of each forum's last event (the size of its log)",
		labelNames: ['forum'] as const,
		registers: [registry],
		async collect() {
			this.reset();
			const forums = sources.forums;
			if (!forums) return;
			for (const slug of forums.slugs()) {
				const host = await forums.host(slug);
				if (host) this.set({ forum: slug }, host.head);
			}
		}
	});
	const commands = new Counter({
		name: 'plenary_commands_total',
		help: 'Commands answered, by type and outcome (ok, duplicate, or the error code)',
		labelNames: ['type', 'outcome'] as const,
		registers: [registry]
	});
	const commandSeconds = new Histogram({
		name: 'plenary_command_duration_seconds',
		help: 'Time from a command reaching the forum service to its answer',
		labelNames: ['type'] as const,
		buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
		registers: [registry]
	});
	const broadcastSeconds = new Histogram({
		name: 'plenary_broadcast_duration_seconds',
		help: "Time from a command's events being on disk to their being emitted to the rooms",
		buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
		registers: [registry]
	});
	return {
		registry,
		sources,
		connectedClients,
		sockets,
		eventLogHead,
		commands,
		commandSeconds,
		broadcastSeconds
	};
}

type Metrics = ReturnType<typeof createMetrics>;
const METRICS_KEY = Symbol.for('plenary.metrics');
const shared = globalThis as Record<symbol, Metrics | undefined>;
/** One registry per process (the dev server reloads modules; metrics cannot be registered twice). */
export const metrics: Metrics = (shared[METRICS_KEY] ??= createMetrics());

export function watch(sources: Sources): void {
	Object.assign(metrics.sources, sources);
}

/**
 * Members of the rooms `forum:<slug>:<audience>` (realtime.ts), keyed `slug \0 audience`. The
 * rooms of single participants (`participant:<id>`) are summed as one audience, `participant`,
 * so that the number of series does not grow with the number of participants.
 */
export function countRoomMembers(io: Server | undefined): Map<string, number> {
	const counts = new Map<string, number>();
	if (!io) return counts;
	for (const [room, members] of io.of('/').adapter.rooms) {
		if (!room.startsWith('forum:')) continue;
		const rest = room.slice('forum:'.length);
		const colon = rest.indexOf(':');
		if (colon < 0) continue;
		const forum = rest.slice(0, colon);
		const audience = rest.slice(colon + 1);
		const key = `${forum}\u0000${audience.startsWith('participant:') ? 'participant' : audience}`;
		counts.set(key, (counts.get(key) ?? 0) + members.size);
	}
	return counts;
}

const KNOWN_TYPES = new Set(COMMAND_TYPES);

/** A label value from what a client sent: only the command types there are (bounded series). */
export function commandTypeLabel(type: unknown): string {
	return typeof type === 'string' && KNOWN_TYPES.has(type) ? type : 'unknown';
}

export function outcomeLabel(outcome: string): string {
	return /^[a-z][a-z_]{0,39}$/.test(outcome) ? outcome : 'other';
}

export function countCommand(type: unknown, outcome: string, ms: number): void {
	const label = commandTypeLabel(type);
	metrics.commands.inc({ type: label, outcome: outcomeLabel(outcome) });
	metrics.commandSeconds.observe({ type: label }, ms / 1000);
}

export function observeBroadcast(ms: number): void {
	metrics.broadcastSeconds.observe(ms / 1000);
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const FORWARDED = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/**
 * Metrics tell how many people follow which forum: loopback only (not through a proxy on the
 * same machine, which forwards the client's address), or with the bearer token when one is set.
 */
export function mayReadMetrics(headers: Headers, clientAddress: string): boolean {
	const token = process.env.METRICS_TOKEN;
	if (token) {
		const given = /^Bearer (.+)$/.exec(headers.get('authorization') ?? '')?.[1];
		if (given && sameSecret(given, token)) return true;
	}
	return LOOPBACK.test(clientAddress) && !FORWARDED.some((name) => headers.has(name));
}

function sameSecret(a: string, b: string): boolean {
	const digest = (s: string) => createHash('sha256').update(s).digest();
	return timingSafeEqual(digest(a), digest(b));
}

export async function metricsText(): Promise<{ body: string; contentType: string }> {
	return { body: await metrics.registry.metrics(), contentType: metrics.registry.contentType };
}
