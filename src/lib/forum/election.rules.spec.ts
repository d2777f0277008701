import { describe, it, expect } from 'vitest';
import { rolesOf } from './roles';
import { evolve, type ForumEvent } from './rules';
import {
	accepted,
	as,
	checkIn,
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

const nominate = (candidateId: string) => ({ type: 'election.nominate', candidateId });
const second = (candidateId: string) => ({ type: 'election.second', candidateId });
const withdraw = (candidateId: string) => ({ type: 'election.withdraw', candidateId });
const cast = (candidateId: string) => ({ type: 'election.cast', candidateId });
const ACCLAIM = { type: 'election.declare_acclaimed' };
const OPEN_VOTE = { type: 'election.open_vote' };
const CLOSE_VOTE = { type: 'election.close_vote' };

/** France's head: nominated by Brazil, seconded by Member State 1. */
const A = 'p-fra-head';
/** Member State 2's head: nominated by Member State 3, seconded by France. */
const B = 'p-ms2-head';

/** The three Member States of testing.ts (FRA, BRA, KEN) and five more (MS1…MS5). */
const ACCREDITED = 8;
const inSession = () => withMemberStates(forumWith({ phase: 'in_session' }), 5);

/** Item 2 open under the opening officer. */
function underItem2(state: ForumState = inSession()): ForumState {
	return accepted(run(state, as('p-sg'), { type: 'agenda.open', item: 2 })).state;
}

/** Two seconded candidates, A and B. */
function contested(state: ForumState = underItem2()): ForumState {
	return runAll(state, [
		[as('p-bra-head'), nominate(A)],
		[as('p-ms1-head'), second(A)],
		[as('p-ms3-head'), nominate(B)],
		[as('p-fra-head'), second(B)]
	]);
}

/** Five of the eight Member States checked in: one more than half. */
const FIVE_PRESENT = ['p-fra-head', 'p-bra-head', 'p-ms1-head', 'p-ms2-head', 'p-ms3-head'];

/** A and B on the ballot, five States present, round 1 open. */
function voteOpen(): ForumState {
	return accepted(run(checkIn(contested(), ...FIVE_PRESENT), as('p-sg'), OPEN_VOTE)).state;
}

/** France's alternate, who may cast France's vote. */
const withFrenchAlternate = (state: ForumState) =>
	given(
		state,
		event('participant.registered', {
			participantId: 'p-fra-alt',
			name: 'Alternate of France',
			delegationId: 'FRA',
			role: 'alternate'
		})
	);

/** Commands given in turn, each accepted, with every event kept (to fold views from). */
function recorder(start: ForumState) {
	let state = start;
	const log: ForumEvent[] = [];
	return {
		log,
		get state() {
			return state;
		},
		give(actor: string, command: { type: string; [field: string]: unknown }) {
			const result = accepted(run(state, as(actor), command));
			state = result.state;
			log.push(...result.events);
			return result.events;
		}
	};
}

describe('election.nominate', () => {
	it('a Member State nominates under item 2: public, with the nominating delegation', () => {
		const { state, events } = accepted(run(underItem2(), as('p-bra-head'), nominate(A)));
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			type: 'election.nominated',
			payload: { candidateId: A, delegationId: 'BRA' },
			audience: 'public',
			actor: 'p-bra-head'
		});
		expect(state.election.candidates).toEqual([
			{ participantId: A, nominatedBy: 'BRA', secondedBy: null }
		]);
	});

	it('any delegate of a Member State may nominate, not only its head', () => {
		const { events } = accepted(run(underItem2(), as('p-fra-delegate'), nominate('p-ms1-head')));
		expect(events[0].payload).toEqual({ candidateId: 'p-ms1-head', delegationId: 'FRA' });
	});

	it.each([
		['no item is open', () => inSession()],
		[
			'item 1 is open',
			() => accepted(run(inSession(), as('p-sg'), { type: 'agenda.open', item: 1 })).state
		],
		[
			'item 2 is suspended',
			() => accepted(run(underItem2(), as('p-sg'), { type: 'agenda.suspend', item: 2 })).state
		],
		[
			'item 2 is closed',
			() => accepted(run(underItem2(), as('p-sg'), { type: 'agenda.close', item: 2 })).state
		]
	])('is refused when %s (election_not_open)', (_, forum) => {
		const refusal = refused(run(forum(), as('p-bra-head'), nominate(A)));
		expect(refusal).toMatchObject({ code: 'election_not_open', status: 409 });
		expect(refusal.message).toContain('item 2');
	});

	it('is refused once a Chair is in office (chair_in_office)', () => {
		const chaired = runAll(underItem2(), [
			[as('p-bra-head'), nominate(A)],
			[as('p-ms1-head'), second(A)],
			[as('p-sg'), ACCLAIM]
		]);
		expect(refused(run(chaired, as('p-ms1-head'), nominate(B)))).toMatchObject({
			code: 'chair_in_office',
			status: 409
		});
	});

	it('is refused before the forum opens (wrong_phase)', () => {
		const preparation = withMemberStates(forumWith(), 1);
		expect(refused(run(preparation, as('p-bra-head'), nominate(A))).code).toBe('wrong_phase');
	});

	it.each(['p-sm-x', 'p-ob', 'p-sg', 'p-sec'])(
		'%s, not of a Member State, may not nominate (403)',
		(who) => {
			expect(refused(run(underItem2(), as(who), nominate(A)))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
	);

	it('refuses a second nomination of the same person (already_nominated)', () => {
		const once = accepted(run(underItem2(), as('p-bra-head'), nominate(A))).state;
		for (const who of ['p-bra-head', 'p-ms1-head']) {
			expect(refused(run(once, as(who), nominate(A)))).toMatchObject({
				code: 'already_nominated',
				status: 409
			});
		}
	});

	it('refuses a person who is not a participant (404)', () => {
		expect(refused(run(underItem2(), as('p-bra-head'), nominate('p-nobody')))).toMatchObject({
			code: 'no_such_participant',
			status: 404
		});
	});

	it('a withdrawn nominee may be nominated again', () => {
		const state = runAll(underItem2(), [
			[as('p-bra-head'), nominate(A)],
			[as('p-bra-head'), withdraw(A)],
			[as('p-ms1-head'), nominate(A)]
		]);
		expect(state.election.candidates).toEqual([
			{ participantId: A, nominatedBy: 'MS1', secondedBy: null }
		]);
	});
});

describe('election.second', () => {
	const nominated = () => accepted(run(underItem2(), as('p-bra-head'), nominate(A))).state;

	it('another Member State seconds: public, and the candidate is seconded', () => {
		const { state, events } = accepted(run(nominated(), as('p-ms1-head'), second(A)));
		expect(events).toEqual([
			expect.objectContaining({
				type: 'election.seconded',
				payload: { candidateId: A, delegationId: 'MS1' },
				audience: 'public'
			})
		]);
		expect(state.election.candidates[0].secondedBy).toBe('MS1');
	});

	it.each(['p-sm-x', 'p-ob', 'p-sg'])('%s may not second (403)', (who) => {
		expect(refused(run(nominated(), as(who), second(A)))).toMatchObject({
			code: 'not_allowed',
			status: 403
		});
	});

	it('the nominating State may not second its own nomination (same_delegation)', () => {
		const byFrance = accepted(run(underItem2(), as('p-fra-head'), nominate('p-ms1-head'))).state;
		for (const who of ['p-fra-head', 'p-fra-delegate']) {
			expect(refused(run(byFrance, as(who), second('p-ms1-head')))).toMatchObject({
				code: 'same_delegation',
				status: 409
			});
		}
	});

	it('a nomination is seconded once (already_seconded)', () => {
		const seconded = accepted(run(nominated(), as('p-ms1-head'), second(A))).state;
		expect(refused(run(seconded, as('p-ms2-head'), second(A)))).toMatchObject({
			code: 'already_seconded',
			status: 409
		});
	});

	it('only a nominee can be seconded (not_a_candidate)', () => {
		expect(refused(run(nominated(), as('p-ms1-head'), second(B)))).toMatchObject({
			code: 'not_a_candidate',
			status: 404
		});
	});

	it('is refused outside item 2 and once a Chair is in office', () => {
		const suspended = accepted(run(nominated(), as('p-sg'), { type: 'agenda.suspend', item: 2 }));
		expect(refused(run(suspended.state, as('p-ms1-head'), second(A))).code).toBe(
			'election_not_open'
		);
		const chaired = patched(nominated(), (s) => {
			s.chairId = 'p-ms5-head';
		});
		expect(refused(run(chaired, as('p-ms1-head'), second(A))).code).toBe('chair_in_office');
	});
});

describe('election.withdraw', () => {
	/** France's delegate nominates MS5's head; Brazil nominates A. */
	const nominated = () =>
		runAll(underItem2(), [
			[as('p-fra-delegate'), nominate('p-ms5-head')],
			[as('p-bra-head'), nominate(A)]
		]);

	it.each([
		['the candidate', 'p-ms5-head'],
		['the delegate who nominated', 'p-fra-delegate'],
		['another member of the nominating delegation', 'p-fra-head'],
		['the presiding officer', 'p-sg']
	])('%s may withdraw a nomination', (_, who) => {
		const { state, events } = accepted(run(nominated(), as(who), withdraw('p-ms5-head')));
		expect(events).toEqual([
			expect.objectContaining({
				type: 'election.withdrawn',
				payload: { candidateId: 'p-ms5-head' },
				audience: 'public',
				actor: who
			})
		]);
		expect(state.election.candidates.map((c) => c.participantId)).toEqual([A]);
	});

	it.each(['p-bra-head', 'p-ms1-head', 'p-sm-x', 'p-ob', 'p-sec'])(
		'%s (another delegation, or not presiding) may not (403)',
		(who) => {
			expect(refused(run(nominated(), as(who), withdraw('p-ms5-head')))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
	);

	it('the presiding officer is told when there is no such nomination (not_a_candidate)', () => {
		expect(refused(run(nominated(), as('p-sg'), withdraw(B)))).toMatchObject({
			code: 'not_a_candidate',
			status: 404
		});
	});

	it('someone never nominated who tries to withdraw themselves is refused (404)', () => {
		expect(refused(run(nominated(), as('p-ms1-head'), withdraw('p-ms1-head')))).toMatchObject({
			code: 'not_a_candidate',
			status: 404
		});
	});

	it('a seconded candidate may withdraw, leaving the other seconded one', () => {
		const state = accepted(run(contested(), as(A), withdraw(A))).state;
		expect(state.election.candidates).toEqual([
			{ participantId: B, nominatedBy: 'MS3', secondedBy: 'FRA' }
		]);
	});

	it('is refused outside item 2 (election_not_open)', () => {
		const closed = accepted(run(nominated(), as('p-sg'), { type: 'agenda.close', item: 2 }));
		expect(refused(run(closed.state, as('p-sg'), withdraw(A))).code).toBe('election_not_open');
	});
});

describe('election.declare_acclaimed', () => {
	it('is refused with no seconded candidate (not_single_candidate)', () => {
		const none = refused(run(underItem2(), as('p-sg'), ACCLAIM));
		expect(none).toMatchObject({ code: 'not_single_candidate', status: 409 });
		const unseconded = accepted(run(underItem2(), as('p-bra-head'), nominate(A))).state;
		expect(refused(run(unseconded, as('p-sg'), ACCLAIM)).code).toBe('not_single_candidate');
	});

	it('is refused with two seconded candidates: the election is contested', () => {
		const refusal = refused(run(contested(), as('p-sg'), ACCLAIM));
		expect(refusal).toMatchObject({ code: 'not_single_candidate', status: 409 });
		expect(refusal.message).toContain('2 seconded candidates');
	});

	it('elects the one seconded candidate (an unseconded nomination does not prevent it)', () => {
		const ready = runAll(underItem2(), [
			[as('p-ms1-head'), nominate('p-bra-head')],
			[as('p-fra-head'), second('p-bra-head')],
			[as('p-ms2-head'), nominate('p-ms3-head')]
		]);
		const { state, events } = accepted(run(ready, as('p-sg'), ACCLAIM, { now: T0 + 60_000 }));
		expect(events).toEqual([
			expect.objectContaining({
				type: 'election.chair_elected',
				payload: { chairId: 'p-bra-head', how: 'acclamation' },
				audience: 'public',
				actor: 'p-sg'
			})
		]);
		expect(state.chairId).toBe('p-bra-head');
		expect(state.election).toMatchObject({ how: 'acclamation', electedAt: T0 + 60_000 });

		// The Chair takes office at once: they preside, the opening officer no longer does.
		const chair = rolesOf(state, as('p-bra-head'));
		expect(chair.has('chair')).toBe(true);
		expect(chair.has('presiding_officer')).toBe(true);
		const sg = rolesOf(state, as('p-sg'));
		expect(sg.has('opening_officer')).toBe(true);
		expect(sg.has('presiding_officer')).toBe(false);

		for (const command of [
			{ type: 'agenda.close', item: 2 },
			{ type: 'agenda.open', item: 3 }
		]) {
			expect(refused(run(state, as('p-sg'), command))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
		const next = runAll(state, [
			[as('p-bra-head'), { type: 'agenda.close', item: 2 }],
			[as('p-bra-head'), { type: 'agenda.open', item: 3 }]
		]);
		expect(next.currentItem).toBe(3);
		expect(refused(run(next, as('p-sg'), { type: 'agenda.suspend', item: 3 })).status).toBe(403);
	});

	it.each(['p-sec', 'p-fra-head', 'p-bra-head'])(
		'%s, not presiding, may not declare it (403)',
		(who) => {
			const ready = runAll(underItem2(), [
				[as('p-ms1-head'), nominate('p-bra-head')],
				[as('p-fra-head'), second('p-bra-head')]
			]);
			expect(refused(run(ready, as(who), ACCLAIM))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
	);

	it('once a Chair is in office, the election is over (chair_in_office)', () => {
		const chaired = runAll(underItem2(), [
			[as('p-ms1-head'), nominate('p-bra-head')],
			[as('p-fra-head'), second('p-bra-head')],
			[as('p-ms2-head'), nominate('p-ms3-head')],
			[as('p-sg'), ACCLAIM]
		]);
		// the new Chair presides now: the election commands that the presiding officer gives
		for (const command of [ACCLAIM, OPEN_VOTE, withdraw('p-ms3-head')]) {
			expect([command.type, refused(run(chaired, as('p-bra-head'), command)).code]).toEqual([
				command.type,
				'chair_in_office'
			]);
		}
		expect(refused(run(chaired, as('p-fra-head'), second('p-ms3-head'))).code).toBe(
			'chair_in_office'
		);
		expect(refused(run(chaired, as('p-bra-head'), CLOSE_VOTE)).code).toBe('no_vote_open');
	});
});

describe('election.open_vote', () => {
	it('needs two seconded candidates (not_contested)', () => {
		const one = checkIn(
			runAll(underItem2(), [
				[as('p-bra-head'), nominate(A)],
				[as('p-ms1-head'), second(A)],
				[as('p-ms2-head'), nominate(B)]
			]),
			...FIVE_PRESENT
		);
		expect(refused(run(one, as('p-sg'), OPEN_VOTE))).toMatchObject({
			code: 'not_contested',
			status: 409
		});
		expect(refused(run(checkIn(underItem2(), ...FIVE_PRESENT), as('p-sg'), OPEN_VOTE)).code).toBe(
			'not_contested'
		);
	});

	it('is refused with exactly half the accredited Member States checked in (no_quorum)', () => {
		const half = checkIn(contested(), ...FIVE_PRESENT.slice(0, 4));
		const refusal = refused(run(half, as('p-sg'), OPEN_VOTE));
		expect(refusal).toMatchObject({ code: 'no_quorum', status: 409 });
		expect(refusal.message).toContain(`${ACCREDITED} accredited`);
		expect(refusal.message).toContain('4 are');
	});

	it('opens round 1 with one more than half checked in, on the seconded candidates only', () => {
		const ready = checkIn(
			accepted(run(contested(), as('p-ms4-head'), nominate('p-ms5-head'))).state,
			...FIVE_PRESENT
		);
		const { state, events } = accepted(run(ready, as('p-sg'), OPEN_VOTE, { now: T0 + 1000 }));
		expect(events).toEqual([
			expect.objectContaining({
				type: 'election.vote_opened',
				payload: {
					round: 1,
					candidates: [A, B],
					presentMemberStates: 5,
					accreditedMemberStates: ACCREDITED
				},
				audience: 'public'
			})
		]);
		expect(state.election.rounds).toEqual([
			{
				round: 1,
				candidates: [A, B],
				presentMemberStates: 5,
				accreditedMemberStates: ACCREDITED,
				openedAt: T0 + 1000,
				closedAt: null,
				voted: [],
				ballots: {},
				tally: null,
				elected: null
			}
		]);
	});

	it('counts delegations, not people; other categories and the secretariat do not count', () => {
		const crowd = checkIn(
			contested(),
			'p-fra-head',
			'p-fra-delegate',
			'p-bra-head',
			'p-ms1-head',
			'p-ms2-head',
			'p-sm-x',
			'p-ob',
			'p-sg',
			'p-sec'
		);
		const refusal = refused(run(crowd, as('p-sg'), OPEN_VOTE));
		expect(refusal.code).toBe('no_quorum');
		expect(refusal.message).toContain('4 are');
		expect(
			accepted(run(checkIn(crowd, 'p-ms3-head'), as('p-sg'), OPEN_VOTE)).events[0]
		).toMatchObject({ payload: { presentMemberStates: 5 } });
	});

	it('a delegation that checks out no longer counts', () => {
		const left = given(
			checkIn(contested(), ...FIVE_PRESENT),
			event('presence.checked_out', { participantId: 'p-ms3-head' })
		);
		expect(refused(run(left, as('p-sg'), OPEN_VOTE)).code).toBe('no_quorum');
	});

	it('the quorum share is a setting', () => {
		const lower = patched(checkIn(contested(), 'p-fra-head', 'p-bra-head', 'p-ms1-head'), (s) => {
			s.settings.quorumShare = 0.25;
		});
		expect(accepted(run(lower, as('p-sg'), OPEN_VOTE)).events[0].type).toBe('election.vote_opened');
		const exactly = patched(lower, (s) => {
			s.settings.quorumShare = 3 / 8;
		});
		expect(refused(run(exactly, as('p-sg'), OPEN_VOTE)).code).toBe('no_quorum');
	});

	it.each(['p-sec', 'p-fra-head', 'p-sm-x'])('%s, not presiding, may not open it (403)', (who) => {
		const ready = checkIn(contested(), ...FIVE_PRESENT);
		expect(refused(run(ready, as(who), OPEN_VOTE))).toMatchObject({
			code: 'not_allowed',
			status: 403
		});
	});

	it('is refused outside item 2 (election_not_open)', () => {
		const suspended = accepted(
			run(checkIn(contested(), ...FIVE_PRESENT), as('p-sg'), { type: 'agenda.suspend', item: 2 })
		).state;
		expect(refused(run(suspended, as('p-sg'), OPEN_VOTE)).code).toBe('election_not_open');
	});
});

describe('while a vote is open', () => {
	it.each([
		['a nomination', 'p-ms4-head', nominate('p-ms5-head')],
		['a seconding', 'p-ms4-head', second(A)],
		['a withdrawal by the candidate', A, withdraw(A)],
		['a withdrawal by the nominating delegation', 'p-bra-head', withdraw(A)],
		['a withdrawal by the presiding officer', 'p-sg', withdraw(B)],
		['an acclamation', 'p-sg', ACCLAIM],
		['another round', 'p-sg', OPEN_VOTE]
	])('%s is refused (vote_in_progress)', (_, who, command) => {
		expect(refused(run(voteOpen(), as(who), command))).toMatchObject({
			code: 'vote_in_progress',
			status: 409
		});
	});
});

describe('election.cast', () => {
	it("the head casts the State's vote: public that it voted, the ballot to the voter alone", () => {
		const { state, events } = accepted(run(voteOpen(), as('p-fra-head'), cast(B)));
		expect(events).toHaveLength(2);
		expect(events[0]).toMatchObject({
			type: 'election.ballot_recorded',
			payload: { round: 1, delegationId: 'FRA' },
			audience: 'public'
		});
		expect(events[0].payload).toEqual({ round: 1, delegationId: 'FRA' });
		expect(events[1]).toMatchObject({
			type: 'election.ballot_cast',
			payload: { round: 1, delegationId: 'FRA', candidateId: B },
			audience: 'participant:p-fra-head'
		});
		expect(state.election.rounds[0]).toMatchObject({ voted: ['FRA'], ballots: { FRA: B } });
	});

	it('the alternate may cast the vote instead of the head', () => {
		const state = withFrenchAlternate(voteOpen());
		const { events } = accepted(run(state, as('p-fra-alt'), cast(A)));
		expect(events[1]).toMatchObject({
			payload: { delegationId: 'FRA', candidateId: A },
			audience: 'participant:p-fra-alt'
		});
	});

	it('one vote per State: the head again, or the alternate after the head (already_voted)', () => {
		const voted = accepted(run(withFrenchAlternate(voteOpen()), as('p-fra-head'), cast(A))).state;
		for (const [who, choice] of [
			['p-fra-head', A],
			['p-fra-head', B],
			['p-fra-alt', B]
		]) {
			expect(refused(run(voted, as(who), cast(choice)))).toMatchObject({
				code: 'already_voted',
				status: 409
			});
		}
	});

	it.each(['p-fra-delegate', 'p-sm-x', 'p-ob', 'p-sg', 'p-sec'])(
		'%s may not cast a vote (403)',
		(who) => {
			expect(refused(run(voteOpen(), as(who), cast(A)))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
	);

	it('a State not checked in may not vote (delegation_not_present)', () => {
		expect(refused(run(voteOpen(), as('p-ms4-head'), cast(A)))).toMatchObject({
			code: 'delegation_not_present',
			status: 409
		});
	});

	it('a State is present when any of its delegates is checked in', () => {
		const present = FIVE_PRESENT.map((p) => (p === 'p-fra-head' ? 'p-fra-delegate' : p));
		const open = accepted(run(checkIn(contested(), ...present), as('p-sg'), OPEN_VOTE)).state;
		expect(open.participants['p-fra-head'].present).toBe(false);
		expect(accepted(run(open, as('p-fra-head'), cast(B))).state.election.rounds[0].voted).toEqual([
			'FRA'
		]);
	});

	it('only a candidate of this round can be voted for (not_on_ballot)', () => {
		// MS5's head was nominated but never seconded, so is not on the ballot.
		const ready = checkIn(
			accepted(run(contested(), as('p-ms4-head'), nominate('p-ms5-head'))).state,
			...FIVE_PRESENT
		);
		const open = accepted(run(ready, as('p-sg'), OPEN_VOTE)).state;
		for (const choice of ['p-ms5-head', 'p-ms1-head', 'p-nobody']) {
			expect(refused(run(open, as('p-fra-head'), cast(choice)))).toMatchObject({
				code: 'not_on_ballot',
				status: 409
			});
		}
	});

	it('is refused when no vote is open (no_vote_open)', () => {
		const ready = checkIn(contested(), ...FIVE_PRESENT);
		expect(refused(run(ready, as('p-fra-head'), cast(A)))).toMatchObject({
			code: 'no_vote_open',
			status: 409
		});
		const closed = accepted(run(voteOpen(), as('p-sg'), CLOSE_VOTE)).state;
		expect(refused(run(closed, as('p-fra-head'), cast(A))).code).toBe('no_vote_open');
	});
});

describe('election.close_vote', () => {
	it('is refused when no vote is open (no_vote_open), and only the presiding officer closes', () => {
		expect(refused(run(contested(), as('p-sg'), CLOSE_VOTE))).toMatchObject({
			code: 'no_vote_open',
			status: 409
		});
		for (const who of ['p-sec', 'p-fra-head']) {
			expect(refused(run(voteOpen(), as(who), CLOSE_VOTE)).status).toBe(403);
		}
	});

	it('a majority of the votes cast elects: the Chair takes office at once', () => {
		const voted = runAll(voteOpen(), [
			[as('p-fra-head'), cast(A)],
			[as('p-ms1-head'), cast(A)],
			[as('p-ms2-head'), cast(A)],
			[as('p-bra-head'), cast(B)],
			[as('p-ms3-head'), cast(B)]
		]);
		const { state, events } = accepted(run(voted, as('p-sg'), CLOSE_VOTE, { now: T0 + 5000 }));
		expect(events.map((e) => [e.type, e.payload, e.audience])).toEqual([
			[
				'election.vote_closed',
				{ round: 1, tally: { [A]: 3, [B]: 2 }, votesCast: 5, elected: A },
				'public'
			],
			['election.chair_elected', { chairId: A, how: 'vote' }, 'public']
		]);
		expect(state.chairId).toBe(A);
		expect(state.election).toMatchObject({ how: 'vote', electedAt: T0 + 5000 });
		expect(state.election.rounds[0]).toMatchObject({
			closedAt: T0 + 5000,
			tally: { [A]: 3, [B]: 2 },
			elected: A
		});
		expect(rolesOf(state, as(A)).has('presiding_officer')).toBe(true);
		expect(rolesOf(state, as('p-sg')).has('presiding_officer')).toBe(false);
		expect(refused(run(state, as('p-sg'), { type: 'agenda.open', item: 3 }))).toMatchObject({
			code: 'not_allowed',
			status: 403
		});
		const next = runAll(state, [
			[as(A), { type: 'agenda.close', item: 2 }],
			[as(A), { type: 'agenda.open', item: 3 }]
		]);
		expect(next.currentItem).toBe(3);
		// and no second election
		expect(refused(run(state, as(A), OPEN_VOTE)).code).toBe('chair_in_office');
	});

	it('a tie elects nobody; a new round can be opened, in which every State votes afresh', () => {
		const tied = runAll(voteOpen(), [
			[as('p-fra-head'), cast(A)],
			[as('p-ms1-head'), cast(A)],
			[as('p-bra-head'), cast(B)],
			[as('p-ms3-head'), cast(B)]
		]);
		const closed = accepted(run(tied, as('p-sg'), CLOSE_VOTE));
		expect(closed.events.map((e) => [e.type, e.payload])).toEqual([
			['election.vote_closed', { round: 1, tally: { [A]: 2, [B]: 2 }, votesCast: 4, elected: null }]
		]);
		expect(closed.state.chairId).toBeNull();
		expect(closed.state.election.rounds[0]).toMatchObject({ elected: null, closedAt: T0 });

		const second = accepted(run(closed.state, as('p-sg'), OPEN_VOTE));
		expect(second.events[0].payload).toMatchObject({ round: 2, candidates: [A, B] });
		const round2 = runAll(second.state, [
			[as('p-fra-head'), cast(A)],
			[as('p-ms1-head'), cast(A)],
			[as('p-ms2-head'), cast(B)],
			[as('p-bra-head'), cast(B)],
			[as('p-ms3-head'), cast(B)]
		]);
		expect(round2.election.rounds[1].voted).toEqual(['FRA', 'MS1', 'MS2', 'BRA', 'MS3']);
		const elected = accepted(run(round2, as('p-sg'), CLOSE_VOTE));
		expect(elected.events[0].payload).toEqual({
			round: 2,
			tally: { [A]: 2, [B]: 3 },
			votesCast: 5,
			elected: B
		});
		expect(elected.state.chairId).toBe(B);
		expect(elected.state.election.rounds[0].tally).toEqual({ [A]: 2, [B]: 2 });
	});

	it('a plurality short of a majority elects nobody', () => {
		const three = runAll(contested(), [
			[as('p-ms5-head'), nominate('p-ms4-head')],
			[as('p-bra-head'), second('p-ms4-head')]
		]);
		const open = accepted(run(checkIn(three, ...FIVE_PRESENT), as('p-sg'), OPEN_VOTE)).state;
		expect(open.election.rounds[0].candidates).toEqual([A, B, 'p-ms4-head']);
		const voted = runAll(open, [
			[as('p-fra-head'), cast(A)],
			[as('p-ms1-head'), cast(A)],
			[as('p-bra-head'), cast(B)],
			[as('p-ms2-head'), cast(B)],
			[as('p-ms3-head'), cast('p-ms4-head')]
		]);
		const { state, events } = accepted(run(voted, as('p-sg'), CLOSE_VOTE));
		expect(events.map((e) => e.type)).toEqual(['election.vote_closed']);
		expect(events[0].payload).toMatchObject({ votesCast: 5, elected: null });
		expect(state.chairId).toBeNull();
	});

	it('a round in which nobody voted closes with a zero tally', () => {
		const { events } = accepted(run(voteOpen(), as('p-sg'), CLOSE_VOTE));
		expect(events[0].payload).toEqual({
			round: 1,
			tally: { [A]: 0, [B]: 0 },
			votesCast: 0,
			elected: null
		});
	});
});

describe('secrecy of the ballot', () => {
	function election() {
		const session = recorder(checkIn(contested(), ...FIVE_PRESENT));
		const base = session.state;
		session.give('p-sg', OPEN_VOTE);
		for (const [voter, choice] of [
			['p-fra-head', A],
			['p-ms1-head', A],
			['p-ms2-head', A],
			['p-bra-head', B],
			['p-ms3-head', B]
		]) {
			session.give(voter, cast(choice));
		}
		return { session, base };
	}

	it('each ballot is addressed to its voter alone; the public record names no candidate', () => {
		const { session } = election();
		const cast = session.log.filter((e) => e.type === 'election.ballot_cast');
		const recorded = session.log.filter((e) => e.type === 'election.ballot_recorded');
		expect(cast).toHaveLength(5);
		expect(recorded).toHaveLength(5);
		for (const e of cast) expect(e.audience).toBe(`participant:${e.actor}`);
		for (const e of recorded) {
			expect(e.audience).toBe('public');
			expect(Object.keys(e.payload).sort()).toEqual(['delegationId', 'round']);
			expect(JSON.stringify(e.payload)).not.toMatch(/p-fra-head|p-ms2-head/);
		}
	});

	it('a state folded from public events has who voted, not how; the full state has the ballots', () => {
		const { session, base } = election();
		const full = session.state.election.rounds[0];
		expect(full.ballots).toEqual({ FRA: A, MS1: A, MS2: A, BRA: B, MS3: B });

		const publicOnly = session.log.filter((e) => e.audience === 'public').reduce(evolve, base);
		expect(publicOnly.election.rounds[0]).toMatchObject({
			voted: ['FRA', 'MS1', 'MS2', 'BRA', 'MS3'],
			ballots: {},
			tally: null
		});
		// as the room display, a Sector Member and a Member State that did not vote see it
		for (const viewer of ['p-sm-x', 'p-ms4-head']) {
			const view = viewOf(base, session.log, { kind: 'participant', participantId: viewer });
			expect(view.election.rounds[0].ballots).toEqual({});
		}
		expect(viewOf(base, session.log, { kind: 'display' })).toEqual(publicOnly);
		// a voter sees their own ballot and no other
		const brazil = viewOf(base, session.log, { kind: 'participant', participantId: 'p-bra-head' });
		expect(brazil.election.rounds[0].ballots).toEqual({ BRA: B });
	});

	it('after the close, the public state has the tally and the Chair, still no ballots', () => {
		const { session, base } = election();
		session.give('p-sg', CLOSE_VOTE);
		const view = viewOf(base, session.log, { kind: 'display' });
		expect(view.election.rounds[0]).toMatchObject({
			tally: { [A]: 3, [B]: 2 },
			elected: A,
			ballots: {}
		});
		expect(view.chairId).toBe(A);
		expect(view.election.how).toBe('vote');
	});
});

describe('officers', () => {
	/** Brazil's head elected Chair by acclamation. */
	const chaired = () =>
		runAll(underItem2(), [
			[as('p-ms1-head'), nominate('p-bra-head')],
			[as('p-fra-head'), second('p-bra-head')],
			[as('p-sg'), ACCLAIM]
		]);
	const appoint = (participantId: string, office: string, workingGroup?: string) => ({
		type: 'officers.appoint',
		participantId,
		office,
		...(workingGroup === undefined ? {} : { workingGroup })
	});
	const dismiss = (participantId: string, office: string, workingGroup?: string) => ({
		...appoint(participantId, office, workingGroup),
		type: 'officers.dismiss'
	});

	it('only the Chair appoints: not the opening officer, before or after the election (403)', () => {
		for (const [state, who] of [
			[underItem2(), 'p-sg'],
			[chaired(), 'p-sg'],
			[chaired(), 'p-sec'],
			[chaired(), 'p-fra-head']
		] as const) {
			expect(refused(run(state, as(who), appoint('p-fra-head', 'vice_chair')))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
	});

	it('the Chair appoints a vice-chair', () => {
		const { state, events } = accepted(
			run(chaired(), as('p-bra-head'), appoint('p-fra-head', 'vice_chair'))
		);
		expect(events).toEqual([
			expect.objectContaining({
				type: 'officers.appointed',
				payload: { participantId: 'p-fra-head', office: 'vice_chair', workingGroup: null },
				audience: 'public'
			})
		]);
		expect(state.officers.viceChairs).toEqual(['p-fra-head']);
		const roles = rolesOf(state, as('p-fra-head'));
		expect(roles.has('vice_chair')).toBe(true);
		expect(roles.has('presiding_officer')).toBe(false);
		expect(
			refused(run(state, as('p-bra-head'), appoint('p-fra-head', 'vice_chair')))
		).toMatchObject({ code: 'already_appointed', status: 409 });
	});

	it('a working-group chair needs the working group (working_group_required)', () => {
		expect(
			refused(run(chaired(), as('p-bra-head'), appoint('p-ms1-head', 'working_group_chair')))
		).toMatchObject({ code: 'working_group_required', status: 400 });
	});

	it('the Chair appoints a working-group chair; a new one replaces the previous', () => {
		const first = accepted(
			run(chaired(), as('p-bra-head'), appoint('p-ms1-head', 'working_group_chair', 'WG 1'))
		);
		expect(first.events[0].payload).toEqual({
			participantId: 'p-ms1-head',
			office: 'working_group_chair',
			workingGroup: 'WG 1'
		});
		expect(first.state.officers.workingGroupChairs).toEqual({ 'WG 1': 'p-ms1-head' });
		expect(rolesOf(first.state, as('p-ms1-head')).has('working_group_chair')).toBe(true);

		const replaced = accepted(
			run(first.state, as('p-bra-head'), appoint('p-ms2-head', 'working_group_chair', 'WG 1'))
		).state;
		expect(replaced.officers.workingGroupChairs).toEqual({ 'WG 1': 'p-ms2-head' });
		expect(rolesOf(replaced, as('p-ms1-head')).has('working_group_chair')).toBe(false);
		expect(rolesOf(replaced, as('p-ms2-head')).has('working_group_chair')).toBe(true);
	});

	it('refuses someone who is not a participant (404)', () => {
		expect(
			refused(run(chaired(), as('p-bra-head'), appoint('p-nobody', 'vice_chair')))
		).toMatchObject({ code: 'no_such_participant', status: 404 });
	});

	it('the Chair dismisses; what is not held cannot be dismissed (not_appointed)', () => {
		const appointed = runAll(chaired(), [
			[as('p-bra-head'), appoint('p-fra-head', 'vice_chair')],
			[as('p-bra-head'), appoint('p-ms1-head', 'working_group_chair', 'WG 1')]
		]);
		expect(refused(run(appointed, as('p-sg'), dismiss('p-fra-head', 'vice_chair')))).toMatchObject({
			code: 'not_allowed',
			status: 403
		});

		const { state, events } = accepted(
			run(appointed, as('p-bra-head'), dismiss('p-fra-head', 'vice_chair'))
		);
		expect(events[0]).toMatchObject({
			type: 'officers.dismissed',
			payload: { participantId: 'p-fra-head', office: 'vice_chair', workingGroup: null },
			audience: 'public'
		});
		expect(rolesOf(state, as('p-fra-head')).has('vice_chair')).toBe(false);

		for (const command of [
			dismiss('p-fra-head', 'vice_chair'),
			dismiss('p-ms1-head', 'vice_chair'),
			dismiss('p-ms1-head', 'working_group_chair', 'WG 2'),
			dismiss('p-ms2-head', 'working_group_chair', 'WG 1')
		]) {
			expect(refused(run(state, as('p-bra-head'), command))).toMatchObject({
				code: 'not_appointed',
				status: 409
			});
		}

		// Like appoint, dismissing a working-group chair must name the group.
		expect(
			refused(run(state, as('p-bra-head'), dismiss('p-ms1-head', 'working_group_chair')))
		).toMatchObject({ code: 'working_group_required', status: 400 });
		// Names that would reach the object's prototype are refused by the schema.
		expect(() =>
			run(state, as('p-bra-head'), appoint('p-ms1-head', 'working_group_chair', '__proto__'))
		).toThrow();
		expect(
			refused(run(state, as('p-bra-head'), appoint('p-ms1-head', 'working_group_chair', 'WG 1')))
		).toMatchObject({ code: 'already_appointed' });

		const gone = accepted(
			run(state, as('p-bra-head'), dismiss('p-ms1-head', 'working_group_chair', 'WG 1'))
		).state;
		expect(gone.officers.workingGroupChairs).toEqual({});
		expect(rolesOf(gone, as('p-ms1-head')).has('working_group_chair')).toBe(false);
	});
});
