/**
 * Group commit (forum.service.ts `runBatch`): commands that arrive together are decided one after
 * another in one batch, each against the forum as those before it leave it, on a real (in-memory)
 * SQLite database.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from './db';
import { DEMO_FORUM } from './demo.data';
import type { CommandOutcome, ForumService } from './forum.service';
import { forumInMemory } from './testing';

const FORUM = DEMO_FORUM.slug;

function outcome(o: CommandOutcome): string {
	return o.ok ? 'ok' : `${o.status} ${o.error.code}`;
}

describe('a batch of commands (group commit)', () => {
	let db: DB;
	let forums: ForumService;

	beforeEach(async () => {
		({ db, forums } = await forumInMemory([
			{ participantId: 'p-sg', name: 'SG', delegationId: null, role: 'secretariat' },
			{ participantId: 'p-fra', name: 'Claire Dubois', delegationId: 'FRA', role: 'head' },
			{ participantId: 'p-fra-2', name: 'Julien Moreau', delegationId: 'FRA', role: 'delegate' }
		]));
		for (const command of [{ type: 'forum.open' }, { type: 'agenda.open', item: 1 }]) {
			const done = await forums.execute(FORUM, 'p-sg', { id: randomUUID(), ...command });
			expect(outcome(done)).toBe('ok');
		}
	});
	afterEach(async () => {
		await db.destroy();
	});

	it('words a refusal as the rules do when an earlier command of the same batch caused it', async () => {
		// Given at once, the three go into one batch: the first puts France on the list, and the
		// others are refused for it. The sender's own view of the forum, which the check against
		// leaks reads, must include what the batch decided before (it is not on disk yet).
		const sent = ['p-fra', 'p-fra-2', 'p-fra'].map((who) =>
			forums.execute(FORUM, who, { id: randomUUID(), type: 'floor.request', kind: 'statement' })
		);
		const outcomes = (await Promise.all(sent)).map(outcome);
		expect(outcomes).toEqual(['ok', '409 already_on_list', '409 already_on_list']);
		const host = (await forums.host(FORUM))!;
		expect(host.full.floor[1].requests.map((r) => r.participantId)).toEqual(['p-fra']);
	});
});

describe('the view bodies the state and participants routes answer with', () => {
	let db: DB;
	let forums: ForumService;
	const fra = { kind: 'participant', participantId: 'p-fra' } as const;
	const fra2 = { kind: 'participant', participantId: 'p-fra-2' } as const;
	const sg = { kind: 'participant', participantId: 'p-sg' } as const;

	beforeEach(async () => {
		({ db, forums } = await forumInMemory([
			{ participantId: 'p-sg', name: 'SG', delegationId: null, role: 'secretariat' },
			{ participantId: 'p-fra', name: 'Claire Dubois', delegationId: 'FRA', role: 'head' },
			{ participantId: 'p-fra-2', name: 'Julien Moreau', delegationId: 'FRA', role: 'delegate' }
		]));
	});
	afterEach(async () => {
		await db.destroy();
	});

	it('are the snapshot as JSON, written once for a view at a sequence number and shared', async () => {
		const host = (await forums.host(FORUM))!;
		const first = await forums.snapshotBody(host, fra);
		expect(JSON.parse(first.text)).toEqual(await forums.snapshot(FORUM, fra));
		// asked again, or by another participant with the same view: the same body, not written again
		expect(await forums.snapshotBody(host, fra)).toBe(first);
		expect(await forums.snapshotBody(host, fra2)).toBe(first);
		// the secretariat's view (the same state as theirs until an event only one of them sees),
		// and another shape
		const secretariat = await forums.snapshotBody(host, sg);
		expect(JSON.parse(secretariat.text)).toEqual(await forums.snapshot(FORUM, sg));
		const participants = await forums.participantsBody(host, fra);
		expect(JSON.parse(participants.text).participants).toHaveLength(3);
	});

	it('are written again once the view has followed another event', async () => {
		const host = (await forums.host(FORUM))!;
		const before = await forums.snapshotBody(host, fra);
		const done = await forums.execute(FORUM, 'p-sg', { id: randomUUID(), type: 'forum.open' });
		expect(outcome(done)).toBe('ok');
		const after = await forums.snapshotBody(host, fra);
		expect(after).not.toBe(before);
		expect(JSON.parse(after.text).seq).toBe(JSON.parse(before.text).seq + 1);
		expect(JSON.parse(after.text)).toEqual(await forums.snapshot(FORUM, fra));
	});
});
