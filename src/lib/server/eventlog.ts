/**
 * The append-only event log: the forum's only truth. Appends are conditional on the expected
 * head sequence number, so two writers (processes or servers) can never fork a forum's log.
 */
import { sql, type Transaction } from 'kysely';
import type { Audience } from '$lib/forum/audience';
import { stampEvent, type ForumEvent } from '$lib/forum/rules';
import type { Database, DB } from './db';

/**
 * PostgreSQL: one app server at a time decides commands for a forum (a session advisory lock on
 * a connection of the pool, released if the server dies). The conditional append alone keeps the
 * log from forking; the lock keeps a server under a burst from losing the race again and again.
 */
export function forumWriterLock(db: DB): <T>(forum: string, task: () => Promise<T>) => Promise<T> {
	return (forum, task) =>
		db.connection().execute(async (connection) => {
			await sql`SELECT pg_advisory_lock(hashtext('plenary.forum'), hashtext(${forum}))`.execute(
				connection
			);
			try {
				return await task();
			} finally {
				await sql`SELECT pg_advisory_unlock(hashtext('plenary.forum'), hashtext(${forum}))`.execute(
					connection
				);
			}
		});
}

/** Another writer appended first: catch up from the log and decide again. */
export class AppendConflict extends Error {
	constructor(
		readonly expected: number,
		readonly found: number
	) {
		super(`expected head ${expected}, found ${found}`);
	}
}

export interface AppliedCommand {
	id: string;
	actor: string;
	type: string;
}

export async function headSeq(db: DB | Transaction<Database>, forum: string): Promise<number> {
	const row = await db
		.selectFrom('events')
		.select((eb) => eb.fn.max('seq').as('head'))
		.where('forum', '=', forum)
		.executeTakeFirst();
	return Number(row?.head ?? 0);
}

/**
 * Append events in one transaction, with the command that caused them (if any). `before` runs
 * inside the same transaction (e.g. to create the account of a newly registered participant).
 */
export async function appendEvents(
	db: DB,
	forum: string,
	expectedHead: number,
	events: ForumEvent[],
	command: AppliedCommand | null,
	before?: (trx: Transaction<Database>) => Promise<void>
): Promise<void> {
	await appendBatch(db, forum, expectedHead, [{ command, events }], before);
}

/** One command's events (or the server's own, without a command), for `appendBatch`. */
export interface CommandEvents {
	command: AppliedCommand | null;
	events: ForumEvent[];
}

/**
 * Group commit: the events of several commands, numbered on from `expectedHead` one command after
 * another, with each command's row (its id keeps retries idempotent), in ONE transaction: one
 * fsync for all of them. Conditional on the head like any append; all are on disk when this
 * resolves, or none are.
 */
export async function appendBatch(
	db: DB,
	forum: string,
	expectedHead: number,
	batch: CommandEvents[],
	before?: (trx: Transaction<Database>) => Promise<void>
): Promise<void> {
	const events: Database['events'][] = [];
	const commands: Database['commands'][] = [];
	let seq = expectedHead;
	for (const { command, events: decided } of batch) {
		for (const e of decided) {
			events.push({
				forum,
				seq: e.seq,
				type: e.type,
				payload: JSON.stringify(e.payload),
				audience: e.audience,
				actor: e.actor,
				at: e.at,
				command_id: command?.id ?? null
			});
		}
		if (command) {
			commands.push({
				forum,
				id: command.id,
				actor: command.actor,
				type: command.type,
				first_seq: decided[0]?.seq ?? seq,
				last_seq: decided.at(-1)?.seq ?? seq,
				at: decided[0]?.at ?? Date.now()
			});
		}
		seq = decided.at(-1)?.seq ?? seq;
	}
	await db.transaction().execute(async (trx) => {
		const head = await headSeq(trx, forum);
		if (head !== expectedHead) throw new AppendConflict(expectedHead, head);
		if (before) await before(trx);
		for (const rows of inChunks(events)) await trx.insertInto('events').values(rows).execute();
		for (const rows of inChunks(commands)) await trx.insertInto('commands').values(rows).execute();
	});
}

/**
 * Rows are inserted (and ids looked up) in chunks of these sizes only, so that a batch of any
 * size runs a handful of distinct statements, which stay prepared (db.ts), instead of a new
 * statement for every count, and stays far below the databases' limits on bound parameters.
 */
const CHUNK_SIZES = [256, 64, 16, 4, 1];

function* inChunks<T>(rows: T[]): Generator<T[]> {
	let at = 0;
	for (const size of CHUNK_SIZES) {
		while (rows.length - at >= size) {
			yield rows.slice(at, at + size);
			at += size;
		}
	}
}

type EventRow = Database['events'];

function toEvent(
	row: Pick<EventRow, 'seq' | 'type' | 'payload' | 'audience' | 'actor' | 'at'>
): ForumEvent {
	return stampEvent(
		{ type: row.type, payload: JSON.parse(row.payload), audience: row.audience as Audience },
		Number(row.seq),
		Number(row.at),
		row.actor
	);
}

/** Events after `after`, optionally only those addressed to the given audiences. */
export async function readEvents(
	db: DB,
	forum: string,
	after: number,
	options: { audiences?: Audience[]; limit?: number } = {}
): Promise<ForumEvent[]> {
	let query = db
		.selectFrom('events')
		.select(['seq', 'type', 'payload', 'audience', 'actor', 'at'])
		.where('forum', '=', forum)
		.where('seq', '>', after)
		.orderBy('seq');
	if (options.audiences) query = query.where('audience', 'in', options.audiences);
	if (options.limit) query = query.limit(options.limit);
	return (await query.execute()).map(toEvent);
}

export async function findCommand(db: DB, forum: string, id: string) {
	return db
		.selectFrom('commands')
		.selectAll()
		.where('forum', '=', forum)
		.where('id', '=', id)
		.executeTakeFirst();
}

/** The commands already applied among `ids`, by id (a batch's retries, see `appendBatch`). */
export async function findCommands(db: DB, forum: string, ids: string[]) {
	const found = new Map<string, Database['commands']>();
	for (const chunk of inChunks([...new Set(ids)])) {
		const rows = await db
			.selectFrom('commands')
			.selectAll()
			.where('forum', '=', forum)
			.where('id', 'in', chunk)
			.execute();
		for (const row of rows) found.set(row.id, row);
	}
	return found;
}

export async function forumSlugs(db: DB): Promise<string[]> {
	return (await db.selectFrom('forums').select('slug').orderBy('slug').execute()).map(
		(r) => r.slug
	);
}
