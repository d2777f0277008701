// npm run export -- <forum> [file.json]
// The whole log of one forum as JSON (every audience: an operator's tool with the database file
// in hand). `npm run import` rebuilds the same forum from it in another database.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';

const [forum, file] = process.argv.slice(2);
if (!forum) {
	console.error('Usage: npm run export -- <forum> [file.json]');
	process.exit(2);
}
const db = new Database(process.env.DATABASE_PATH ?? 'data/plenary.db', {
	readonly: true,
	fileMustExist: true
});
const row = db.prepare('SELECT slug, created_at FROM forums WHERE slug = ?').get(forum);
if (!row) {
	console.error(`There is no forum "${forum}" in this database.`);
	process.exit(1);
}
const events = db
	.prepare(
		'SELECT seq, type, payload, audience, actor, at, command_id FROM events WHERE forum = ? ORDER BY seq'
	)
	.all(forum)
	.map((e) => ({ ...e, payload: JSON.parse(e.payload) }));
const commands = db
	.prepare('SELECT id, actor, type, first_seq, last_seq, at FROM commands WHERE forum = ?')
	.all(forum);
const accounts = db
	.prepare('SELECT id, email, name, password_hash, created_at FROM accounts')
	.all()
	.filter((a) =>
		events.some((e) => e.type === 'participant.registered' && e.payload.participantId === a.id)
	);
db.close();
const out = JSON.stringify(
	{
		format: 'plenary-log',
		version: 1,
		forum,
		createdAt: row.created_at,
		events,
		commands,
		accounts
	},
	null,
	1
);
if (file) {
	writeFileSync(file, out);
	console.log(`Exported ${events.length} events of ${forum} to ${file}.`);
} else {
	process.stdout.write(out);
}
