/**
 * Group commit (forum.service.ts `runBatch`): commands that arrive together are decided one after
 * another in one batch, each against the forum as those before it leave it, on a real (in-memory)
 * SQLite database.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audiencesFor, type Viewer } from '$lib/forum/audience';
import type { NewEvent } from '$lib/forum/define';
import { blankForum } from '$lib/forum/forum.rules';
import { evolve } from '$lib/forum/rules';
import type { ForumState } from '$lib/forum/types';
import type { DB } from './db';
import { DEMO_FORUM } from './demo.data';
import { readEvents } from './eventlog';
import { ForumService, type CommandOutcome } from './forum.service';
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

	it('give the page its snapshot: a copy the events after it leave alone, then the same body', async () => {
		const host = (await forums.host(FORUM))!;
		const snapshot = await forums.snapshotOf(host, fra);
		// the state route, asked by the page just rendered from it: the body already written
		const body = await forums.snapshotBody(host, fra);
		expect(JSON.parse(body.text)).toEqual(snapshot);
		expect(await forums.snapshotBody(host, fra)).toBe(body);
		const done = await forums.execute(FORUM, 'p-sg', { id: randomUUID(), type: 'forum.open' });
		expect(outcome(done)).toBe('ok');
		expect(host.full.phase).not.toBe(snapshot.state.phase);
		expect(snapshot).toEqual(JSON.parse(body.text));
	});

	it('give the readers of one body one snapshot, parsed once and read-only', async () => {
		const host = (await forums.host(FORUM))!;
		const snapshot = await forums.snapshotOf(host, fra);
		// another page of the same view between two events: the same object, not parsed again
		expect(await forums.snapshotOf(host, fra2)).toBe(snapshot);
		// a reader that wrote to it would change what the next one sees: it throws instead
		expect(() => {
			snapshot.state.phase = 'closed';
		}).toThrow(TypeError);
		const someone = Object.values(snapshot.state.participants)[0];
		expect(() => {
			someone.present = !someone.present;
		}).toThrow(TypeError);
		expect(() => snapshot.state.agenda.push(snapshot.state.agenda[0])).toThrow(TypeError);
		// the same view after an event: a snapshot of its own
		const done = await forums.execute(FORUM, 'p-sg', { id: randomUUID(), type: 'forum.open' });
		expect(outcome(done)).toBe('ok');
		const after = await forums.snapshotOf(host, fra);
		expect(after).not.toBe(snapshot);
		expect(after.seq).toBe(snapshot.seq + 1);
		expect(after).toEqual(JSON.parse((await forums.snapshotBody(host, fra)).text));
	});
});

describe("a voter's own view (their ballots)", () => {
	let db: DB;

	beforeEach(async () => {
		({ db } = await forumInMemory([
			{ participantId: 'p-fra', name: 'Claire Dubois', delegationId: 'FRA', role: 'head' },
			{ participantId: 'p-bra', name: 'Ana Souza', delegationId: 'BRA', role: 'head' }
		]));
	});
	afterEach(async () => {
		await db.destroy();
	});

	const publicly = (type: string, payload: object): NewEvent => ({
		type,
		payload,
		audience: 'public'
	});
	const ballot = (voter: string, delegationId: string, vote: 'yes' | 'no'): NewEvent[] => [
		publicly('restricted.ballot_recorded', { delegationId }),
		{
			type: 'restricted.ballot_cast',
			payload: { delegationId, vote },
			audience: `participant:${voter}`
		}
	];
	const QUORUM = { presentMemberStates: 2, accreditedMemberStates: 2 };

	/** The viewer's view folded from every event of the log they may see, in order. */
	async function folded(viewer: Viewer): Promise<ForumState> {
		const events = await readEvents(db, FORUM, 0);
		const audiences = audiencesFor(events.reduce(evolve, blankForum(FORUM)), viewer);
		return events.filter((e) => audiences.includes(e.audience)).reduce(evolve, blankForum(FORUM));
	}

	it('is built from their group’s state and their own events: a ballot stays with its vote', async () => {
		const forums = new ForumService(db);
		await forums.appendAsServer(FORUM, [
			publicly('delegation.registered', { id: 'BRA', name: 'Brazil', category: 'member_state' }),
			publicly('restricted.vote_opened', QUORUM),
			...ballot('p-fra', 'FRA', 'no'),
			publicly('restricted.vote_closed', { tally: { yes: 0, no: 1 }, passed: false }),
			publicly('restricted.requested', { delegationId: 'BRA' }),
			publicly('restricted.vote_opened', QUORUM),
			...ballot('p-bra', 'BRA', 'yes')
		]);
		// a server started on this log: the views are built when first asked for
		const started = new ForumService(db);
		for (const participantId of ['p-fra', 'p-bra']) {
			const viewer: Viewer = { kind: 'participant', participantId };
			const snapshot = await started.snapshot(FORUM, viewer);
			expect(snapshot!.state).toEqual(await folded(viewer));
		}
		// France's ballot was in the first vote: the second holds Brazil's, and only for Brazil
		const fra = await started.snapshot(FORUM, { kind: 'participant', participantId: 'p-fra' });
		expect(fra!.state.restricted.vote).toMatchObject({ voted: ['BRA'], ballots: {} });
		const bra = await started.snapshot(FORUM, { kind: 'participant', participantId: 'p-bra' });
		expect(bra!.state.restricted.vote!.ballots).toEqual({ BRA: 'yes' });
		// and kept from then on with the events that follow, addressed to them or to all
		await started.appendAsServer(FORUM, [
			publicly('restricted.vote_closed', { tally: { yes: 1, no: 0 }, passed: true })
		]);
		const after = await started.snapshot(FORUM, { kind: 'participant', participantId: 'p-bra' });
		expect(after!.state).toEqual(await folded({ kind: 'participant', participantId: 'p-bra' }));
		expect(after!.state.restricted.vote).toMatchObject({ ballots: { BRA: 'yes' }, passed: true });
	});

	it('shares with the group’s state every part the ballot leaves alone (the roster above all)', async () => {
		const forums = new ForumService(db);
		await forums.appendAsServer(FORUM, [
			publicly('restricted.vote_opened', QUORUM),
			...ballot('p-fra', 'FRA', 'yes')
		]);
		const host = (await forums.host(FORUM))!;
		const viewer: Viewer = { kind: 'participant', participantId: 'p-fra' };
		await host.prepareView(db, viewer);
		const view = host.viewOf(viewer);
		// Brazil, who has not voted, sees the group's state itself
		const group = host.viewOf({ kind: 'participant', participantId: 'p-bra' });
		expect(view).not.toBe(group);
		expect(view.participants).toBe(group.participants);
		expect(view.delegations).toBe(group.delegations);
		expect(view.agenda).toBe(group.agenda);
		// the part the ballot changed is the voter's own copy, and the group's has no ballot
		expect(view.restricted).not.toBe(group.restricted);
		expect(view.restricted.vote!.ballots).toEqual({ FRA: 'yes' });
		expect(group.restricted.vote!.ballots).toEqual({});
		expect(view).toEqual(await folded(viewer));
	});
});
