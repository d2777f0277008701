/**
 * A TCP proxy that adds network latency on loopback, for the page phase's `--latency=MS`: a
 * delegate on a hotel's Wi-Fi, where each round trip costs tens or hundreds of milliseconds. Each
 * new connection waits one round trip before any byte passes (TCP's handshake), then every chunk,
 * each way, is held for half a round trip; chunks keep their order (Node fires timers of the same
 * duration in the order they were set). No bandwidth limit and no loss: loopback's speed, a
 * network's delay. HTTP and the WebSocket upgrade go through unchanged, so the server must take the
 * proxy's address as its origin (ORIGIN).
 */
import net from 'node:net';

/**
 * Listens on `port` (127.0.0.1) and forwards to `target`, adding `rttMs` to every round trip.
 * Resolves with `close()` once listening.
 */
export function latencyProxy({ host, port, target, rttMs }) {
	const oneWay = rttMs / 2;
	const sockets = new Set();
	const delayed = (from, to) => {
		from.on('data', (chunk) => {
			setTimeout(() => {
				if (!to.destroyed) to.write(chunk);
			}, oneWay);
		});
		from.on('end', () => setTimeout(() => to.end(), oneWay));
	};
	const server = net.createServer((client) => {
		client.pause();
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		setTimeout(() => {
			const upstream = net.connect(target.port, target.host);
			sockets.add(upstream);
			upstream.on('close', () => sockets.delete(upstream));
			upstream.on('error', () => client.destroy());
			client.on('error', () => upstream.destroy());
			client.on('close', () => setTimeout(() => upstream.destroy(), oneWay));
			upstream.on('close', () => setTimeout(() => client.destroy(), oneWay));
			delayed(client, upstream);
			delayed(upstream, client);
			client.resume();
		}, rttMs);
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () =>
			resolve({
				close() {
					for (const socket of sockets) socket.destroy();
					return new Promise((done) => server.close(() => done()));
				}
			})
		);
	});
}
