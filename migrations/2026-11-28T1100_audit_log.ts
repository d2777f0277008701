import type { Kysely } from 'kysely';

/**
 * The audit log of accounts (issue 9): sign-ins, failed sign-ins, sign-outs, password changes,
 * accounts created. Never a password. Schema builder only, `text` and `bigint` columns: the same
 * migration runs on SQLite and PostgreSQL. The id is assigned by the server and sorts by time
 * (src/lib/server/auth/audit.ts), so no auto-increment is needed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('at', 'bigint', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		// the account concerned (null: a failed sign-in with an unknown email)
		.addColumn('account_id', 'text')
		// the email given or the account's email
		.addColumn('email', 'text')
		// who made the change when it was not the account itself (the secretariat registering)
		.addColumn('actor_id', 'text')
		.addColumn('forum', 'text')
		// a pseudonym of the client's address, not the address
		.addColumn('address', 'text')
		.addColumn('detail', 'text')
		.execute();
	await db.schema.createIndex('audit_log_kind').on('audit_log').columns(['kind', 'id']).execute();
	await db.schema
		.createIndex('audit_log_account')
		.on('audit_log')
		.columns(['account_id', 'id'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('audit_log').execute();
}
