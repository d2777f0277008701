/**
 * The durable-throughput baseline: raw better-sqlite3, with the server's durability pragmas
 * (src/lib/server/db.ts: WAL, synchronous = FULL), inserting the very rows the server wrote in the
 * run it is compared with (each command's events and its `commands` row), one transaction per
 * command as the server must (a command is acknowledged only once it is on disk).
 *
 * Usage: node bench/sqlite-baseline.mjs <source db with the rows> <fresh copy of the template db> <after seq>
 * Prints one JSON line: { commands, events, seconds, perSecond }.
 */
import SQLite from 'better-sqlite3';

const [source, target, after] = process.argv.slice(2);
const FORUM = 'wtpf-26';

const read = new SQLite(source, { readonly: true });
const events = read
	.prepare('SELECT * FROM events WHERE forum = ? AND seq > ? ORDER BY seq')
	.all(FORUM, Number(after));
const commands = read
	.prepare('SELECT * FROM commands WHERE forum = ? AND first_seq > ? ORDER BY first_seq')
	.all(FORUM, Number(after));
read.close();

const db = new SQLite(target);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
const insertEvent = db.prepare(
	`INSERT INTO events (forum, seq, type, payload, audience, actor, at, command_id)
	 VALUES (@forum, @seq, @type, @payload, @audience, @actor, @at, @command_id)`
);
const insertCommand = db.prepare(
	`INSERT INTO commands (forum, id, actor, type, first_seq, last_seq, at)
	 VALUES (@forum, @id, @actor, @type, @first_seq, @last_seq, @at)`
);
const byCommand = new Map();
for (const event of events) {
	if (!byCommand.has(event.command_id)) byCommand.set(event.command_id, []);
	byCommand.get(event.command_id).push(event);
}
const append = db.transaction((command) => {
	for (const event of byCommand.get(command.id) ?? []) insertEvent.run(event);
	insertCommand.run(command);
});

const started = performance.now();
for (const command of commands) append(command);
const seconds = (performance.now() - started) / 1000;
db.close();
console.log(
	JSON.stringify({
		commands: commands.length,
		events: events.length,
		seconds,
		perSecond: commands.length / seconds
	})
);
