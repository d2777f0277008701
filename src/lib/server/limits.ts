/**
 * Limits that keep one participant, or one runaway screen, from drowning the forum: how often a
 * participant may ask for the floor or change a stance, and how many live connections one account
 * may hold. Each exceeded limit is answered with a stable code and a sentence saying what to do,
 * never by dropping connections. Sizes (bodies, messages, strings) are limited elsewhere:
 * docs/api.md, "Limits".
 */
import { presidingOfficerId, type ForumState } from '$lib/forum/types';
import type { ApiError } from '$lib/protocol';

/**
 * Token buckets per participant, per forum and per family of commands: `burst` commands at once,
 * then one more every `perSeconds / burst` seconds. Only what a participant may send over and over
 * is limited.
 */
export const RATE_LIMITS = [
	{
		family: 'floor',
		commands: ['floor.request', 'floor.withdraw'],
		burst: 10,
		perSeconds: 10,
		what: 'requests for the floor'
	},
	{
		family: 'stance',
		commands: ['opinion.stance'],
		burst: 10,
		perSeconds: 10,
		what: 'stances on draft opinions'
	}
] as const;

/** Live Socket.IO connections per account: a few devices with a few tabs each, not a loop. */
export const MAX_CONNECTIONS_PER_ACCOUNT = 20;

const FAMILY_OF = new Map<string, (typeof RATE_LIMITS)[number]>(
	RATE_LIMITS.flatMap((limit) => limit.commands.map((type) => [type, limit] as const))
);

interface Bucket {
	tokens: number;
	/** when `tokens` was last computed, epoch milliseconds */
	at: number;
}

export type Limited = { status: 429; error: ApiError };

/** Buckets are dropped once full again: memory follows the participants active right now. */
const SWEEP_EVERY = 1000;

export class RateLimiter {
	private readonly buckets = new Map<string, Bucket>();
	private takes = 0;

	/**
	 * Take one token for this command; null when it may go on, the refusal when the participant
	 * has sent too many of its family lately. Commands outside the families are never limited, nor
	 * is the presiding officer (who adds rights of reply and clears the list for others).
	 */
	take(forum: ForumState, participantId: string, type: string, now = Date.now()): Limited | null {
		const limit = FAMILY_OF.get(type);
		if (!limit || presidingOfficerId(forum) === participantId) return null;
		const rate = limit.burst / (limit.perSeconds * 1000);
		const key = `${forum.slug}\u0000${participantId}\u0000${limit.family}`;
		const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: now };
		bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.at) * rate);
		bucket.at = now;
		this.buckets.set(key, bucket);
		if (++this.takes % SWEEP_EVERY === 0) this.sweep(now);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return null;
		}
		const wait = Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000));
		return {
			status: 429,
			error: {
				code: 'rate_limited',
				message: `You have sent more than ${limit.burst} ${limit.what} in ${limit.perSeconds} seconds. Wait ${wait} second${wait === 1 ? '' : 's'}, then try again.`
			}
		};
	}

	private sweep(now: number): void {
		for (const [key, bucket] of this.buckets) {
			const family = RATE_LIMITS.find((l) => key.endsWith(`\u0000${l.family}`))!;
			if (now - bucket.at >= family.perSeconds * 1000) this.buckets.delete(key);
		}
	}
}

/** A limiter that lets everything through: `PLENARY_RATE_LIMITS=off`, for load tests only. */
class NoRateLimits extends RateLimiter {
	override take(): Limited | null {
		return null;
	}
}

/**
 * The one limiter of this process (commands are taken by one server process). The benchmark's
 * throughput phase turns it off to measure the server rather than the limits
 * (docs/deployment.md).
 */
export const rateLimiter =
	process.env.PLENARY_RATE_LIMITS === 'off' ? new NoRateLimits() : new RateLimiter();

/**
 * Counts an account's connections: those live (in the account's room) and those let through the
 * handshake a moment ago but not yet in the room, so that concurrent handshakes do not all see
 * room for one more.
 */
export class ConnectionLimiter {
	private readonly admitting = new Map<string, Set<string>>();

	/**
	 * Admit the socket `socketId` for the account, whose live sockets are `live`; the refusal (a
	 * handshake error's code and message) when the account already has the most allowed.
	 */
	admit(
		accountId: string,
		socketId: string,
		live: ReadonlySet<string> = new Set()
	): ApiError | null {
		const admitting = this.admitting.get(accountId) ?? new Set<string>();
		const pending = [...admitting].filter((id) => !live.has(id)).length;
		if (live.size + pending >= MAX_CONNECTIONS_PER_ACCOUNT) {
			return {
				code: 'too_many_connections',
				message: `Your account is already connected on ${MAX_CONNECTIONS_PER_ACCOUNT} screens. Close a tab or sign out on a device you no longer use, then reload this page.`
			};
		}
		admitting.add(socketId);
		this.admitting.set(accountId, admitting);
		// By the next turn of the event loop the socket has joined its account's room (or is gone).
		setImmediate(() => {
			admitting.delete(socketId);
			if (admitting.size === 0 && this.admitting.get(accountId) === admitting) {
				this.admitting.delete(accountId);
			}
		});
		return null;
	}
}

export const connectionLimiter = new ConnectionLimiter();
