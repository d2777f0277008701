/**
 * Migrations are bundled (Node 20 cannot import .ts at run time, stack.md pitfall 4): a provider
 * over import.meta.glob, keyed by file name, so the timestamps order them.
 */
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { DB } from './db';
import { log } from './log';

const modules = import.meta.glob<Migration>('/migrations/*.ts', { eager: true });

class BundledMigrationProvider implements MigrationProvider {
	async getMigrations(): Promise<Record<string, Migration>> {
		return Object.fromEntries(
			Object.entries(modules).map(([path, migration]) => [
				path.slice(path.lastIndexOf('/') + 1, -'.ts'.length),
				migration
			])
		);
	}
}

export async function migrateToLatest(db: DB): Promise<void> {
	const migrator = new Migrator({ db, provider: new BundledMigrationProvider() });
	const { error, results } = await migrator.migrateToLatest();
	for (const result of results ?? []) {
		if (result.status === 'Error')
			log.error({ migration: result.migrationName }, 'migration failed');
	}
	if (error) throw new Error(`Database migration failed: ${String(error)}`);
}
