/**
 * Which database a Kysely instance speaks to. Shared by the migrations and the server: the log
 * is the same on both, only a few statements (triggers, notifications) are written per dialect.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

export type DatabaseKind = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<unknown>): DatabaseKind {
	return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** `DATABASE_URL=postgres://…` chooses PostgreSQL; otherwise the SQLite file at DATABASE_PATH. */
export function configuredKind(env: NodeJS.ProcessEnv = process.env): DatabaseKind {
	return /^postgres(ql)?:\/\//.test(env.DATABASE_URL ?? '') ? 'postgres' : 'sqlite';
}
