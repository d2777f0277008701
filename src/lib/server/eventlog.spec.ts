/**
 * The start-up reader (eventlog.ts, `sqliteStartupReader`): the same events as Kysely's read of the
 * log, a page at a time, and a server loaded with it holds the same forum, on a real SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from './db';
import { DEMO_FORUM } from './demo.data';
import { readEvents, sqliteStartupReader } from './eventlog';
import { ForumService } from './forum.service';
import { forumInMemory } from './testing';

const FORUM = DEMO_FORUM.slug;

describe('reading the log at start-up (SQLite)', () => {
	let dir: string;
	let path: string;
	let db: DB;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'plenary-eventlog-'));
		path = join(dir, 'plenary.db');
		let forums: ForumService;
		({ db, forums } = await forumInMemory(
			[
				{ participantId: 'p-sg', name: 'SG', delegationId: null, role: 'secretariat' },
				{ participantId: 'p-fra', name: 'Claire Dubois', delegationId: 'FRA', role: 'head' },
				{ participantId: 'p-ar', name: 'ليلى حداد', delegationId: 'FRA', role: 'delegate' }
			],
			path
		));
		// events with and without an actor, public and for Member States only
		const commands: [string, Record<string, unknown>][] = [
			['p-sg', { type: 'forum.open' }],
			['p-fra', { type: 'presence.check_in' }],
			['p-sg', { type: 'agenda.open', item: 1 }],
			['p-fra', { type: 'floor.request', kind: 'statement' }],
			['p-fra', { type: 'restricted.request' }]
		];
		for (const [who, command] of commands) {
			const done = await forums.execute(FORUM, who, { id: randomUUID(), ...command });
			expect(done.ok, JSON.stringify(done)).toBe(true);
		}
		// and events for narrower audiences, as the server appends them
		await forums.appendAsServer(FORUM, [
			{
				type: 'presence.checked_in',
				payload: { participantId: 'p-ar' },
				audience: 'member_states'
			},
			{
				type: 'presence.checked_out',
				payload: { participantId: 'p-fra' },
				audience: 'participant:p-fra'
			}
		]);
		await forums.createForum({ ...DEMO_FORUM, slug: 'other-forum' });
	});
	afterEach(async () => {
		await db.destroy();
		rmSync(dir, { recursive: true, force: true });
	});

	it('gives the events Kysely reads, page by page, and none of another forum', async () => {
		const { db: again, sqlite } = openDatabase(path);
		try {
			const read = sqliteStartupReader(sqlite);
			const all = await readEvents(again, FORUM, 0);
			expect(all.length).toBeGreaterThan(8);
			expect(all.some((e) => e.actor === null)).toBe(true);
			expect(all.some((e) => e.audience === 'member_states')).toBe(true);
			expect(all.some((e) => e.audience === 'participant:p-fra')).toBe(true);
			expect(read(FORUM, 0, 10_000)).toEqual(all);
			for (const [after, limit] of [
				[0, 3],
				[2, 4],
				[all.length - 1, 100],
				[all.length, 100]
			]) {
				expect(read(FORUM, after, limit), `after ${after}, limit ${limit}`).toEqual(
					await readEvents(again, FORUM, after, { limit })
				);
			}
			expect(read('other-forum', 0, 100)).toEqual(await readEvents(again, 'other-forum', 0));
			expect(read('no-such-forum', 0, 100)).toEqual([]);
		} finally {
			await again.destroy();
		}
	});

	it('a server loaded with it holds the same forum, in every view, as one loaded through Kysely', async () => {
		const loaded = async (fast: boolean) => {
			const { db: again, sqlite } = openDatabase(path);
			try {
				const forums = new ForumService(again);
				await forums.loadAll(fast ? sqliteStartupReader(sqlite) : undefined);
				const host = (await forums.host(FORUM))!;
				// the shared views through the viewers that get them, and one personal view
				const views = await Promise.all(
					(['p-sg', 'p-fra', 'p-ar'] as const).map((participantId) =>
						host.viewFor(again, { kind: 'participant', participantId })
					)
				);
				return { head: host.head, full: host.full, outside: host.outside, views };
			} finally {
				await again.destroy();
			}
		};
		const fast = await loaded(true);
		expect(fast.full.participants['p-ar'].present).toBe(true);
		expect(fast.outside.participants['p-ar'].present).toBe(false);
		expect(fast).toEqual(await loaded(false));
	});
});
