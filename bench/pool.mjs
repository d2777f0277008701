/**
 * The orchestrator's side of the client simulators: a pool of niced child processes
 * (bench/clients.mjs), each holding a share of the clients, and the presiding officer's own
 * socket, which lives in the orchestrator so that a command's send time and its clients' receive
 * times are taken on the same machine clock.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { cpuSeconds, now, sleep } from './lib.mjs';

const CLIENTS_SCRIPT = fileURLToPath(new URL('./clients.mjs', import.meta.url));

export class ClientPool {
	/** `processes` simulators, each started as `nice -n 10 node bench/clients.mjs`. */
	constructor(processes) {
		this.children = [];
		this.pending = new Map();
		this.got = new Map();
		this.resynced = 0;
		this.onResynced = null;
		this.sizes = [];
		for (let i = 0; i < processes; i++) {
			const child = spawn('nice', ['-n', '10', process.execPath, CLIENTS_SCRIPT], {
				stdio: ['ignore', 'inherit', 'inherit', 'ipc']
			});
			child.on('message', (message) => this.receive(i, message));
			this.children.push(child);
		}
	}

	receive(index, message) {
		if (message.op === 'got') {
			let entry = this.got.get(message.seq);
			if (!entry) this.got.set(message.seq, (entry = { children: new Set(), times: [] }));
			entry.children.add(index);
			for (const t of message.times) entry.times.push(t);
			entry.wake?.();
			return;
		}
		if (message.op === 'resynced') {
			this.resynced++;
			this.onResynced?.();
			return;
		}
		const waiter = this.pending.get(message.id);
		if (!waiter) return;
		this.pending.delete(message.id);
		if (message.error) waiter.reject(new Error(`client simulator ${index}: ${message.error}`));
		else waiter.resolve(message.reply);
	}

	request(index, op, args = {}) {
		const id = randomUUID();
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			this.children[index].send({ id, op, ...args });
		});
	}

	/** The same request to every simulator; `argsFor(i)` may give each its own arguments. */
	all(op, argsFor = () => ({})) {
		return Promise.all(this.children.map((_, i) => this.request(i, op, argsFor(i))));
	}

	/** Connect `specs` spread evenly over the simulators. */
	async connect(options, specs) {
		const shares = this.children.map(() => []);
		specs.forEach((spec, i) => shares[i % shares.length].push(spec));
		this.sizes = shares.map((s) => s.length);
		const replies = await this.all('connect', (i) => ({ ...options, specs: shares[i] }));
		const connected = replies.reduce((s, r) => s + r.connected, 0);
		const failures = replies.flatMap((r) => r.failures);
		if (connected !== specs.length) {
			throw new Error(
				`only ${connected} of ${specs.length} clients connected: ${failures.join('; ')}`
			);
		}
		return { connected, failures };
	}

	disconnect() {
		this.got.clear();
		return this.all('disconnect');
	}

	/** Receive times of event `seq` from every client, or what arrived within `timeoutMs`. */
	async times(seq, timeoutMs) {
		const active = this.sizes.filter((n) => n > 0).length;
		const deadline = now() + timeoutMs;
		let entry = this.got.get(seq);
		while (!entry || entry.children.size < active) {
			if (now() > deadline) {
				const partial = await this.all('times', () => ({ seq }));
				return partial.flatMap((p) => p.times);
			}
			await new Promise((resolve) => {
				if (!entry) this.got.set(seq, (entry = { children: new Set(), times: [] }));
				entry.wake = resolve;
				setTimeout(resolve, 50);
			});
			entry = this.got.get(seq);
		}
		this.got.delete(seq);
		return entry.times;
	}

	cpuSeconds() {
		return this.children.reduce((s, c) => s + cpuSeconds(c.pid), 0);
	}

	async close() {
		for (const child of this.children) child.disconnect();
		await sleep(100);
		for (const child of this.children) if (child.exitCode === null) child.kill('SIGKILL');
	}
}

/**
 * The presiding officer's device (or, against the baseline server, its stand-in): a socket that
 * syncs like the page does and sends commands, keeping the events it receives.
 */
export async function connectChair({ url, origin, token, forum, after, reconnection = false }) {
	const extraHeaders = { origin };
	if (token) extraHeaders.cookie = `plenary_session=${token}`;
	const socket = io(url, {
		transports: ['websocket'],
		forceNew: true,
		reconnection,
		extraHeaders,
		auth: { protocol: 2 }
	});
	const chair = {
		socket,
		seq: after,
		events: new Map(),
		synced: null,
		async command(command, extra = {}) {
			return socket
				.timeout(60_000)
				.emitWithAck('command', { forum, command: { id: randomUUID(), ...command }, ...extra });
		},
		close() {
			socket.io.reconnection(false);
			socket.close();
		}
	};
	socket.on('events', ({ events }) => {
		for (const event of events) {
			chair.events.set(event.seq, event);
			if (event.seq > chair.seq) chair.seq = event.seq;
		}
	});
	const syncOnce = async () => {
		const reply = await socket.timeout(60_000).emitWithAck('sync', { forum, after: chair.seq });
		if (!reply.ok) throw new Error(`chair sync: ${JSON.stringify(reply)}`);
		for (const event of reply.events ?? []) {
			chair.events.set(event.seq, event);
			if (event.seq > chair.seq) chair.seq = event.seq;
		}
	};
	socket.on('connect', () => {
		chair.synced = syncOnce();
	});
	await new Promise((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('connect_error', reject);
	});
	await chair.synced;
	return chair;
}

/**
 * The presiding officer's commands for the fan-out test, in a cycle that each command keeps
 * valid: suspend item 8, resume it, give the floor, end the speech, declare consensus on the
 * opinion under consideration, take up the next one.
 */
export class ChairScript {
	constructor({ requestIds, opinion }) {
		this.requestIds = [...requestIds];
		this.opinion = opinion;
		this.step = 0;
	}

	next() {
		switch (this.step++ % 6) {
			case 0:
				return { type: 'agenda.suspend', item: 8 };
			case 1:
				return { type: 'agenda.open', item: 8 };
			case 2: {
				const requestId = this.requestIds.shift();
				if (!requestId) throw new Error('no request for the floor left to give');
				return { type: 'floor.give', requestId };
			}
			case 3:
				return { type: 'floor.end' };
			case 4:
				return { type: 'opinion.declare_consensus', opinion: this.opinion };
			default:
				return { type: 'opinion.take_up', opinion: ++this.opinion };
		}
	}
}
