/**
 * A TCP proxy that adds network latency on loopback, for the page phase's `--latency=MS`: a
 * delegate on a hotel's Wi-Fi, where each round trip costs tens or hundreds of milliseconds. Each
 * new connection waits one round trip before any byte passes (TCP's handshake), then every chunk,
 * each way, is held for half a round trip; chunks keep their order. With `--bandwidth=KBPS`, the
 * bytes from the server also share one link of that many kilobits a second (the tablet's share
 * of the venue's Wi-Fi): each chunk waits for those before it on any connection to have passed.
 * No loss. HTTP and the WebSocket upgrade go through unchanged, so the server must take the
 * proxy's address as its origin (ORIGIN).
 */
import net from 'node:net';

/**
 * Listens on `port` (127.0.0.1) and forwards to `target`, adding `rttMs` to every round trip and,
 * when `downKbps` is set, sending the server's bytes at that rate. Resolves with `close()` once
 * listening.
 */
export function latencyProxy({ host, port, target, rttMs, downKbps = 0 }) {
	const oneWay = rttMs / 2;
	/** when the downlink has sent all it was given, in performance.now() ms */
	let linkFree = 0;
	const down = (bytes) => {
		if (!downKbps) return performance.now() + oneWay;
		// kilobits a second are bits a millisecond
		linkFree = Math.max(performance.now(), linkFree) + (bytes * 8) / downKbps;
		return linkFree + oneWay;
	};
	const up = () => performance.now() + oneWay;
	const sockets = new Set();
	/** Each chunk from `from` written to `to` at the time `arrival` gives it, in order. */
	const delayed = (from, to, arrival) => {
		const queue = [];
		let timer = null;
		const pump = () => {
			timer = null;
			while (queue.length > 0 && queue[0].at <= performance.now()) {
				const { chunk } = queue.shift();
				if (to.destroyed) continue;
				if (chunk === null) to.end();
				else to.write(chunk);
			}
			if (queue.length > 0) timer = setTimeout(pump, queue[0].at - performance.now());
		};
		const push = (chunk, at) => {
			queue.push({ chunk, at });
			timer ??= setTimeout(pump, at - performance.now());
		};
		from.on('data', (chunk) => push(chunk, arrival(chunk.length)));
		from.on('end', () => push(null, arrival(0)));
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
			delayed(client, upstream, up);
			delayed(upstream, client, down);
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
