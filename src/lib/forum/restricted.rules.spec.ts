import { describe, expect, it } from 'vitest';
import type { Viewer } from './audience';
import { COMMAND_TYPES, COMMANDS, mayGive, type ForumEvent } from './rules';
import { personalView } from './evolve';
import type { Actor } from './roles';
import {
	accepted,
	as,
	checkIn,
	display,
	event,
	forumWith,
	given,
	patched,
	refused,
	run,
	runAll,
	T0,
	viewOf,
	withMemberStates
} from './testing';
import type { ForumState } from './types';

/** The Chair, elected under item 2: the head of Member State 1. */
const CHAIR = 'p-ms1-head';

/**
 * WTPF-26 in session with six Member States (FRA, BRA, KEN, MS1–MS3; KEN has no participant),
 * a Chair, section 1 of the report, item 8 open and draft opinion 1 before the plenary.
 */
function inSession(): ForumState {
	return given(
		withMemberStates(forumWith({ phase: 'in_session', opinions: 1 }), 3),
		event('election.chair_elected', { chairId: CHAIR, how: 'acclamation' }),
		event('report.section_added', { number: '1', title: 'Digital divides', text: 'Text.' }),
		event('agenda.item_opened', { item: 8, how: 'opened' }),
		event('opinion.taken_up', { opinion: 1 })
	);
}
const ACCREDITED = 6;

const REQUEST = { type: 'restricted.request' };
const SECOND = { type: 'restricted.second' };
const OPEN_VOTE = { type: 'restricted.open_vote' };
const CLOSE_VOTE = { type: 'restricted.close_vote' };
const ENTER = { type: 'restricted.enter' };
const LEAVE = { type: 'restricted.leave' };
const cast = (vote: 'yes' | 'no') => ({ type: 'restricted.cast', vote });
const summary = (text = 'The Member States agreed to continue consultations on opinion 1.') => ({
	type: 'restricted.publish_summary',
	text
});

/** The heads of five Member States: more than half of the six accredited. */
const VOTERS = ['p-fra-head', 'p-bra-head', 'p-ms1-head', 'p-ms2-head', 'p-ms3-head'];

/** Requested by France, seconded by Brazil. */
const requested = (state = inSession()) =>
	runAll(state, [
		[as('p-fra-head'), REQUEST],
		[as('p-bra-head'), SECOND]
	]);

/** The vote open, with these participants checked in. */
const voting = (present = VOTERS) =>
	accepted(run(checkIn(requested(), ...present), as(CHAIR), OPEN_VOTE)).state;

/** The five voters cast `votes` in turn (yes/no), then the Chair closes the vote. */
function decided(votes: ('yes' | 'no')[], start = voting()): ForumState {
	return runAll(start, [
		...votes.map((v, i) => [as(VOTERS[i]), cast(v)] as [Actor, { type: string; vote: string }]),
		[as(CHAIR), CLOSE_VOTE]
	]);
}
/** 3 yes, 2 no: decided. */
const approved = () => decided(['yes', 'yes', 'no', 'yes', 'no']);

/** Commands given in turn, each accepted, with every event kept (to fold views from). */
function recorder(start: ForumState) {
	let state = start;
	const log: ForumEvent[] = [];
	return {
		log,
		get state() {
			return state;
		},
		give(actor: Actor, command: { type: string; [field: string]: unknown }, now = T0) {
			const result = accepted(run(state, actor, command, { now }));
			state = result.state;
			log.push(...result.events);
			return result.events;
		}
	};
}

/** A command as its example in the API docs: valid in form, whatever its effect. */
const example = (type: string) => ({ type, ...COMMANDS[type].example });

