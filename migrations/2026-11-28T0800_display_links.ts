import type { Kysely } from 'kysely';

/** Links for the room display: a projector shows public content without a personal account. */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('display_links')
		.addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the link's key
		.addColumn('forum', 'text', (c) => c.notNull().references('forums.slug'))
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('revoked_at', 'bigint')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('display_links').execute();
}
