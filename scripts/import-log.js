// npm run import -- <file.json>
// Rebuilds a forum exported by `npm run export` into the database at DATABASE_PATH (which must
// have been migrated: start the server on it once, or import into a copy of a backup). Refuses
// a forum that exists already and a log with a gap; writes everything in one transaction.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
	console.error('Usage: npm run import -- <file.json>');
	process.exit(2);
}
const dump = JSON.parse(readFileSync(file, 'utf8'));
if (dump.format !== 'plenary-log' || dump.version !== 1) {
	console.error(`${file} is not a Plenary log export (format plenary-log, version 1).`);
	process.exit(1);
}
dump.events.forEach((e, i) => {
	if (e.seq !== i + 1) {
		console.error(`The log has a gap: event ${i + 1} is numbered ${e.seq}. Nothing was imported.`);
		process.exit(1);
	}
});
const db = new Database(process.env.DATABASE_PATH ?? 'data/plenary.db', { fileMustExist: true });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
if (db.prepare('SELECT 1 FROM forums WHERE slug = ?').get(dump.forum)) {
	console.error(`The forum "${dump.forum}" exists already in this database. Nothing was imported.`);
	process.exit(1);
}
db.transaction(() => {
	db.prepare('INSERT INTO forums (slug, created_at) VALUES (?, ?)').run(dump.forum, dump.createdAt);
	const account = db.prepare(
		'INSERT INTO accounts (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'
	);
	for (const a of dump.accounts) account.run(a.id, a.email, a.name, a.password_hash, a.created_at);
	const event = db.prepare(
		'INSERT INTO events (forum, seq, type, payload, audience, actor, at, command_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
	);
	for (const e of dump.events) {
		event.run(
			dump.forum,
			e.seq,
			e.type,
			JSON.stringify(e.payload),
			e.audience,
			e.actor,
			e.at,
			e.command_id
		);
	}
	const command = db.prepare(
		'INSERT INTO commands (forum, id, actor, type, first_seq, last_seq, at) VALUES (?, ?, ?, ?, ?, ?, ?)'
	);
	for (const c of dump.commands) {
		command.run(dump.forum, c.id, c.actor, c.type, c.first_seq, c.last_seq, c.at);
	}
})();
db.close();
console.log(`Imported ${dump.events.length} events of ${dump.forum}.`);
