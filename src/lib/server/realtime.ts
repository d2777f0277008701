/**
 * Socket.IO, authenticated by the same session cookie as HTTP. A socket joins one room per
 * audience its participant belongs to; the events published together (one command's, or one
 * batch's) go out as one `events` message per run of events for the same audience, emitted once
 * to that audience's room, so Socket.IO serializes and frames it once, not once per socket.
 */
import { parse as parseCookie } from 'cookie';
import type { Server, Socket } from 'socket.io';
import { audiencesFor, type Audience, type Viewer } from '$lib/forum/audience';
import {
	HANDSHAKE_ERRORS,
	joinRequest,
	PROTOCOL_VERSION,
	syncRequest,
	type ClientToServerEvents,
	type HandshakeAuth,
	type Identity,
	type ServerToClientEvents
} from '$lib/protocol';
import type { App } from './app';
import { DISPLAY_COOKIE, validateDisplayKey } from './auth/display';
import { SESSION_COOKIE, validateSessionToken, type Account } from './auth/session';
import { connectionLimiter } from './limits';

export const IO_KEY = Symbol.for('plenary.io');

/** A socket is either a signed-in account's or a room display's (then account is null). */
interface SocketData {
	account: Account | null;
	sessionId: string | null;
	displayForum: string | null;
}

type PlenaryServer = Server<ClientToServerEvents, ServerToClientEvents, object, SocketData>;
type PlenarySocket = Socket<ClientToServerEvents, ServerToClientEvents, object, SocketData>;

export function forumRoom(forum: string, audience: Audience): string {
	return `forum:${forum}:${audience}`;
}

export function accountRoom(accountId: string): string {
	return `account:${accountId}`;
}

export function sessionRoom(sessionId: string): string {
	return `session:${sessionId}`;
}

function handshakeError(code: string, message: string): Error {
	const error = new Error(code) as Error & { data: { code: string; message: string } };
	error.data = { code, message };
	return error;
}

/** Same-origin only: the configured ORIGIN, or, without one, the host the request came to. */
export function originAllowed(origin: string | undefined, host: string | undefined): boolean {
	if (!origin) return false;
	const configured = process.env.ORIGIN;
	if (configured) return origin === configured;
	try {
		return new URL(origin).host === host;
	} catch {
		return false;
	}
}

