/**
 * A Kysely query compiled once per database and run again with new parameters. Kysely builds and
 * compiles a query on every call, which for the small, hot ones costs more than the database
 * takes to run them: a session's look-up runs on every page load and every socket handshake
 * (5,000 of them when a room's tablets reconnect at once after a restart).
 */
import { CompiledQuery, type Compilable } from 'kysely';
import type { DB } from './db';

/**
 * `build(db, ...params)` must make each given parameter a bound parameter of the query, once and
 * in order, and bind nothing else (checked when it is first compiled).
 */
export function compiledOnce<P extends unknown[], O>(
	build: (db: DB, ...params: P) => Compilable<O>
): (db: DB, ...params: P) => Promise<O[]> {
	const byDatabase = new WeakMap<DB, CompiledQuery<O>>();
	return async (db, ...params) => {
		let query = byDatabase.get(db);
		if (!query) {
			query = build(db, ...params).compile();
			const bound = query.parameters;
			if (bound.length !== params.length || bound.some((value, i) => value !== params[i])) {
				throw new Error(`compiledOnce: the query binds other values than its parameters`);
			}
			byDatabase.set(db, query);
		}
		const { rows } = await db.executeQuery(CompiledQuery.raw(query.sql, params));
		return rows as O[];
	};
}
