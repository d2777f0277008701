// Production entry: the SvelteKit build (adapter-node) and Socket.IO on one HTTP server.
// Socket.IO is created first and left on a global so that the app's `init` hook, which runs
// when build/handler.js is imported, attaches its handlers to it (stack.md, pitfall 2).
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
// adapter-node refuses form posts whose origin it cannot check (stack.md, pitfall 6).
process.env.ORIGIN ??= `http://localhost:${port}`;
// adapter-node refuses bodies over 512 KB by default; a participants CSV may be 2 MB (as JSON or a
// multipart upload, a little more): docs/participants-csv.md.
process.env.BODY_SIZE_LIMIT ??= '4M';

const io = new Server({ serveClient: false, maxHttpBufferSize: 256 * 1024 });
globalThis[Symbol.for('plenary.io')] = io;

let handler;
try {
	({ handler } = await import('./build/handler.js'));
} catch (error) {
	// A damaged database, a failed migration: say it plainly, on stderr, and do not start. One JSON
	// line shaped like the app's logs (src/lib/server/log.ts), whose logger may not exist yet.
	const msg = `Plenary cannot start: ${error instanceof Error ? error.message : error}`;
	const line = { level: 'fatal', time: new Date().toISOString(), service: 'plenary', msg };
	process.stderr.write(`${JSON.stringify({ ...line, pid: process.pid })}\n`);
	process.exit(1);
}
// The app's logger (JSON lines on stdout, LOG_LEVEL), created when the build was imported.
const log = globalThis[Symbol.for('plenary.log')];
const server = createServer(handler);
io.attach(server);

server.listen(port, host, () => {
	// tests/support/server.ts and bench/lib.mjs wait for the word "listening": printed whatever
	// LOG_LEVEL says (a child logger at info).
	log
		.child({}, { level: 'info' })
		.info(
			{ port, host, origin: process.env.ORIGIN },
			`Plenary is listening on ${process.env.ORIGIN}`
		);
});

let stopping = false;
/**
 * Graceful shutdown: stop taking commands, let those in flight reach the disk, tell every socket
 * why it is being closed (clients show it and reconnect), close the database cleanly.
 */
async function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	// /readyz now answers 503: a load balancer stops sending new clients here.
	globalThis[Symbol.for('plenary.stopping')] = true;
	log.info({ signal }, `${signal}: finishing the commands in flight, then closing`);
	setTimeout(() => process.exit(1), 10_000).unref();
	server.close();
	const appShutdown = globalThis[Symbol.for('plenary.shutdown')];
	if (appShutdown) await appShutdown();
	// this server's sockets only: with several servers, the others' clients stay connected
	io.local.emit('closing', {
		code: 'server_restart',
		reason: 'The server is restarting. Your screen reconnects by itself.'
	});
	io.close();
	log.info('closed');
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
