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

export function startApp(): Promise<App> {
	starting ??= (async () => {
		const { db, sqlite } = openDatabase(databasePath());
		await migrateToLatest(db);
		const forums = new ForumService(db);
		if (process.env.PLENARY_DEMO !== '0') await loadDemoForum(db, forums);
		await forums.loadAll();
		return { db, sqlite, forums };
	})();
	return starting;
}

/** The started app; request handlers run only after `init`, so this always resolves at once. */
export function app(): Promise<App> {
	return startApp();
}
