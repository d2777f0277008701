/**
 * The election of the Chair under item 2 (domain.md, "Chair election"): a Member State
 * nominates, another seconds; one seconded candidate is declared elected by acclamation; when
 * contested, a vote of the Member States present (one vote each, by the head of delegation or
 * alternate), valid only with a quorum, decided by a majority of votes cast. A round without a
 * majority (a tie, say) elects nobody and another round can be opened.
 */
import { command, type Evolvers, type NewEvent } from './define';
import { NOT_ALLOWED, refuse, type Refusal } from './refusal';
import { presentMemberStates, quorum } from './presence.rules';
import type { Actor, Role } from './roles';
import { participantId } from './schemas';
import type { ElectionRound, ForumState } from './types';

export const ELECTION_ITEM = 2;

export interface ElectionEvents {
	'election.nominated': { candidateId: string; delegationId: string };
	'election.seconded': { candidateId: string; delegationId: string };
	'election.withdrawn': { candidateId: string };
	'election.vote_opened': {
		round: number;
		candidates: string[];
		presentMemberStates: number;
		accreditedMemberStates: number;
	};
	/** public: that a delegation has voted, not how */
	'election.ballot_recorded': { round: number; delegationId: string };
	/** addressed to the voter alone: the ballot itself */
	'election.ballot_cast': { round: number; delegationId: string; candidateId: string };
	'election.vote_closed': {
		round: number;
		tally: Record<string, number>;
		votesCast: number;
		elected: string | null;
	};
	'election.chair_elected': { chairId: string; how: 'acclamation' | 'vote' };
}

type Sender = Actor & { roles: Set<Role> };

function delegationOf(state: ForumState, actor: Sender): string | null {
	return actor.kind === 'participant'
		? (state.participants[actor.participantId]?.delegationId ?? null)
		: null;
}

function openRound(state: ForumState): ElectionRound | null {
	const last = state.election.rounds.at(-1);
	return last && last.closedAt === null ? last : null;
}

/** The election can proceed only under item 2, before a Chair is in office. */
function electionUnderway(state: ForumState): Refusal | null {
	if (state.chairId !== null) {
		return refuse('chair_in_office', 'A Chair has already been elected.');
	}
	if (state.currentItem !== ELECTION_ITEM) {
		return refuse(
			'election_not_open',
			'The Chair is elected under agenda item 2. Open item 2 first.'
		);
	}
	return null;
}

function noVoteOpen(state: ForumState): Refusal | null {
	return openRound(state)
		? refuse('vote_in_progress', 'A vote is in progress: wait until it closes.')
		: null;
}

const seconded = (state: ForumState) => state.election.candidates.filter((c) => c.secondedBy);

const candidate = { candidateId: participantId };
const inSession = ['in_session'] as const;