export function attachRealtime(io: PlenaryServer, app: App): void {
	const marked = io as PlenaryServer & { [IO_KEY]?: boolean };
	if (marked[IO_KEY]) return;
	marked[IO_KEY] = true;

	io.use(async (socket, next) => {
		const auth = (socket.handshake.auth ?? {}) as Partial<HandshakeAuth>;
		if (auth.protocol !== PROTOCOL_VERSION) {
			return next(
				handshakeError(
					HANDSHAKE_ERRORS.protocol,
					`This page speaks protocol ${String(auth.protocol)}, the server ${PROTOCOL_VERSION}. Reload the page.`
				)
			);
		}
		const { origin, host, cookie } = socket.handshake.headers;
		if (!originAllowed(origin, host)) {
			return next(
				handshakeError(HANDSHAKE_ERRORS.origin, 'Connections are accepted from this site only.')
			);
		}
		const cookies = parseCookie(cookie ?? '');
		if (auth.display === true) {
			const key = cookies[DISPLAY_COOKIE];
			const link = key ? await validateDisplayKey(app.db, key) : null;
			if (!link) {
				return next(
					handshakeError(
						HANDSHAKE_ERRORS.session,
						'This display link is no longer valid. Ask the secretariat for a new one.'
					)
				);
			}
			socket.data = { account: null, sessionId: null, displayForum: link.forum };
			return next();
		}
		const token = cookies[SESSION_COOKIE];
		const { account, session } = token
			? await validateSessionToken(app.db, token)
			: { account: null, session: null };
		if (!account || !session) {
			return next(
				handshakeError(HANDSHAKE_ERRORS.session, 'Your session has ended. Sign in again.')
			);
		}
		const live = io.of('/').adapter.rooms.get(accountRoom(account.id));
		const crowded = connectionLimiter.admit(account.id, socket.id, live);
		if (crowded) return next(handshakeError(crowded.code, crowded.message));
		socket.data = { account, sessionId: session.id, displayForum: null };
		next();
	});

	io.on('connection', (socket: PlenarySocket) => {
		const { account, sessionId, displayForum } = socket.data;
		if (account && sessionId) void socket.join([accountRoom(account.id), sessionRoom(sessionId)]);

		/** Join the rooms of the forum's audiences this participant (or display) belongs to. */
		async function enter(forum: string): Promise<Viewer | null> {
			const host = await app.forums.followed(forum);
			if (!host) return null;
			let viewer: Viewer;
			if (account) {
				if (!host.full.participants[account.id]) return null;
				viewer = { kind: 'participant', participantId: account.id };
			} else if (displayForum === forum) {
				viewer = { kind: 'display' };
			} else {
				return null;
			}
			const rooms = audiencesFor(host.full, viewer).map((a) => forumRoom(forum, a));
			await socket.join(rooms);
			return viewer;
		}

		const notFound = {
			ok: false as const,
			status: 404,
			error: {
				code: 'no_such_forum',
				message: 'There is no such forum, or you are not registered for it.'
			}
		};
		const malformed = (message: string) => ({
			ok: false as const,
			status: 400,
			error: { code: 'malformed_request', message }
		});

		socket.on('join', async (request, ack) => {
			if (typeof ack !== 'function') return;
			const parsed = joinRequest.safeParse(request);
			if (!parsed.success) return ack(malformed(parsed.error.issues[0].message));
			const viewer = await enter(parsed.data.forum);
			if (!viewer) return ack(notFound);
			const snapshot = await app.forums.snapshot(parsed.data.forum, viewer);
			if (!snapshot) return ack(notFound);
			const you: Identity = account
				? { accountId: account.id, name: account.name, participantId: account.id, display: false }
				: { accountId: null, name: 'Room display', participantId: null, display: true };
			ack({ ok: true, snapshot, you, serverTime: Date.now() });
		});

		socket.on('sync', async (request, ack) => {
			if (typeof ack !== 'function') return;
			const parsed = syncRequest.safeParse(request);
			if (!parsed.success) return ack(malformed(parsed.error.issues[0].message));
			const { forum, after } = parsed.data;
			const viewer = await enter(forum);
			if (!viewer) return ack(notFound);
			const missed = await app.forums.eventsAfter(forum, viewer, after);
			if (!missed) return ack(notFound);
			if (missed.truncated || after > missed.head) {
				// Too far behind (or ahead of a server that lost nothing but was restored): start afresh.
				const snapshot = await app.forums.snapshot(forum, viewer);
				if (!snapshot) return ack(notFound);
				return ack({ ok: true, kind: 'snapshot', snapshot, serverTime: Date.now() });
			}
			ack({
				ok: true,
				kind: 'events',
				forum,
				events: missed.events,
				head: missed.head,
				serverTime: Date.now()
			});
		});

		// The server's clock, asked by every screen on (re)connection and every few minutes: speech
		// countdowns are computed from the server's times, whatever the device's clock says.
		socket.on('time', (ack) => {
			if (typeof ack !== 'function') return;
			ack({ serverTime: Date.now() });
		});

		socket.on('command', async (request, ack) => {
			if (typeof ack !== 'function') return;
			if (typeof request !== 'object' || request === null || typeof request.forum !== 'string') {
				return ack(malformed('Send { forum, command }.'));
			}
			if (!account) {
				return ack({
					ok: false,
					status: 403,
					error: { code: 'not_allowed', message: 'The room display cannot give commands.' }
				});
			}
			const outcome = await app.forums.execute(request.forum, account.id, request.command);
			if (outcome.ok)
				ack({ ok: true, seq: outcome.seq, ...(outcome.duplicate ? { duplicate: true } : {}) });
			else ack(outcome);
		});
	});

	app.forums.onPublish((forum, events) => {
		// Consecutive events for the same audience go in one message. Not one message per audience:
		// a socket in several rooms must still receive its events in sequence order.
		let first = 0;
		for (let i = 1; i <= events.length; i++) {
			if (i < events.length && events[i].audience === events[first].audience) continue;
			const room = forumRoom(forum, events[first].audience);
			// local: every server emits what it follows from the log to its own sockets
			io.local.to(room).emit('events', { forum, events: events.slice(first, i) });
			first = i;
		}
	});
}

/** Close the sockets of one session (sign-out on this device). */
export function disconnectSession(
	io: PlenaryServer | undefined,
	sessionId: string,
	reason: string
): void {
	if (!io) return;
	io.to(sessionRoom(sessionId)).emit('closing', { code: 'signed_out', reason });
	io.in(sessionRoom(sessionId)).disconnectSockets(true);
}

/** Close an account's sockets on every device, telling them why (sign-out, password change). */
export function disconnectAccount(
	io: PlenaryServer | undefined,
	accountId: string,
	reason: string,
	code: 'signed_out' | 'password_changed' = 'signed_out'
): void {
	if (!io) return;
	io.to(accountRoom(accountId)).emit('closing', { code, reason });
	io.in(accountRoom(accountId)).disconnectSockets(true);
}

export function currentIo(): PlenaryServer | undefined {
	return (globalThis as Record<symbol, PlenaryServer | undefined>)[IO_KEY];
}
