/**
 * The session for Member States only (Resolution 2, Rev. Bucharest, 2022; domain.md): requested
 * by a Member State, seconded by another, decided by the Member States present (one vote each,
 * majority of votes cast, quorum as for the election). Only then may the presiding officer open
 * it. While it runs, everything decided in it is addressed to `member_states` (rules.ts does this
 * for every command), and others may give no command.
 */
import { z } from 'zod';
import { command, type Evolvers, type NewEvent } from './define';
import { refuse, type Refusal } from './refusal';
import { presentMemberStates, quorum } from './presence.rules';
import type { Actor } from './roles';
import type { ForumState } from './types';

export interface RestrictedEvents {
	'restricted.requested': { delegationId: string };
	'restricted.seconded': { delegationId: string };
	'restricted.vote_opened': { presentMemberStates: number; accreditedMemberStates: number };
	'restricted.ballot_recorded': { delegationId: string };
	/** addressed to the voter alone */
	'restricted.ballot_cast': { delegationId: string; vote: 'yes' | 'no' };
	'restricted.vote_closed': { tally: { yes: number; no: number }; passed: boolean };
	'restricted.session_started': Record<string, never>;
	'restricted.session_ended': Record<string, never>;
	'restricted.summary_published': { text: string };
}

/** Commands that keep their public audience while the restricted session runs. */
export const LEAVES_RESTRICTED_SESSION = new Set(['restricted.leave']);

function delegationOf(state: ForumState, actor: Actor): string | null {
	return actor.kind === 'participant'
		? (state.participants[actor.participantId]?.delegationId ?? null)
		: null;
}

function notDuringSession(state: ForumState): Refusal | null {
	return state.restricted.active
		? refuse('restricted_session_in_progress', 'The session for Member States only is in progress.')
		: null;
}

const voteOpen = (state: ForumState) =>
	state.restricted.vote !== null && state.restricted.vote.closedAt === null;
const event = (type: keyof RestrictedEvents, payload: unknown): NewEvent => ({
	type,
	payload,
	audience: 'public'
});
const inSession = ['in_session'] as const;

export const restrictedCommands = () => [
	command({
		type: 'restricted.request',
		summary: 'A Member State requests a session for Member States only.',
		payload: {},
		who: ['member_state'],
		phases: inSession,
		example: {},
		decide: (state, _payload, actor) => {
			const blocked = notDuringSession(state);
			if (blocked) return blocked;
			if (state.restricted.motion || state.restricted.approved) {
				return refuse(
					'already_requested',
					'A session for Member States only has already been requested.'
				);
			}
			return [event('restricted.requested', { delegationId: delegationOf(state, actor)! })];
		}
	}),
	command({
		type: 'restricted.second',
		summary: 'Another Member State seconds the request.',
		payload: {},
		who: ['member_state'],
		phases: inSession,
		example: {},
		decide: (state, _payload, actor) => {
			const motion = state.restricted.motion;
			if (!motion)
				return refuse('no_request', 'No session for Member States only has been requested.');
			if (motion.secondedBy)
				return refuse('already_seconded', 'The request has already been seconded.');
			const delegationId = delegationOf(state, actor)!;
			if (motion.requestedBy === delegationId) {
				return refuse('same_delegation', 'The request must be seconded by another Member State.');
			}
			return [event('restricted.seconded', { delegationId })];
		}
	}),
	command({
		type: 'restricted.open_vote',
		summary:
			'The presiding officer puts the seconded request to the Member States present (quorum as for the election).',
		payload: {},
		who: ['presiding_officer'],
		phases: inSession,
		example: {},
		decide: (state) => {
			if (!state.restricted.motion?.secondedBy) {
				return refuse(
					'not_seconded',
					'The request must be made and seconded before it is put to the vote.'
				);
			}
			if (voteOpen(state)) return refuse('vote_in_progress', 'The vote is already open.');
			const { present, accredited, met } = quorum(state);
			if (!met) {
				return refuse(
					'no_quorum',
					`No quorum: a vote needs more than ${Math.floor(state.settings.quorumShare * 100)}% of the ${accredited} accredited Member States checked in, and ${present} are.`
				);
			}
			return [
				event('restricted.vote_opened', {
					presentMemberStates: present,
					accreditedMemberStates: accredited
				})
			];
		}
	}),
	command({
		type: 'restricted.cast',
		summary: "The head of a Member State's delegation (or alternate) votes yes or no, once.",
		payload: { vote: z.enum(['yes', 'no']) },
		who: ['head_of_delegation'],
		phases: inSession,
		example: { vote: 'yes' },
		decide: (state, { vote }, actor) => {
			if (!voteOpen(state)) return refuse('no_vote_open', 'No vote is open.');
			const delegationId = delegationOf(state, actor)!;
			if (!presentMemberStates(state).includes(delegationId)) {
				return refuse(
					'delegation_not_present',
					'Your delegation is not checked in: check in to vote.'
				);
			}
			if (state.restricted.vote!.voted.includes(delegationId)) {
				return refuse('already_voted', 'Your delegation has already voted.');
			}
			const voter = actor.kind === 'participant' ? actor.participantId : '';
			return [
				event('restricted.ballot_recorded', { delegationId }),
				{
					type: 'restricted.ballot_cast',
					payload: { delegationId, vote },
					audience: `participant:${voter}`
				}
			];
		}
	}),
	command({
		type: 'restricted.close_vote',
		summary: 'The presiding officer closes the vote: it passes with a majority of the votes cast.',
		payload: {},
		who: ['presiding_officer'],
		phases: inSession,
		example: {},
		decide: (state) => {
			if (!voteOpen(state)) return refuse('no_vote_open', 'No vote is open.');
			const ballots = Object.values(state.restricted.vote!.ballots);
			const tally = {
				yes: ballots.filter((b) => b === 'yes').length,
				no: ballots.filter((b) => b === 'no').length
			};
			return [event('restricted.vote_closed', { tally, passed: tally.yes * 2 > ballots.length })];
		}
	}),
	command({
		type: 'restricted.enter',
		summary:
			'Once the Member States have decided it, the presiding officer opens the session for Member States only.',
		payload: {},
		who: ['presiding_officer'],
		phases: inSession,
		example: {},
		decide: (state) => {
			const blocked = notDuringSession(state);
			if (blocked) return blocked;
			if (!state.restricted.approved) {
				return refuse(
					'not_decided',
					'A session for Member States only can be held only when a majority of the Member States present has decided it.'
				);
			}
			return [event('restricted.session_started', {})];
		}
	}),
	command({
		type: 'restricted.leave',
		summary:
			'The presiding officer closes the session for Member States only: the open session resumes.',
		payload: {},
		who: ['presiding_officer'],
		phases: inSession,
		example: {},
		decide: (state) =>
			state.restricted.active
				? [event('restricted.session_ended', {})]
				: refuse('no_restricted_session', 'No session for Member States only is in progress.')
	}),
	command({
		type: 'restricted.publish_summary',
		summary:
			'In the open session, the presiding officer publishes a summary of what may be made public of the closed session.',
		payload: { text: z.string().trim().min(1).max(10_000) },
		who: ['presiding_officer'],
		phases: inSession,
		example: { text: 'The Member States agreed to continue consultations on draft opinion 3.' },
		decide: (state, { text }) => {
			const blocked = notDuringSession(state);
			if (blocked) return blocked;
			if (state.restricted.sessions.length === 0) {
				return refuse('no_restricted_session', 'No session for Member States only has been held.');
			}
			return [event('restricted.summary_published', { text })];
		}
	})
];

