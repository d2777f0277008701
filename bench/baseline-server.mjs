/**
 * The fan-out baseline: a bare Socket.IO server, set up as server.js sets up the real one (its own
 * process, one HTTP server, the same Socket.IO options), speaking just enough of the protocol for
 * the same client simulators: `sync` joins the forum's room and answers with no events; `command`
 * broadcasts the event it is given (a copy of a real event, so the payload has the same size) to
 * the room, then acknowledges. No authentication, no rules, no database: what is left is the cost
 * of Socket.IO itself.
 *
 * It also serves the page baseline (BASELINE_PAGE_DIR, written by bench/run.mjs): `GET /` is a
 * small server-rendered page with the delegate's agenda as plain HTML, whose one script
 * (bench/baseline-page.js, bundled with the product's Socket.IO client) connects and syncs.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Server } from 'socket.io';

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
const io = new Server({ serveClient: false, maxHttpBufferSize: 256 * 1024 });
const pageDir = process.env.BASELINE_PAGE_DIR;
const PAGE_FILES = {
	'/': ['index.html', 'text/html; charset=utf-8'],
	'/client.js': ['client.js', 'text/javascript; charset=utf-8']
};
const server = createServer((request, response) => {
	const file = pageDir && PAGE_FILES[request.url];
	if (!file) return response.writeHead(404).end();
	response.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-store' });
	response.end(readFileSync(join(pageDir, file[0])));
});
io.attach(server);

let seq = Number(process.env.BASELINE_HEAD ?? 0);

io.on('connection', (socket) => {
	socket.on('sync', (request, ack) => {
		if (typeof ack !== 'function') return;
		void socket.join(`forum:${request.forum}:public`);
		ack({
			ok: true,
			kind: 'events',
			forum: request.forum,
			events: [],
			head: seq,
			serverTime: Date.now()
		});
	});
	socket.on('command', (request, ack) => {
		if (typeof ack !== 'function') return;
		const event = { ...request.echo, seq: ++seq, at: Date.now() };
		io.to(`forum:${request.forum}:public`).emit('events', {
			forum: request.forum,
			events: [event]
		});
		ack({ ok: true, seq });
	});
});

server.listen(port, host, () => console.log(`baseline listening on ${host}:${port}`));
process.on('SIGTERM', () => {
	io.close();
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 2000).unref();
});
