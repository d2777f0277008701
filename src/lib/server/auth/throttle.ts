/**
 * Sign-in throttling, per account and per address: after 5 failures in a row, each further
 * attempt waits longer (30 s, doubling, at most 15 minutes). Kept in the database so that every
 * server process sees it.
 */
import type { DB } from '../db';

const FREE_FAILURES = 5;
const FIRST_LOCK = 30_000;
const LONGEST_LOCK = 15 * 60_000;

/** Milliseconds to wait before another attempt is allowed for any of the keys (0: go ahead). */
export async function waitBeforeAttempt(db: DB, keys: string[], now = Date.now()): Promise<number> {
	const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
	return Math.max(0, ...rows.map((r) => r.locked_until - now));
}

export async function recordFailure(db: DB, keys: string[], now = Date.now()): Promise<void> {
	for (const key of keys) {
		const row = await db
			.selectFrom('login_throttle')
			.selectAll()
			.where('key', '=', key)
			.executeTakeFirst();
		const failures = (row?.failures ?? 0) + 1;
		const lock =
			failures < FREE_FAILURES
				? 0
				: Math.min(LONGEST_LOCK, FIRST_LOCK * 2 ** (failures - FREE_FAILURES));
		await db
			.insertInto('login_throttle')
			.values({ key, failures, locked_until: now + lock })
			.onConflict((oc) => oc.column('key').doUpdateSet({ failures, locked_until: now + lock }))
			.execute();
	}
}

export async function recordSuccess(db: DB, keys: string[]): Promise<void> {
	await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
}
