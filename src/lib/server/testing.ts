/**
 * For the server's specs: the demo forum on a real in-memory SQLite database, migrated, with
 * France and the given people registered, and the forum service that runs it. No test code here.
 */
import type { NewEvent } from '$lib/forum/define';
import type { ParticipantRole } from '$lib/forum/types';
import { openDatabase, type DB } from './db';
import { DEMO_FORUM } from './demo.data';
import { ForumService } from './forum.service';
import { migrateToLatest } from './migrate';

export interface Person {
	participantId: string;
	name: string;
	delegationId: string | null;
	role: ParticipantRole;
}

export async function forumInMemory(people: Person[]): Promise<{ db: DB; forums: ForumService }> {
	const db = openDatabase(':memory:').db;
	await migrateToLatest(db);
	const forums = new ForumService(db);
	await forums.createForum(DEMO_FORUM);
	await forums.appendAsServer(DEMO_FORUM.slug, [
		{
			type: 'delegation.registered',
			payload: { id: 'FRA', name: 'France', category: 'member_state' },
			audience: 'public'
		},
		...people.map((payload): NewEvent => ({
			type: 'participant.registered',
			payload,
			audience: 'public'
		}))
	]);
	return { db, forums };
}