export const restrictedEvolvers: Evolvers<RestrictedEvents> = {
	'restricted.requested': (state, { delegationId }, meta) => {
		state.restricted.motion = { requestedBy: delegationId, secondedBy: null, requestedAt: meta.at };
		state.restricted.vote = null;
	},
	'restricted.seconded': (state, { delegationId }) => {
		if (state.restricted.motion) state.restricted.motion.secondedBy = delegationId;
	},
	'restricted.vote_opened': (state, quorumThen, meta) => {
		state.restricted.vote = {
			...quorumThen,
			openedAt: meta.at,
			openedSeq: meta.seq,
			closedAt: null,
			voted: [],
			ballots: {},
			tally: null,
			passed: null
		};
	},
	'restricted.ballot_recorded': (state, { delegationId }) => {
		state.restricted.vote?.voted.push(delegationId);
	},
	// A ballot goes to the vote it was cast in, even applied after the events that followed it (a
	// voter's own view is their group's with their own events applied last: evolve.ts `personalView`).
	// (Written as "not opened after it": a state a tablet kept offline before `openedSeq` existed
	// has none, and its ballot is its own vote's.)
	'restricted.ballot_cast': (state, { delegationId, vote }, meta) => {
		const current = state.restricted.vote;
		if (current && !(current.openedSeq > meta.seq)) current.ballots[delegationId] = vote;
	},
	'restricted.vote_closed': (state, { tally, passed }, meta) => {
		const vote = state.restricted.vote;
		if (vote) Object.assign(vote, { closedAt: meta.at, tally, passed });
		state.restricted.motion = null;
		state.restricted.approved = passed;
	},
	'restricted.session_started': (state, _payload, meta) => {
		state.restricted.active = true;
		state.restricted.approved = false;
		state.restricted.since = meta.at;
		state.restricted.sessions.push({ startedAt: meta.at, endedAt: null });
	},
	'restricted.session_ended': (state, _payload, meta) => {
		state.restricted.active = false;
		state.restricted.since = null;
		const last = state.restricted.sessions.at(-1);
		if (last) last.endedAt = meta.at;
	},
	'restricted.summary_published': (state, { text }, meta) => {
		state.restricted.summaries.push({ at: meta.at, text });
	}
};