export const electionCommands = () => [
	command({
		type: 'election.nominate',
		summary: 'A Member State nominates a participant for Chair (under item 2).',
		payload: candidate,
		who: ['member_state'],
		phases: inSession,
		example: { candidateId: 'p-ken-head' },
		decide: (state, { candidateId }, actor) => {
			const blocked = electionUnderway(state) ?? noVoteOpen(state);
			if (blocked) return blocked;
			const person = state.participants[candidateId];
			if (!person) return refuse('no_such_participant', 'There is no such participant.', 404);
			if (state.election.candidates.some((c) => c.participantId === candidateId)) {
				return refuse('already_nominated', `${person.name} has already been nominated.`);
			}
			return [
				{
					type: 'election.nominated',
					payload: { candidateId, delegationId: delegationOf(state, actor)! },
					audience: 'public'
				}
			];
		}
	}),
	command({
		type: 'election.second',
		summary: 'Another Member State seconds a nomination.',
		payload: candidate,
		who: ['member_state'],
		phases: inSession,
		example: { candidateId: 'p-ken-head' },
		decide: (state, { candidateId }, actor) => {
			const blocked = electionUnderway(state) ?? noVoteOpen(state);
			if (blocked) return blocked;
			const nomination = state.election.candidates.find((c) => c.participantId === candidateId);
			if (!nomination) return refuse('not_a_candidate', 'This person has not been nominated.', 404);
			if (nomination.secondedBy) {
				return refuse('already_seconded', 'This nomination has already been seconded.');
			}
			const delegationId = delegationOf(state, actor)!;
			if (nomination.nominatedBy === delegationId) {
				return refuse(
					'same_delegation',
					'A nomination must be seconded by another Member State than the one that made it.'
				);
			}
			return [
				{ type: 'election.seconded', payload: { candidateId, delegationId }, audience: 'public' }
			];
		}
	}),
	command({
		type: 'election.withdraw',
		summary:
			'Withdraw a nomination: the candidate, the nominating delegation or the presiding officer.',
		payload: candidate,
		who: ['participant'],
		phases: inSession,
		example: { candidateId: 'p-ken-head' },
		decide: (state, { candidateId }, actor) => {
			const nomination = state.election.candidates.find((c) => c.participantId === candidateId);
			const mayWithdraw =
				actor.roles.has('presiding_officer') ||
				(actor.kind === 'participant' && actor.participantId === candidateId) ||
				(nomination !== undefined && nomination.nominatedBy === delegationOf(state, actor));
			if (!mayWithdraw) return NOT_ALLOWED;
			const blocked = electionUnderway(state) ?? noVoteOpen(state);
			if (blocked) return blocked;
			if (!nomination) return refuse('not_a_candidate', 'This person has not been nominated.', 404);
			return [{ type: 'election.withdrawn', payload: { candidateId }, audience: 'public' }];
		}
	}),
	command({
		type: 'election.declare_acclaimed',
		summary:
			'With exactly one seconded candidate and no objection, the presiding officer declares the Chair elected by acclamation.',
		payload: {},
		who: ['presiding_officer'],
		phases: inSession,
		example: {},
		decide: (state) => {
			const blocked = electionUnderway(state) ?? noVoteOpen(state);
			if (blocked) return blocked;
			const candidates = seconded(state);
			if (candidates.length !== 1) {
				return refuse(
					'not_single_candidate',
					candidates.length === 0
						? 'No nomination has been seconded yet.'
						: `There are ${candidates.length} seconded candidates: the election is contested. Open a vote instead.`
				);
			}
			return [
				{
					type: 'election.chair_elected',
					payload: { chairId: candidates[0].participantId, how: 'acclamation' },
					audience: 'public'
				}
			];
		}
	}),
	command({
		type: 'election.open_vote',
		summary:
			'When two or more candidates are seconded, the presiding officer opens a round of voting; it needs a quorum of Member States checked in.',
		payload: {},
		who: ['presiding_officer'],
		phases: inSession,
		example: {},
		decide: (state) => {
			const blocked = electionUnderway(state) ?? noVoteOpen(state);
			if (blocked) return blocked;
			const candidates = seconded(state);
			if (candidates.length < 2) {
				return refuse(
					'not_contested',
					'A vote needs at least two seconded candidates; with one, declare the Chair elected by acclamation.'
				);
			}
			const { present, accredited, met } = quorum(state);
			if (!met) {
				return refuse(
					'no_quorum',
					`No quorum: a vote needs more than ${Math.floor(state.settings.quorumShare * 100)}% of the ${accredited} accredited Member States checked in, and ${present} are.`
				);
			}
			return [
				{
					type: 'election.vote_opened',
					payload: {
						round: state.election.rounds.length + 1,
						candidates: candidates.map((c) => c.participantId),
						presentMemberStates: present,
						accreditedMemberStates: accredited
					},
					audience: 'public'
				}
			];
		}
	}),
	command({
		type: 'election.cast',
		summary:
			"The head of a Member State's delegation (or the alternate) casts the State's one vote. Only the voter sees the ballot until the round closes.",
		payload: candidate,
		who: ['head_of_delegation'],
		phases: inSession,
		example: { candidateId: 'p-ken-head' },
		decide: (state, { candidateId }, actor) => {
			const round = openRound(state);
			if (!round) return refuse('no_vote_open', 'No vote is open.');
			if (!round.candidates.includes(candidateId)) {
				return refuse('not_on_ballot', 'This person is not a candidate in this round.');
			}
			const delegationId = delegationOf(state, actor)!;
			if (!presentMemberStates(state).includes(delegationId)) {
				return refuse(
					'delegation_not_present',
					'Your delegation is not checked in: check in to vote.'
				);
			}
			if (round.voted.includes(delegationId)) {
				return refuse('already_voted', 'Your delegation has already voted in this round.');
			}
			const voter = actor.kind === 'participant' ? actor.participantId : '';
			return [
				{
					type: 'election.ballot_recorded',
					payload: { round: round.round, delegationId },
					audience: 'public'
				},
				{
					type: 'election.ballot_cast',
					payload: { round: round.round, delegationId, candidateId },
					audience: `participant:${voter}`
				}
			];
		}
	}),
	command({
		type: 'election.close_vote',
		summary:
			'The presiding officer closes the round: the tally is published; a candidate with a majority of the votes cast takes office at once, otherwise another round can be opened.',
		payload: {},
		who: ['presiding_officer'],
		phases: inSession,
		example: {},
		decide: (state) => {
			const round = openRound(state);
			if (!round) return refuse('no_vote_open', 'No vote is open.');
			const tally: Record<string, number> = Object.fromEntries(round.candidates.map((c) => [c, 0]));
			for (const choice of Object.values(round.ballots)) tally[choice] += 1;
			const votesCast = Object.values(round.ballots).length;
			const winner = round.candidates.find((c) => tally[c] * 2 > votesCast) ?? null;
			const events: NewEvent[] = [
				{
					type: 'election.vote_closed',
					payload: { round: round.round, tally, votesCast, elected: winner },
					audience: 'public'
				}
			];
			if (winner) {
				events.push({
					type: 'election.chair_elected',
					payload: { chairId: winner, how: 'vote' },
					audience: 'public'
				});
			}
			return events;
		}
	})
];

