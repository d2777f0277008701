/**
 * The Socket.IO contract, written once and shared by the server and the client
 * (style.md: no second hand-written copy of the event map).
 */
import { z } from 'zod';
import type { ForumEvent } from './forum/rules';
import type { ForumState, Participant } from './forum/types';

/**
 * Bumped when a message changes shape; the handshake refuses a client of another version.
 * 2: events are pushed as `events` (several at once) instead of `event` (one each).
 */
export const PROTOCOL_VERSION = 2;

export interface ApiError {
	code: string;
	message: string;
}

export type CommandAck =
	{ ok: true; seq: number; duplicate?: boolean } | { ok: false; status: number; error: ApiError };

/** A view of the forum as one participant may see it, at sequence number `seq`. */
export interface Snapshot {
	forum: string;
	seq: number;
	state: ForumState;
}

/** What `GET /api/forums/:forum/participants` answers. */
export interface ParticipantList {
	forum: string;
	/** the event sequence number the list stands at */
	seq: number;
	participants: Participant[];
}

/**
 * `serverTime` in the replies below is the server's `Date.now()` when it answered: every screen
 * computes a speech's countdown from the server's times, so it needs the server's clock, not its
 * own (see `time`).
 */
export type SyncReply =
	| {
			ok: true;
			kind: 'events';
			forum: string;
			events: ForumEvent[];
			head: number;
			serverTime: number;
	  }
	| { ok: true; kind: 'snapshot'; snapshot: Snapshot; serverTime: number }
	| { ok: false; status: number; error: ApiError };

export type JoinReply =
	| { ok: true; snapshot: Snapshot; you: Identity; serverTime: number }
	| { ok: false; status: number; error: ApiError };

/**
 * The answer to `time`: the server's clock. A client estimates its offset from one exchange as
 * `serverTime + rtt / 2 - clientNow` and keeps the estimate with the smallest round trip.
 */
export interface TimeReply {
	serverTime: number;
}

/** Who the server thinks you are in a forum. */
export interface Identity {
	accountId: string | null;
	name: string;
	/** null when you are not a participant of this forum (the room display, say) */
	participantId: string | null;
	display: boolean;
}

export const forumSlug = /*#__PURE__*/ z
	.string()
	.regex(/^[a-z0-9-]{1,40}$/, 'A forum slug is lowercase letters, digits and "-".');

export const joinRequest = /*#__PURE__*/ z.strictObject({ forum: forumSlug });
export const syncRequest = /*#__PURE__*/ z.strictObject({
	forum: forumSlug,
	after: /*#__PURE__*/ z.number().int().min(0)
});

export interface ClientToServerEvents {
	join: (request: z.infer<typeof joinRequest>, ack: (reply: JoinReply) => void) => void;
	sync: (request: z.infer<typeof syncRequest>, ack: (reply: SyncReply) => void) => void;
	command: (request: { forum: string; command: unknown }, ack: (reply: CommandAck) => void) => void;
	/** the server's clock, for the client to measure its offset (no request body) */
	time: (ack: (reply: TimeReply) => void) => void;
}

export interface ServerToClientEvents {
	/**
	 * events of a forum you joined, in sequence order (those of one command, or of several decided
	 * together); apply them in order, skipping any whose `seq` you already have
	 */
	events: (message: { forum: string; events: ForumEvent[] }) => void;
	/** the server is going away or your session ended; `reason` is a sentence to show */
	closing: (message: { code: string; reason: string }) => void;
}

/** What the client sends in the handshake's `auth`. */
export interface HandshakeAuth {
	protocol: number;
	/** true on the room display: authenticate with the display link's cookie, see public content only */
	display?: boolean;
}

/** The handshake's refusal reasons, sent as `connect_error` messages. */
export const HANDSHAKE_ERRORS = {
	protocol: 'protocol_mismatch',
	origin: 'bad_origin',
	session: 'not_signed_in'
} as const;

/**
 * How a client reconnects (Socket.IO's back-off): the first try after about half a second, then
 * doubling up to 2 s, each delay ±50 % at random. Thousands of tablets cut off at once (a server
 * restart) come back spread out rather than in waves, and none waits more than 3 s once the
 * server is back (Socket.IO's default waits up to 7.5 s).
 */
export const RECONNECTION = {
	reconnectionDelay: 500,
	reconnectionDelayMax: 2000,
	randomizationFactor: 0.5
} as const;

/** Past this many missed events, `sync` answers with a fresh snapshot. */
export const SYNC_EVENT_LIMIT = 1000;
