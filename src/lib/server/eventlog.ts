/**
 * The append-only event log: the forum's only truth. Appends are conditional on the expected
 * head sequence number, so two writers (processes or servers) can never fork a forum's log.
 */
import type { Transaction } from 'kysely';
import type { Audience } from '$lib/forum/audience';
import { stampEvent, type ForumEvent } from '$lib/forum/rules';
import type { Database, DB } from './db';

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
	await db.transaction().execute(async (trx) => {
		const head = await headSeq(trx, forum);
		if (head !== expectedHead) throw new AppendConflict(expectedHead, head);
		if (before) await before(trx);
		await trx
			.insertInto('events')
			.values(
				events.map((e) => ({
					forum,
					seq: e.seq,
					type: e.type,
					payload: JSON.stringify(e.payload),
					audience: e.audience,
					actor: e.actor,
					at: e.at,
					command_id: command?.id ?? null
				}))
			)
			.execute();
		if (command) {
			await trx
				.insertInto('commands')
				.values({
					forum,
					id: command.id,
					actor: command.actor,
					type: command.type,
					first_seq: events[0]?.seq ?? expectedHead,
					last_seq: events.at(-1)?.seq ?? expectedHead,
					at: events[0]?.at ?? Date.now()
				})
				.execute();
		}
	});
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

export async function forumSlugs(db: DB): Promise<string[]> {
	return (await db.selectFrom('forums').select('slug').orderBy('slug').execute()).map(
		(r) => r.slug
	);
}
