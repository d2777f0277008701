/**
 * The database: by default one SQLite file (WAL, fsync on every commit: an acknowledged command
 * is on disk); with `DATABASE_URL=postgres://…`, PostgreSQL (commits are durable by default),
 * shared by several app servers. The same Kysely queries and migrations run on both.
 */
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type pg from 'pg';
import { configuredKind, type DatabaseKind } from './dialect';
import { log } from './log';

export interface Database {
	accounts: { id: string; email: string; name: string; password_hash: string; created_at: number };
	sessions: { id: string; account_id: string; expires_at: number };
	forums: { slug: string; created_at: number };
	events: {
		forum: string;
		seq: number;
		type: string;
		payload: string;
		audience: string;
		actor: string | null;
		at: number;
		command_id: string | null;
	};
	commands: {
		forum: string;
		id: string;
		actor: string;
		type: string;
		first_seq: number;
		last_seq: number;
		at: number;
	};
	login_throttle: { key: string; failures: number; locked_until: number };
	display_links: {
		id: string;
		forum: string;
		label: string;
		created_by: string;
		created_at: number;
		revoked_at: number | null;
	};
	audit_log: {
		id: string;
		at: number;
		kind: string;
		account_id: string | null;
		email: string | null;
		actor_id: string | null;
		forum: string | null;
		address: string | null;
		detail: string | null;
	};
}

export type DB = Kysely<Database>;

/** The opened database, whichever it is. */
export interface Store {
	db: DB;
	kind: DatabaseKind;
	/** for messages: the file, or the PostgreSQL URL without its password */
	where: string;
	/** the PostgreSQL URL (the log follower opens its own connection to LISTEN) */
	url?: string;
	/** flush and close (SQLite: checkpoint the WAL into the file) */
	close(): Promise<void>;
}

/** Open the configured database: PostgreSQL when DATABASE_URL says so, else the SQLite file. */
export function openStore(env: NodeJS.ProcessEnv = process.env): Store {
	if (configuredKind(env) === 'postgres') return openPostgres(env.DATABASE_URL!);
	const path = databasePath(env);
	const { db, sqlite } = openDatabase(path);
	return {
		db,
		kind: 'sqlite',
		where: path,
		async close() {
			if (!sqlite.open) return;
			sqlite.pragma('wal_checkpoint(TRUNCATE)');
			await db.destroy(); // closes the file
		}
	};
}

/**
 * PostgreSQL's client, loaded the first time it is needed: a server on SQLite does not pay for
 * loading it at every start (with Redis's client, about 0.3 s of CPU: BENCHMARKS.md, start-up).
 */
export function pgModule(): typeof pg {
	const loaded = createRequire(import.meta.url)('pg') as typeof pg;
	// int8 (bigint) columns hold sequence numbers and millisecond times, far below 2^53: read them
	// as numbers, as SQLite gives them. (count() and max() answer int8 too.)
	loaded.types.setTypeParser(loaded.types.builtins.INT8, (value) => Number(value));
	return loaded;
}

export function openPostgres(url: string): Store {
	const pg = pgModule();
	const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL ?? 10) });
	// An idle client losing its connection must not crash the server; the next query reconnects.
	pool.on('error', (error) => log.warn({ err: error }, 'PostgreSQL: an idle connection was lost'));
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	return {
		db,
		kind: 'postgres',
		where: withoutPassword(url),
		url,
		close: () => db.destroy()
	};
}

function withoutPassword(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'postgres://…';
	}
}

/** The database file cannot be trusted: the server refuses to start on it. */
export class DamagedDatabase extends Error {}

export function openDatabase(path: string): { db: DB; sqlite: SQLite.Database } {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new SQLite(path);
	checkIntegrity(sqlite, path);
	sqlite.pragma('journal_mode = WAL');
	// FULL: in WAL mode, NORMAL may lose the last commits on power loss; an acknowledged command must not.
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = new Kysely<Database>({
		dialect: new SqliteDialect({ database: withPreparedStatements(sqlite) })
	});
	return { db, sqlite };
}

/** Statements kept prepared; past this many, the oldest is dropped (the SQL of a list varies). */
const PREPARED_STATEMENTS = 200;

/**
 * Kysely's SQLite driver prepares every query anew, yet the server runs the same few statements
 * over and over (each command, each socket's sync): preparing was a fifth of a command's CPU time
 * (bench/micro.mjs). Statements are kept by their SQL text. Nothing here streams a query, so a
 * statement is never still busy when it is run again.
 */
function withPreparedStatements(sqlite: SQLite.Database): SqliteDatabase {
	const statements = new Map<string, SQLite.Statement>();
	return {
		close: () => sqlite.close(),
		prepare(sql) {
			let statement = statements.get(sql);
			if (!statement) {
				statement = sqlite.prepare(sql);
				if (statements.size >= PREPARED_STATEMENTS) {
					statements.delete(statements.keys().next().value!);
				}
				statements.set(sql, statement);
			}
			return statement;
		}
	};
}

export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
	return env.DATABASE_PATH ?? 'data/plenary.db';
}

/**
 * `PRAGMA quick_check` before anything else reads or writes the file: the record must not be
 * built on a damaged log.
 */
export function checkIntegrity(sqlite: SQLite.Database, path: string): void {
	let result: string;
	try {
		result = (sqlite.pragma('quick_check', { simple: true }) as string) ?? 'no answer';
	} catch (error) {
		result = error instanceof Error ? error.message : String(error);
	}
	if (result !== 'ok') {
		sqlite.close();
		throw new DamagedDatabase(
			`The database ${path} is damaged (quick_check: ${result}). Plenary will not start on it. ` +
				'Restore the latest backup (docs/operations.md), then start again.'
		);
	}
}
