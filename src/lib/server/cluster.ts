/**
 * Several app servers: with `REDIS_URL`, Socket.IO's Redis adapter joins their sockets, so that
 * what is done to a room (an account's sockets closed on sign-out or password change) reaches
 * every server. Forum events do NOT travel through it: each server follows the event log and
 * emits to its own sockets only (`io.local`), so the log stays the one source of truth and a
 * client sees the same events in the same order on any server (src/lib/server/log-follower.ts).
 */
import type { createClient } from 'redis';
import type { Server } from 'socket.io';
import { log } from './log';

type RedisClient = ReturnType<typeof createClient>;

let clients: { pub: RedisClient; sub: RedisClient } | null = null;

/** Connect the Redis adapter when REDIS_URL is set; resolves once both connections are up. */
export async function connectAdapter(io: Server, url = process.env.REDIS_URL): Promise<void> {
	if (!url || clients) return;
	// loaded only when configured: a single server does not pay for Redis's client at every start
	const [{ createClient }, { createAdapter }] = await Promise.all([
		import('redis'),
		import('@socket.io/redis-adapter')
	]);
	const pub = createClient({ url });
	const sub = pub.duplicate();
	for (const [role, client] of [
		['publisher', pub],
		['subscriber', sub]
	] as const) {
		// The client reconnects by itself (an error must not crash the server) and fails every
		// attempt while Redis is down: log the loss once, and the return.
		let lost = false;
		client.on('error', (error: Error) => {
			if (lost) return;
			lost = true;
			log.warn({ err: error, connection: role }, 'Redis adapter connection lost; reconnecting');
		});
		client.on('ready', () => {
			if (!lost) return;
			lost = false;
			log.info({ connection: role }, 'Redis adapter connection back');
		});
	}
	await Promise.all([pub.connect(), sub.connect()]);
	io.adapter(createAdapter(pub, sub));
	clients = { pub, sub };
}

/** For /readyz: null without an adapter, else whether both Redis connections are ready. */
export function adapterReady(): boolean | null {
	if (!clients) return null;
	return clients.pub.isReady && clients.sub.isReady;
}

export async function closeAdapter(): Promise<void> {
	const open = clients;
	clients = null;
	if (open) await Promise.all([open.pub.quit(), open.sub.quit()]).catch(() => undefined);
}
