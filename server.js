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

const { handler } = await import('./build/handler.js');
const server = createServer(handler);
io.attach(server);

server.listen(port, host, () => {
	console.log(`Plenary is listening on ${process.env.ORIGIN} (port ${port})`);
});

function shutdown(signal) {
	console.log(`${signal}: closing connections`);
	io.emit('closing', { code: 'server_restart', reason: 'The server is restarting. Reconnecting…' });
	io.close();
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