describe('restricted.request and restricted.second', () => {
	it('a Member State requests, another seconds, publicly', () => {
		const first = accepted(run(inSession(), as('p-fra-delegate'), REQUEST, { now: T0 + 1000 }));
		expect(first.events).toEqual([
			expect.objectContaining({
				type: 'restricted.requested',
				payload: { delegationId: 'FRA' },
				audience: 'public'
			})
		]);
		const { state, events } = accepted(run(first.state, as('p-bra-head'), SECOND));
		expect(events[0]).toMatchObject({
			type: 'restricted.seconded',
			payload: { delegationId: 'BRA' },
			audience: 'public'
		});
		expect(state.restricted.motion).toEqual({
			requestedBy: 'FRA',
			secondedBy: 'BRA',
			requestedAt: T0 + 1000
		});
	});

	it.each(['p-sm-x', 'p-ob', 'p-sec'])('%s may not request nor second (403)', (who) => {
		expect(refused(run(inSession(), as(who), REQUEST))).toMatchObject({
			code: 'not_allowed',
			status: 403
		});
		const asked = accepted(run(inSession(), as('p-fra-head'), REQUEST)).state;
		expect(refused(run(asked, as(who), SECOND))).toMatchObject({
			code: 'not_allowed',
			status: 403
		});
	});

	it('the display may not request (403)', () => {
		expect(refused(run(inSession(), display, REQUEST)).status).toBe(403);
	});

	it('the requesting State may not second its own request (same_delegation)', () => {
		const asked = accepted(run(inSession(), as('p-fra-head'), REQUEST)).state;
		for (const who of ['p-fra-head', 'p-fra-delegate']) {
			expect(refused(run(asked, as(who), SECOND))).toMatchObject({
				code: 'same_delegation',
				status: 409
			});
		}
	});

	it('refuses a second without a request, a second second, a second request', () => {
		expect(refused(run(inSession(), as('p-bra-head'), SECOND)).code).toBe('no_request');
		expect(refused(run(requested(), as('p-ms2-head'), SECOND)).code).toBe('already_seconded');
		expect(refused(run(requested(), as('p-ms2-head'), REQUEST)).code).toBe('already_requested');
	});
});

describe('restricted.open_vote', () => {
	it('needs a seconded request (not_seconded)', () => {
		const present = checkIn(inSession(), ...VOTERS);
		expect(refused(run(present, as(CHAIR), OPEN_VOTE))).toMatchObject({
			code: 'not_seconded',
			status: 409
		});
		const unseconded = accepted(run(present, as('p-fra-head'), REQUEST)).state;
		expect(refused(run(unseconded, as(CHAIR), OPEN_VOTE)).code).toBe('not_seconded');
	});

	it('is for the presiding officer only (403)', () => {
		const state = checkIn(requested(), ...VOTERS);
		for (const who of ['p-fra-head', 'p-sec', 'p-sm-x']) {
			expect(refused(run(state, as(who), OPEN_VOTE)).status).toBe(403);
		}
	});

	it('no quorum with exactly half of the Member States present (no_quorum)', () => {
		const half = checkIn(requested(), 'p-fra-head', 'p-bra-head', 'p-ms1-head');
		const refusal = refused(run(half, as(CHAIR), OPEN_VOTE));
		expect(refusal).toMatchObject({ code: 'no_quorum', status: 409 });
		expect(refusal.message).toContain(`of the ${ACCREDITED} accredited Member States`);
		expect(refusal.message).toContain('3 are');
	});

	it('two delegates of one State count once', () => {
		const state = checkIn(requested(), 'p-fra-head', 'p-fra-delegate', 'p-bra-head', CHAIR);
		expect(refused(run(state, as(CHAIR), OPEN_VOTE)).code).toBe('no_quorum');
	});

	it('opens with more than half present, recording the quorum', () => {
		const over = checkIn(requested(), 'p-fra-head', 'p-bra-head', 'p-ms1-head', 'p-ms2-head');
		const { state, events } = accepted(run(over, as(CHAIR), OPEN_VOTE, { now: T0 + 2000 }));
		expect(events[0]).toMatchObject({
			type: 'restricted.vote_opened',
			payload: { presentMemberStates: 4, accreditedMemberStates: ACCREDITED },
			audience: 'public'
		});
		expect(state.restricted.vote).toMatchObject({
			openedAt: T0 + 2000,
			closedAt: null,
			voted: [],
			ballots: {}
		});
	});

	it('refuses a second opening (vote_in_progress)', () => {
		expect(refused(run(voting(), as(CHAIR), OPEN_VOTE)).code).toBe('vote_in_progress');
	});
});

