import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../src/lib/server/dialect';

/** Accounts, sessions, forums and the append-only event log. */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('accounts')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('account_id', 'text', (c) =>
			c.notNull().references('accounts.id').onDelete('cascade')
		)
		.addColumn('expires_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

	await db.schema
		.createTable('forums')
		.addColumn('slug', 'text', (c) => c.primaryKey())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	// One row per event; (forum, seq) is the primary key, so two writers can never both append
	// the same sequence number: the second one's transaction fails and it catches up.
	await db.schema
		.createTable('events')
		.addColumn('forum', 'text', (c) => c.notNull().references('forums.slug'))
		.addColumn('seq', 'bigint', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('payload', 'text', (c) => c.notNull())
		.addColumn('audience', 'text', (c) => c.notNull())
		.addColumn('actor', 'text')
		.addColumn('at', 'bigint', (c) => c.notNull())
		.addColumn('command_id', 'text')
		.addPrimaryKeyConstraint('events_pk', ['forum', 'seq'])
		.execute();
	await db.schema
		.createIndex('events_audience')
		.on('events')
		.columns(['forum', 'audience', 'seq'])
		.execute();

	// Commands that were applied, by their client-generated id: a retry is answered from here.
	await db.schema
		.createTable('commands')
		.addColumn('forum', 'text', (c) => c.notNull())
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('actor', 'text', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('first_seq', 'bigint', (c) => c.notNull())
		.addColumn('last_seq', 'bigint', (c) => c.notNull())
		.addColumn('at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('commands_pk', ['forum', 'id'])
		.execute();

	await db.schema
		.createTable('login_throttle')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'bigint', (c) => c.notNull())
		.addColumn('locked_until', 'bigint', (c) => c.notNull())
		.execute();

	// The log is append-only: refuse updates and deletes at the database itself.
	if (dialectOf(db) === 'postgres') {
		await sql`CREATE FUNCTION plenary_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN RAISE EXCEPTION 'the event log is append-only'; END $$`.execute(db);
		await sql`CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
			FOR EACH STATEMENT EXECUTE FUNCTION plenary_append_only()`.execute(db);
		// Every app server follows the log: it is told of each append (after the commit) and reads
		// what it has not seen from the table (src/lib/server/log-follower.ts).
		await sql`CREATE FUNCTION plenary_notify_events() RETURNS trigger LANGUAGE plpgsql AS $$
			DECLARE r record;
			BEGIN
				FOR r IN SELECT forum, max(seq) AS head FROM appended GROUP BY forum LOOP
					PERFORM pg_notify('plenary_events', json_build_object('forum', r.forum, 'head', r.head)::text);
				END LOOP;
				RETURN NULL;
			END $$`.execute(db);
		await sql`CREATE TRIGGER events_notify AFTER INSERT ON events
			REFERENCING NEW TABLE AS appended FOR EACH STATEMENT
			EXECUTE FUNCTION plenary_notify_events()`.execute(db);
	} else {
		await sql`CREATE TRIGGER events_no_update BEFORE UPDATE ON events
			BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`.execute(db);
		await sql`CREATE TRIGGER events_no_delete BEFORE DELETE ON events
			BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`.execute(db);
	}
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of ['login_throttle', 'commands', 'events', 'forums', 'sessions', 'accounts']) {
		await db.schema.dropTable(table).execute();
	}
}
