/**
 * The server's one instance: the database and the forums, started once per process by the
 * `init` hook. Server-only infrastructure, never imported by client code.
 */
import type SQLite from 'better-sqlite3';
import { databasePath, openDatabase, type DB } from './db';
import { loadDemoForum } from './demo';
import { ForumService } from './forum.service';
import { migrateToLatest } from './migrate';

export interface App {
	db: DB;
	sqlite: SQLite.Database;
	forums: ForumService;
}

let starting: Promise<App> | null = null;

/** server.js calls the function under this key on SIGTERM. */
export const SHUTDOWN_KEY = Symbol.for('plenary.shutdown');

/** Stop taking commands, let the ones in flight finish (they are on disk), then close the file. */
async function shutdown({ forums, sqlite }: App): Promise<void> {
	await forums.drain();
	sqlite.pragma('wal_checkpoint(TRUNCATE)');
	sqlite.close();
}

export function startApp(): Promise<App> {
	starting ??= (async () => {
		const { db, sqlite } = openDatabase(databasePath());
		await migrateToLatest(db);
		const forums = new ForumService(db);
		if (process.env.PLENARY_DEMO !== '0') await loadDemoForum(db, forums);
		await forums.loadAll();
		const started = { db, sqlite, forums };
		(globalThis as Record<symbol, unknown>)[SHUTDOWN_KEY] = () => shutdown(started);
		return started;
	})();
	return starting;
}

/** The started app; request handlers run only after `init`, so this always resolves at once. */
export function app(): Promise<App> {
	return startApp();
}
