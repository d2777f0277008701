/**
 * A client simulator process: holds many Socket.IO clients (WebSocket transport), each signed in
 * as one participant by its session cookie, behaving as the delegate's page does
 * (src/lib/client/live-forum.svelte.ts): on every (re)connection it asks `sync` for what it missed
 * after its last sequence number, buffers pushed events while the sync is in flight, and skips an
 * event it already has. Started niced by bench/run.mjs and driven over IPC.
 *
 * Messages from the parent: { id, op, ... }; each is answered with { id, reply }. Unprompted:
 * { op: 'got', seq, times } once every client here has received event `seq` (while measuring),
 * { op: 'resynced' } once every client here has reconnected and synced after a restart.
 */
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { chainLink, now, sleep, stateHash } from './lib.mjs';

const PROTOCOL_VERSION = 2;
/** The page's back-off (src/lib/protocol.ts, RECONNECTION). */
const RECONNECTION = {
	reconnectionDelay: 500,
	reconnectionDelayMax: 2000,
	randomizationFactor: 0.5
};
const ACK_TIMEOUT = 60_000;

/** @type {Client[]} */
let clients = [];
let forum = 'wtpf-26';
let measuring = false;
/** seq → receive times, while measuring */
const received = new Map();
let rules = null;
let storm = null;

class Client {
	constructor(spec, options) {
		this.spec = spec;
		this.seq = options.after;
		this.chain = 'start';
		this.buffered = null;
		this.syncs = 0;
		this.snapshots = 0;
		this.skipped = 0;
		this.lastChangeAt = now();
		this.disconnectedAt = null;
		this.resyncedAt = null;
		this.state = null;
		this.track = options.track;
		this.socket = io(options.url, {
			transports: ['websocket'],
			forceNew: true,
			reconnection: true,
			...RECONNECTION,
			extraHeaders: { origin: options.origin, cookie: `plenary_session=${spec.token}` },
			auth: { protocol: PROTOCOL_VERSION }
		});
		this.ready = new Promise((resolve) => (this.markReady = resolve));
		this.socket.on('connect', () => void this.sync());
		this.socket.on('connect_error', (error) => {
			this.lastError = error.message;
			// a refused handshake (not a server that is away) will not get better by retrying
			if (error.data?.code) this.markReady(false);
		});
		this.socket.on('disconnect', () => {
			if (storm && this.disconnectedAt === null) this.disconnectedAt = now();
		});
		this.socket.on('events', ({ forum: slug, events }) => {
			if (slug !== forum) return;
			for (const event of events) {
				if (measuring) record(event.seq);
				if (this.buffered) this.buffered.push(event);
				else this.receive(event);
			}
		});
	}

	receive(event) {
		if (event.seq <= this.seq) {
			this.skipped++;
			return;
		}
		if (this.track)
			this.chain = chainLink(this.chain, event.seq, event.type, JSON.stringify(event.payload));
		if (this.state) rules.apply(this.state, event);
		this.seq = event.seq;
		this.lastChangeAt = now();
	}

	async sync() {
		this.buffered = [];
		let reply;
		try {
			reply = await this.socket
				.timeout(ACK_TIMEOUT)
				.emitWithAck('sync', { forum, after: this.seq });
		} catch (error) {
			this.lastError = `sync: ${error.message}`;
			this.buffered = null;
			if (this.socket.connected) this.socket.disconnect().connect();
			return;
		}
		const buffered = this.buffered;
		this.buffered = null;
		if (!reply.ok) {
			this.lastError = `sync refused: ${JSON.stringify(reply.error)}`;
			this.markReady(false);
			return;
		}
		if (reply.kind === 'snapshot') {
			// too far behind: the page starts afresh (never expected in the benchmark)
			this.snapshots++;
			this.seq = reply.snapshot.seq;
			this.chain = `snapshot:${reply.snapshot.seq}`;
			if (this.state) this.state = reply.snapshot.state;
		} else {
			for (const event of reply.events) this.receive(event);
		}
		for (const event of buffered) this.receive(event);
		this.syncs++;
		this.lastChangeAt = now();
		if (storm && this.disconnectedAt !== null && this.resyncedAt === null) {
			this.resyncedAt = now();
			storm.pending--;
			if (storm.pending === 0) process.send({ op: 'resynced' });
		}
		this.markReady(true);
	}

	command(type, payload) {
		return this.socket
			.timeout(ACK_TIMEOUT)
			.emitWithAck('command', { forum, command: { id: randomUUID(), type, ...payload } });
	}
}

function record(seq) {
	let times = received.get(seq);
	if (!times) received.set(seq, (times = []));
	times.push(now());
	if (times.length === clients.length) process.send({ op: 'got', seq, times });
}

/** Run `task` over `items` with at most `limit` in flight. */
async function pool(items, limit, task) {
	let next = 0;
	const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
		while (next < items.length) await task(items[next++]);
	});
	await Promise.all(workers);
}

