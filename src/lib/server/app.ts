/**
 * The server's one instance: the database and the forums, started once per process by the
 * `init` hook. Server-only infrastructure, never imported by client code.
 */
import { sql } from 'kysely';
import { openStore, type DB, type Store } from './db';
import { loadDemoForum } from './demo';
import { forumWriterLock } from './eventlog';
import { ForumService } from './forum.service';
import { followPostgresLog, type LogFollower } from './log-follower';
import { migrateToLatest } from './migrate';

export interface App {
	db: DB;
	store: Store;
	forums: ForumService;
	/** PostgreSQL only: follows the log appended by other app servers */
	follower: LogFollower | null;
}

let starting: Promise<App> | null = null;

/** server.js calls the function under this key on SIGTERM. */
export const SHUTDOWN_KEY = Symbol.for('plenary.shutdown');

/** Stop taking commands, let the ones in flight finish (they are on disk), then close the store. */
async function shutdown({ forums, store, follower }: App): Promise<void> {
	await forums.drain();
	await follower?.close();
	await store.close();
}

/**
 * Several app servers may start at once on one PostgreSQL database: one at a time migrates and
 * loads the demo forum (a session-level advisory lock), the others then find it done.
 */
async function oneServerAtATime(store: Store, task: () => Promise<void>): Promise<void> {
	if (store.kind !== 'postgres') return task();
	await store.db.connection().execute(async (connection) => {
		await sql`SELECT pg_advisory_lock(hashtext('plenary.start'))`.execute(connection);
		try {
			await task();
		} finally {
			await sql`SELECT pg_advisory_unlock(hashtext('plenary.start'))`.execute(connection);
		}
	});
}

export function startApp(): Promise<App> {
	starting ??= (async () => {
		const store = openStore();
		const { db } = store;
		const forums = new ForumService(
			db,
			store.kind === 'postgres' ? forumWriterLock(db) : undefined
		);
		await oneServerAtATime(store, async () => {
			await migrateToLatest(db);
			if (process.env.PLENARY_DEMO !== '0') await loadDemoForum(db, forums);
		});
		await forums.loadAll();
		const follower = store.url ? await followPostgresLog(store.url, forums) : null;
		const started: App = { db, store, forums, follower };
		(globalThis as Record<symbol, unknown>)[SHUTDOWN_KEY] = () => shutdown(started);
		return started;
	})();
	return starting;
}

/** The started app; request handlers run only after `init`, so this always resolves at once. */
export function app(): Promise<App> {
	return startApp();
}