describe('restricted.cast', () => {
	it('records that the State voted publicly; the ballot goes to the voter alone', () => {
		const { state, events } = accepted(run(voting(), as('p-fra-head'), cast('yes')));
		expect(events).toEqual([
			expect.objectContaining({
				type: 'restricted.ballot_recorded',
				payload: { delegationId: 'FRA' },
				audience: 'public'
			}),
			expect.objectContaining({
				type: 'restricted.ballot_cast',
				payload: { delegationId: 'FRA', vote: 'yes' },
				audience: 'participant:p-fra-head'
			})
		]);
		expect(state.restricted.vote).toMatchObject({ voted: ['FRA'], ballots: { FRA: 'yes' } });
	});

	it("other participants' views hold that France voted, not how", () => {
		const base = voting();
		const { events } = accepted(run(base, as('p-fra-head'), cast('no')));
		const viewers: Viewer[] = [
			{ kind: 'participant', participantId: 'p-bra-head' },
			{ kind: 'participant', participantId: 'p-fra-delegate' },
			{ kind: 'participant', participantId: 'p-sec' },
			{ kind: 'participant', participantId: 'p-sm-x' },
			{ kind: 'display' }
		];
		for (const viewer of viewers) {
			const vote = viewOf(base, events, viewer).restricted.vote!;
			expect(vote.voted).toEqual(['FRA']);
			expect(vote.ballots).toEqual({});
		}
		const own = viewOf(base, events, { kind: 'participant', participantId: 'p-fra-head' });
		expect(own.restricted.vote!.ballots).toEqual({ FRA: 'no' });
	});

	it("a voter's ballot stays with its vote: their own view of a later vote holds none of it", () => {
		const base = voting();
		const forum = recorder(base);
		forum.give(as('p-fra-head'), cast('no'));
		forum.give(as(CHAIR), CLOSE_VOTE); // one no: fails
		forum.give(as('p-ms2-head'), REQUEST);
		forum.give(as('p-bra-head'), SECOND);
		forum.give(as(CHAIR), OPEN_VOTE);
		forum.give(as('p-bra-head'), cast('yes'));
		const fra = { kind: 'participant', participantId: 'p-fra-head' } as const;
		// in order (viewOf also checks the view built as the server builds it, own events last)
		expect(viewOf(base, forum.log, fra).restricted.vote).toMatchObject({
			voted: ['BRA'],
			ballots: {}
		});
		// built as the server builds it: the group's view, then France's own ballot
		const own = forum.log.filter((e) => e.audience === 'participant:p-fra-head');
		const group = viewOf(base, forum.log, { kind: 'participant', participantId: 'p-ms1-head' });
		expect(own).toHaveLength(1);
		expect(personalView(group, own)).toEqual(viewOf(base, forum.log, fra));
	});

	it('a state kept offline from before votes had `openedSeq` still takes its own vote’s ballot', () => {
		const kept = patched(voting(), (draft) => {
			delete (draft.restricted.vote as { openedSeq?: number }).openedSeq;
		});
		const after = given(
			kept,
			event('restricted.ballot_cast', { delegationId: 'FRA', vote: 'yes' })
		);
		expect(after.restricted.vote!.ballots).toEqual({ FRA: 'yes' });
	});

	it('one vote per State (already_voted), whoever of its heads casts it', () => {
		const withAlternate = given(
			voting(),
			event('participant.registered', {
				participantId: 'p-fra-alt',
				name: 'Alternate of France',
				delegationId: 'FRA',
				role: 'alternate'
			})
		);
		const once = accepted(run(withAlternate, as('p-fra-head'), cast('yes'))).state;
		for (const who of ['p-fra-head', 'p-fra-alt']) {
			expect(refused(run(once, as(who), cast('no')))).toMatchObject({
				code: 'already_voted',
				status: 409
			});
		}
	});

	it('an alternate may vote for the State', () => {
		const withAlternate = given(
			voting(),
			event('participant.registered', {
				participantId: 'p-fra-alt',
				name: 'Alternate of France',
				delegationId: 'FRA',
				role: 'alternate'
			})
		);
		const { state } = accepted(run(withAlternate, as('p-fra-alt'), cast('yes')));
		expect(state.restricted.vote!.voted).toEqual(['FRA']);
	});

	it.each(['p-fra-delegate', 'p-sm-x', 'p-ob', 'p-sec'])(
		'only heads and alternates of Member States vote (%s: 403)',
		(who) => {
			expect(refused(run(voting(), as(who), cast('yes')))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
	);

	it('a State not checked in may not vote (delegation_not_present)', () => {
		const without = voting(['p-bra-head', 'p-ms1-head', 'p-ms2-head', 'p-ms3-head']);
		expect(refused(run(without, as('p-fra-head'), cast('yes')))).toMatchObject({
			code: 'delegation_not_present',
			status: 409
		});
	});

	it('refused when no vote is open (no_vote_open)', () => {
		expect(refused(run(requested(), as('p-fra-head'), cast('yes'))).code).toBe('no_vote_open');
		expect(refused(run(approved(), as('p-fra-head'), cast('yes'))).code).toBe('no_vote_open');
	});
});

describe('restricted.close_vote: a majority of the votes cast', () => {
	it('3 yes, 2 no: passes, and the session may be held', () => {
		const state = approved();
		expect(state.restricted.vote).toMatchObject({ tally: { yes: 3, no: 2 }, passed: true });
		expect(state.restricted).toMatchObject({ approved: true, motion: null, active: false });
	});

	it('the result is public', () => {
		const start = runAll(voting(), [
			[as('p-fra-head'), cast('yes')],
			[as('p-bra-head'), cast('yes')],
			[as('p-ms1-head'), cast('no')]
		]);
		const { events } = accepted(run(start, as(CHAIR), CLOSE_VOTE));
		expect(events).toEqual([
			expect.objectContaining({
				type: 'restricted.vote_closed',
				payload: { tally: { yes: 2, no: 1 }, passed: true },
				audience: 'public'
			})
		]);
	});

	it.each([
		['2 yes, 2 no', ['yes', 'no', 'yes', 'no']],
		['2 yes, 3 no', ['yes', 'no', 'yes', 'no', 'no']],
		['no vote cast', []]
	] as const)('%s: fails, and approved stays false', (_w, votes) => {
		const state = decided([...votes]);
		expect(state.restricted.vote!.passed).toBe(false);
		expect(state.restricted.approved).toBe(false);
		expect(refused(run(state, as(CHAIR), ENTER)).code).toBe('not_decided');
	});

	it('abstentions do not count: 1 yes, 0 no of five present passes', () => {
		expect(decided(['yes']).restricted.approved).toBe(true);
	});

	it('refused when no vote is open (no_vote_open)', () => {
		expect(refused(run(requested(), as(CHAIR), CLOSE_VOTE)).code).toBe('no_vote_open');
	});

	it('after a failed vote the request may be made again', () => {
		const failed = decided(['no', 'no']);
		expect(accepted(run(failed, as('p-ms2-head'), REQUEST)).state.restricted.motion).toMatchObject({
			requestedBy: 'MS2',
			secondedBy: null
		});
	});
});

describe('restricted.enter', () => {
	it.each([
		['nothing was requested', () => inSession()],
		['the request is only seconded', () => requested()],
		['the vote is still open', () => voting()]
	])('no session without a passed vote: refused when %s (not_decided)', (_w, state) => {
		const refusal = refused(run(state(), as(CHAIR), ENTER));
		expect(refusal).toMatchObject({ code: 'not_decided', status: 409 });
		expect(refusal.message).toContain('majority of the Member States present');
	});

	it('opens the session once decided: restricted.active, since when', () => {
		const { state, events } = accepted(run(approved(), as(CHAIR), ENTER, { now: T0 + 60_000 }));
		expect(events).toEqual([
			expect.objectContaining({ type: 'restricted.session_started', audience: 'public' })
		]);
		expect(state.restricted).toMatchObject({
			active: true,
			since: T0 + 60_000,
			approved: false,
			sessions: [{ startedAt: T0 + 60_000, endedAt: null }]
		});
	});

	it('is for the presiding officer only (403)', () => {
		for (const who of ['p-fra-head', 'p-sec']) {
			expect(refused(run(approved(), as(who), ENTER)).status).toBe(403);
		}
	});

	it('one decision, one session: after leaving, entering again needs a new vote', () => {
		const after = runAll(approved(), [
			[as(CHAIR), ENTER],
			[as(CHAIR), LEAVE]
		]);
		expect(refused(run(after, as(CHAIR), ENTER)).code).toBe('not_decided');
	});
});

describe('during the session for Member States only', () => {
	const inside = () => accepted(run(approved(), as(CHAIR), ENTER)).state;

	it.each([
		[
			'a Sector Member asking for the floor',
			'p-sm-x',
			{ type: 'floor.request', kind: 'statement' }
		],
		[
			'a Sector Member taking a stance',
			'p-sm-x',
			{ type: 'opinion.stance', opinion: 1, stance: 'objection' }
		],
		[
			'an observer submitting an observation',
			'p-ob',
			{ type: 'observation.submit', section: '1', text: 'Palestine notes section 1.' }
		],
		['an observer asking for the floor', 'p-ob', { type: 'floor.request', kind: 'statement' }]
	])('refuses %s (403 restricted_session)', (_w, who, command) => {
		// the same command is accepted in the open session
		accepted(run(approved(), as(who), command));
		const refusal = refused(run(inside(), as(who), command));
		expect(refusal).toMatchObject({ code: 'restricted_session', status: 403 });
		expect(refusal.message).toContain('when the open session resumes');
	});

	it.each(['p-sm-x', 'p-ob'])('refuses every command %s may give (restricted_session)', (who) => {
		const open = approved();
		const theirs = COMMAND_TYPES.filter((t) => mayGive(open, as(who), t));
		expect(theirs).toContain('floor.request');
		for (const type of theirs) {
			expect(refused(run(inside(), as(who), example(type))), type).toMatchObject({
				code: 'restricted_session',
				status: 403
			});
		}
	});

	it('the display gives no command (403, as in the open session)', () => {
		for (const type of COMMAND_TYPES) {
			expect(refused(run(inside(), display, example(type))), type).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
	});

	it("Member States' commands produce events for Member States only", () => {
		const forum = recorder(inside());
		const given = [
			forum.give(as('p-fra-delegate'), {
				type: 'observation.submit',
				section: '1',
				text: 'France proposes a compromise.'
			}),
			forum.give(as('p-bra-head'), { type: 'opinion.stance', opinion: 1, stance: 'objection' }),
			forum.give(as('p-fra-head'), { type: 'floor.request', kind: 'statement' }),
			forum.give(as('p-fra-head'), {
				type: 'amendment.propose',
				opinion: 1,
				change: { kind: 'delete', paragraphId: 'p1' }
			}),
			forum.give(as(CHAIR), { type: 'opinion.check_consensus', opinion: 1 }),
			// the secretariat serves the session
			forum.give(as('p-sec'), { type: 'presence.check_in', participantId: 'p-fra-delegate' })
		].flat();
		expect(given.map((e) => e.type)).toEqual([
			'observation.submitted',
			'opinion.stance_taken',
			'floor.requested',
			'amendment.proposed',
			'opinion.consensus_check_opened',
			'presence.checked_in'
		]);
		expect(given.every((e) => e.audience === 'member_states')).toBe(true);
	});

	it('restricted.leave is public, and the open session resumes', () => {
		const { state, events } = accepted(run(inside(), as(CHAIR), LEAVE, { now: T0 + 90_000 }));
		expect(events).toEqual([
			expect.objectContaining({ type: 'restricted.session_ended', audience: 'public' })
		]);
		expect(state.restricted).toMatchObject({
			active: false,
			since: null,
			sessions: [{ startedAt: T0, endedAt: T0 + 90_000 }]
		});
		// everyone may act again, in public
		const after = accepted(run(state, as('p-sm-x'), { type: 'floor.request', kind: 'statement' }));
		expect(after.events[0].audience).toBe('public');
	});

	it.each([
		['another request', 'p-ms2-head', REQUEST],
		['entering again', CHAIR, ENTER],
		['publishing a summary', CHAIR, summary()]
	])('refuses %s (restricted_session_in_progress)', (_w, who, command) => {
		expect(refused(run(inside(), as(who), command))).toMatchObject({
			code: 'restricted_session_in_progress',
			status: 409
		});
	});

	it('a viewer outside sees that a closed session is in progress, and nothing said in it', () => {
		const base = approved();
		const forum = recorder(base);
		forum.give(as(CHAIR), ENTER, T0 + 60_000);
		forum.give(as('p-fra-delegate'), {
			type: 'observation.submit',
			section: '1',
			text: 'France proposes a compromise.'
		});
		forum.give(as('p-bra-head'), { type: 'opinion.stance', opinion: 1, stance: 'objection' });
		const [asked] = forum.give(as('p-fra-head'), { type: 'floor.request', kind: 'statement' });
		forum.give(as(CHAIR), {
			type: 'floor.give',
			requestId: (asked as ForumEvent<'floor.requested'>).payload.request.id
		});
		forum.give(as('p-fra-head'), {
			type: 'amendment.propose',
			opinion: 1,
			change: { kind: 'delete', paragraphId: 'p1' }
		});

		const outsiders: Viewer[] = [
			{ kind: 'participant', participantId: 'p-sm-x' },
			{ kind: 'participant', participantId: 'p-ob' },
			{ kind: 'display' },
			{ kind: 'outsider' }
		];
		for (const viewer of outsiders) {
			const seen = viewOf(base, forum.log, viewer);
			expect(seen.restricted).toMatchObject({ active: true, since: T0 + 60_000 });
			expect(seen.observations).toEqual([]);
			expect(seen.opinions[0].stances).toEqual({});
			expect(seen.opinions[0].amendments).toEqual([]);
			expect(seen.floor).toEqual(base.floor);
			expect(seen).toEqual({ ...base, restricted: forum.state.restricted });
		}
		// a Member State's delegate sees it all
		const inside = viewOf(base, forum.log, { kind: 'participant', participantId: 'p-ms3-head' });
		expect(inside.observations).toHaveLength(1);
		expect(inside.opinions[0].stances.BRA.kind).toBe('objection');
		expect(inside.floor['8'].current?.participantId).toBe('p-fra-head');
	});
});

describe('restricted.publish_summary', () => {
	it('after leaving, the presiding officer publishes a public summary', () => {
		const left = runAll(approved(), [
			[as(CHAIR), ENTER],
			[as(CHAIR), LEAVE]
		]);
		const text = 'The Member States agreed to continue consultations on opinion 1.';
		const { state, events } = accepted(run(left, as(CHAIR), summary(text), { now: T0 + 5000 }));
		expect(events).toEqual([
			expect.objectContaining({
				type: 'restricted.summary_published',
				payload: { text },
				audience: 'public'
			})
		]);
		expect(state.restricted.summaries).toEqual([{ at: T0 + 5000, text }]);
	});

	it('is refused before any session was held (no_restricted_session)', () => {
		for (const state of [inSession(), approved()]) {
			expect(refused(run(state, as(CHAIR), summary()))).toMatchObject({
				code: 'no_restricted_session',
				status: 409
			});
		}
	});

	it('is for the presiding officer only (403)', () => {
		const left = runAll(approved(), [
			[as(CHAIR), ENTER],
			[as(CHAIR), LEAVE]
		]);
		for (const who of ['p-fra-head', 'p-sec', 'p-sm-x']) {
			expect(refused(run(left, as(who), summary())).status).toBe(403);
		}
	});
});

describe('restricted.leave', () => {
	it('is refused when no session is in progress (no_restricted_session)', () => {
		expect(refused(run(approved(), as(CHAIR), LEAVE))).toMatchObject({
			code: 'no_restricted_session',
			status: 409
		});
	});

	it('is for the presiding officer only (403)', () => {
		const inside = accepted(run(approved(), as(CHAIR), ENTER)).state;
		for (const who of ['p-fra-head', 'p-sec', 'p-sm-x']) {
			expect(refused(run(inside, as(who), LEAVE)).status).toBe(403);
		}
	});
});
