// npm run backup [-- <destination file>]
// SQLite's online backup: safe while the server runs (it copies a consistent snapshot of the
// WAL database page by page). The copy is checked with quick_check before it is reported good.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const source = resolve(process.env.DATABASE_PATH ?? 'data/plenary.db');
const stamp = new Date()
	.toISOString()
	.replaceAll(':', '-')
	.replace(/\.\d+Z$/, 'Z');
const destination = resolve(process.argv[2] ?? `backups/plenary-${stamp}.db`);

mkdirSync(dirname(destination), { recursive: true });
const db = new Database(source, { readonly: true, fileMustExist: true });
await db.backup(destination);
db.close();

const copy = new Database(destination, { readonly: true });
const check = copy.pragma('quick_check', { simple: true });
const events = copy.prepare('SELECT count(*) AS n FROM events').get().n;
copy.close();
if (check !== 'ok') {
	console.error(`The backup ${destination} failed its check: ${check}`);
	process.exit(1);
}
console.log(`Backed up ${source} to ${destination} (${events} events, quick_check ok).`);
