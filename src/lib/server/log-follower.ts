/**
 * Several app servers share one PostgreSQL log. Each follows it: the database notifies every
 * append (a trigger on the events table, after the commit), and the server reads what it has not
 * seen and publishes it to its own sockets. A lost connection (or a lost notification) is
 * covered by catching every forum up when the listener reconnects, and by a slow poll.
 */
import type pg from 'pg';
import { pgModule } from './db';
import type { ForumService } from './forum.service';
import { log } from './log';

export const NOTIFY_CHANNEL = 'plenary_events';

/** Safety net for a notification that never came: catch every forum up this often. */
const POLL_MS = Number(process.env.PLENARY_FOLLOW_POLL_MS ?? 5000);

export interface LogFollower {
	/** the listening connection is up */
	listening(): boolean;
	close(): Promise<void>;
}

/** Resolves once the first LISTEN is in place (or has failed and is being retried). */
export async function followPostgresLog(url: string, forums: ForumService): Promise<LogFollower> {
	let client: pg.Client | null = null;
	let closed = false;
	let up = false;
	let retry: NodeJS.Timeout | undefined;

	const catchUpAll = () =>
		forums
			.followAll()
			.catch((error) => log.error({ err: error }, 'catching up with the log failed'));

	async function connect(): Promise<void> {
		const next = new (pgModule().Client)({ connectionString: url });
		next.on('notification', (message) => {
			if (message.channel !== NOTIFY_CHANNEL || !message.payload) return;
			let notice: { forum?: unknown; head?: unknown };
			try {
				notice = JSON.parse(message.payload);
			} catch {
				return;
			}
			if (typeof notice.forum !== 'string') return;
			const head = typeof notice.head === 'number' ? notice.head : undefined;
			forums
				.followLog(notice.forum, head)
				.catch((error) =>
					log.error({ err: error, forum: notice.forum }, 'following the log failed')
				);
		});
		next.on('error', (error) => {
			log.warn({ err: error }, 'PostgreSQL listener lost; reconnecting');
			lost(next);
		});
		next.on('end', () => lost(next));
		try {
			await next.connect();
			await next.query(`LISTEN ${NOTIFY_CHANNEL}`);
		} catch (error) {
			log.warn({ err: error }, 'PostgreSQL listener cannot connect; retrying');
			lost(next);
			return;
		}
		client = next;
		up = true;
		// whatever was appended while nobody listened
		void catchUpAll();
	}

	function lost(which: pg.Client): void {
		if (which !== client && client !== null) return;
		up = false;
		client = null;
		which.removeAllListeners('end');
		void which.end().catch(() => undefined);
		if (!closed && !retry) {
			retry = setTimeout(() => {
				retry = undefined;
				void connect();
			}, 1000);
		}
	}

	const poll = setInterval(() => void catchUpAll(), POLL_MS);
	poll.unref();
	// before the server listens: from then on, no append by another server goes unnoticed
	await connect();

	return {
		listening: () => up,
		async close() {
			closed = true;
			clearInterval(poll);
			clearTimeout(retry);
			const last = client;
			client = null;
			up = false;
			if (last) {
				last.removeAllListeners('end');
				await last.end().catch(() => undefined);
			}
		}
	};
}
