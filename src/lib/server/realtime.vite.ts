/**
 * Development only: attach a Socket.IO server to Vite's HTTP server (stack.md, pitfall 2). The
 * `init` hook finds it under the same global key as in production and attaches the handlers.
 * No imports from $lib here: Vite loads this file before its aliases exist.
 */
import { Server } from 'socket.io';
import type { Plugin } from 'vite';

export function socketIoDevServer(): Plugin {
	return {
		name: 'plenary-socket-io',
		apply: 'serve',
		configureServer(server) {
			if (!server.httpServer) return;
			const io = new Server(server.httpServer, { serveClient: false });
			(globalThis as Record<symbol, unknown>)[Symbol.for('plenary.io')] = io;
		}
	};
}