export const electionEvolvers: Evolvers<ElectionEvents> = {
	'election.nominated': (state, { candidateId, delegationId }) => {
		state.election.candidates.push({
			participantId: candidateId,
			nominatedBy: delegationId,
			secondedBy: null
		});
	},
	'election.seconded': (state, { candidateId, delegationId }) => {
		const nomination = state.election.candidates.find((c) => c.participantId === candidateId);
		if (nomination) nomination.secondedBy = delegationId;
	},
	'election.withdrawn': (state, { candidateId }) => {
		state.election.candidates = state.election.candidates.filter(
			(c) => c.participantId !== candidateId
		);
	},
	'election.vote_opened': (state, opened, meta) => {
		state.election.rounds.push({
			...opened,
			openedAt: meta.at,
			closedAt: null,
			voted: [],
			ballots: {},
			tally: null,
			elected: null
		});
	},
	'election.ballot_recorded': (state, { round, delegationId }) => {
		state.election.rounds.find((r) => r.round === round)?.voted.push(delegationId);
	},
	'election.ballot_cast': (state, { round, delegationId, candidateId }) => {
		const target = state.election.rounds.find((r) => r.round === round);
		if (target) target.ballots[delegationId] = candidateId;
	},
	'election.vote_closed': (state, { round, tally, elected }, meta) => {
		const target = state.election.rounds.find((r) => r.round === round);
		if (!target) return;
		target.closedAt = meta.at;
		target.tally = tally;
		target.elected = elected;
	},
	'election.chair_elected': (state, { chairId, how }, meta) => {
		state.chairId = chairId;
		state.election.electedAt = meta.at;
		state.election.how = how;
	}
};