const handlers = {
	/** Connect clients (and sync them) with a bounded number of handshakes in flight. */
	async connect({
		url,
		origin,
		slug,
		after,
		specs,
		concurrency = 50,
		track = false,
		rulesPath,
		fullState = 0
	}) {
		forum = slug;
		if (rulesPath && !rules) rules = await import(rulesPath);
		const failures = [];
		const started = now();
		await pool(specs, concurrency, async (spec) => {
			const client = new Client(spec, { url, origin, after, track });
			clients.push(client);
			const ok = await Promise.race([
				client.ready,
				new Promise((resolve) => setTimeout(() => resolve(false), ACK_TIMEOUT))
			]);
			if (!ok) failures.push(`${spec.id}: ${client.lastError ?? 'timeout'}`);
		});
		// A few clients also keep the whole state, to compare with the server's at the end.
		for (const client of clients.slice(0, fullState)) {
			const joined = await client.socket.timeout(ACK_TIMEOUT).emitWithAck('join', { forum });
			if (!joined.ok) throw new Error(`join: ${JSON.stringify(joined)}`);
			if (joined.snapshot.seq !== client.seq) {
				failures.push(
					`${client.spec.id}: snapshot at ${joined.snapshot.seq}, client at ${client.seq}`
				);
			}
			client.state = joined.snapshot.state;
		}
		return {
			connected: clients.length - failures.length,
			failures: failures.slice(0, 5),
			ms: now() - started
		};
	},

	async disconnect() {
		for (const client of clients) {
			client.socket.io.reconnection(false);
			client.socket.close();
		}
		clients = [];
		received.clear();
		storm = null;
		return { ok: true };
	},

	measure({ on }) {
		measuring = on;
		received.clear();
		return { ok: true };
	},

	/** The receive times of `seq` so far (when not every client got it). */
	times({ seq }) {
		return { times: received.get(seq) ?? [] };
	},

	/**
	 * Clients `indices` send commands as fast as the acknowledgements come back, for `seconds`:
	 * a stance on the opinion under consideration, a request for the floor, another stance, the
	 * request withdrawn, and again. A sender told it is over its rate limit waits a second.
	 */
	async hammer({ indices, seconds, opinion }) {
		const acked = [];
		const refused = {};
		const ackMs = [];
		let errors = 0;
		const until = now() + seconds * 1000;
		await Promise.all(
			indices.map(async (index) => {
				const client = clients[index];
				let step = 0;
				let requestId = null;
				while (now() < until) {
					const id = randomUUID();
					let command;
					switch (step++ % 4) {
						case 0:
							command = { id, type: 'opinion.stance', opinion, stance: 'support' };
							break;
						case 1:
							command = { id, type: 'floor.request', kind: 'statement' };
							requestId = id;
							break;
						case 2:
							command = {
								id,
								type: 'opinion.stance',
								opinion,
								stance: 'reservation',
								text: 'Bench reservation.'
							};
							break;
						default:
							command = { id, type: 'floor.withdraw', requestId };
					}
					const sent = now();
					try {
						const ack = await client.socket
							.timeout(ACK_TIMEOUT)
							.emitWithAck('command', { forum, command });
						ackMs.push(now() - sent);
						if (ack.ok) acked.push(id);
						else refused[ack.error.code] = (refused[ack.error.code] ?? 0) + 1;
						// as the page would: wait as the refusal says before sending again
						if (!ack.ok && ack.error.code === 'rate_limited') await sleep(1000);
					} catch {
						errors++;
					}
				}
			})
		);
		return { acked, refused, errors, ackMs };
	},

	/** From now on, note when each client is cut off and when it has synced again. */
	stormArm() {
		storm = { pending: clients.length };
		for (const client of clients) {
			client.disconnectedAt = null;
			client.resyncedAt = null;
		}
		return { ok: true };
	},

	/** How many clients have resynced since the restart, and when. */
	stormStatus() {
		return {
			total: clients.length,
			resynced: clients.filter((c) => c.resyncedAt !== null).length,
			disconnected: clients.filter((c) => c.disconnectedAt !== null).length,
			errors: [...new Set(clients.map((c) => c.lastError).filter(Boolean))].slice(0, 5)
		};
	},

	/**
	 * Compare every client with what the server holds: its chain of applied events with the
	 * expected chain for its audiences, and (for the few keeping one) its whole state with a
	 * snapshot the server gives a fresh connection of the same participant.
	 */
	async verify({ expected, url, origin }) {
		let match = 0;
		const mismatches = [];
		const doneAt = [];
		const resyncedAt = [];
		let skipped = 0;
		let snapshots = 0;
		for (const client of clients) {
			const want = expected[client.spec.audiences];
			skipped += client.skipped;
			snapshots += client.snapshots;
			if (client.resyncedAt !== null) resyncedAt.push(client.resyncedAt);
			if (want && client.seq === want.seq && client.chain === want.chain) {
				match++;
				doneAt.push(Math.max(client.lastChangeAt, client.resyncedAt ?? 0));
			} else {
				mismatches.push(
					`${client.spec.id}: at ${client.seq}, chain ${client.chain.slice(0, 8)}; expected ${want?.seq} ${want?.chain.slice(0, 8)}`
				);
			}
		}
		const states = [];
		for (const client of clients.filter((c) => c.state)) {
			const fresh = io(url, {
				transports: ['websocket'],
				forceNew: true,
				reconnection: false,
				extraHeaders: { origin, cookie: `plenary_session=${client.spec.token}` },
				auth: { protocol: PROTOCOL_VERSION }
			});
			const joined = await fresh.timeout(ACK_TIMEOUT).emitWithAck('join', { forum });
			fresh.close();
			states.push({
				participant: client.spec.id,
				seq: client.seq,
				serverSeq: joined.snapshot?.seq,
				equal:
					joined.ok &&
					joined.snapshot.seq === client.seq &&
					stateHash(joined.snapshot.state) === stateHash(client.state)
			});
		}
		return {
			match,
			mismatches: mismatches.length,
			examples: mismatches.slice(0, 3),
			doneAt,
			resyncedAt,
			skipped,
			snapshots,
			states
		};
	}
};

process.on('message', async (message) => {
	const { id, op, ...args } = message;
	try {
		const reply = await handlers[op](args);
		process.send({ id, reply });
	} catch (error) {
		process.send({ id, error: error.stack ?? String(error) });
	}
});
process.on('disconnect', () => process.exit(0));
