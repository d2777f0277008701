/**
 * Draft opinions (domain.md, "Draft opinions", item 8): taken up in plenary or sent to a working
 * group; each delegation holds one stance; consensus is declared only while no objection stands,
 * never by a vote; the secretariat then records the final text, which becomes immutable.
 * The workflow is data: OPINION_TRANSITIONS, rendered in docs/workflows.md.
 */
import { z } from 'zod';
import { command, type Evolvers, type NewEvent } from './define';
import { currentText } from './opinion.text';
import { NOT_ALLOWED, refuse, type Refusal } from './refusal';
import type { Actor, Role } from './roles';
import { shortText } from './schemas';
import {
	DECIDED_OPINION_STATUSES,
	STANCE_KINDS,
	type DraftOpinion,
	type ForumState,
	type OpinionParagraph,
	type OpinionStatus,
	type Stance,
	type Translations
} from './types';

/** Item 8: consideration of draft opinions. */
export const OPINIONS_ITEM = 8;
export const DEFAULT_CONSENSUS_CHECK_SECONDS = 20;

/** The workflow: which command moves an opinion from which states. `to` may depend on the case. */
export const OPINION_TRANSITIONS = {
	'opinion.take_up': {
		from: ['in_report', 'wg_agreed', 'wg_no_agreement', 'deferred'],
		to: ['under_consideration']
	},
	'opinion.assign_wg': {
		from: ['in_report', 'under_consideration', 'wg_no_agreement', 'deferred'],
		to: ['assigned_to_wg']
	},
	'opinion.check_consensus': {
		from: ['under_consideration', 'assigned_to_wg'],
		to: ['consensus_check', 'assigned_to_wg']
	},
	'opinion.declare_consensus': {
		from: ['under_consideration', 'consensus_check', 'assigned_to_wg'],
		to: ['adopted', 'adopted_with_amendments', 'wg_agreed']
	},
	'opinion.declare_no_consensus': {
		from: ['under_consideration', 'consensus_check', 'assigned_to_wg'],
		to: ['not_adopted', 'wg_no_agreement']
	},
	'opinion.defer': {
		from: ['under_consideration', 'consensus_check', 'wg_no_agreement'],
		to: ['deferred']
	}
} as const satisfies Record<
	string,
	{ from: readonly OpinionStatus[]; to: readonly OpinionStatus[] }
>;

export type OpinionCommandType = keyof typeof OPINION_TRANSITIONS;

export interface OpinionEvents {
	'opinion.taken_up': { opinion: number };
	'opinion.assigned_to_wg': { opinion: number; workingGroup: string };
	'opinion.stance_taken': { opinion: number; delegationId: string; stance: Stance | null };
	'opinion.consensus_check_opened': { opinion: number; closesAt: number };
	'opinion.decided': { opinion: number; status: OpinionStatus };
	'opinion.recorded': { opinion: number; finalText: OpinionParagraph[] };
}

type Sender = Actor & { roles: Set<Role> };

export function findOpinion(state: ForumState, number: number): DraftOpinion | Refusal {
	return (
		state.opinions.find((o) => o.number === number) ??
		refuse('no_such_opinion', `There is no draft opinion ${number}.`, 404)
	);
}

/** In plenary the presiding officer presides; in a working group, its chair. */
export function presidesOver(state: ForumState, actor: Sender, opinion: DraftOpinion): boolean {
	if (opinion.status === 'assigned_to_wg' && opinion.workingGroup) {
		return (
			actor.kind === 'participant' &&
			state.officers.workingGroupChairs[opinion.workingGroup] === actor.participantId
		);
	}
	return actor.roles.has('presiding_officer');
}

/** Delegations whose objection blocks consensus (domain.md: Sector Members' configurable). */
export function blocks(state: ForumState, delegationId: string): boolean {
	const category = state.delegations[delegationId]?.category;
	return (
		category === 'member_state' ||
		(category === 'sector_member' && state.settings.sectorMemberObjectionBlocks)
	);
}

export function standingObjections(state: ForumState, opinion: DraftOpinion): Stance[] {
	return Object.values(opinion.stances).filter(
		(s) => s.kind === 'objection' && blocks(state, s.delegationId)
	);
}

export function pendingAmendments(opinion: DraftOpinion) {
	return opinion.amendments.filter((a) => a.status === 'proposed' || a.status === 'seconded');
}

export function isDecided(opinion: DraftOpinion): boolean {
	return DECIDED_OPINION_STATUSES.includes(opinion.status);
}

function mayMove(opinion: DraftOpinion, type: OpinionCommandType): Refusal | null {
	const from: readonly OpinionStatus[] = OPINION_TRANSITIONS[type].from;
	if (from.includes(opinion.status)) return null;
	return refuse(
		'opinion_wrong_state',
		`Draft opinion ${opinion.number} is ${opinion.status.replaceAll('_', ' ')}: this can be done only when it is ${from.map((s) => s.replaceAll('_', ' ')).join(' or ')}.`
	);
}

const opinionNumber = /*#__PURE__*/ z.number().int().min(1).max(99);
const presiding = ['presiding_officer', 'working_group_chair'] as const;
const inSession = ['in_session'] as const;
const decided = (opinion: number, status: OpinionStatus): NewEvent => ({
	type: 'opinion.decided',
	payload: { opinion, status },
	audience: 'public'
});

export const opinionCommands = () => [
	command({
		type: 'opinion.take_up',
		summary:
			'The presiding officer puts a draft opinion before the plenary, under item 8 (one at a time).',
		payload: { opinion: opinionNumber },
		who: ['presiding_officer'],
		phases: inSession,
		example: { opinion: 1 },
		decide: (state, { opinion: number }) => {
			const opinion = findOpinion(state, number);
			if ('code' in opinion) return opinion;
			if (state.currentItem !== OPINIONS_ITEM) {
				return refuse(
					'item_8_not_open',
					'Draft opinions are considered under item 8. Open item 8 first.'
				);
			}
			const moving = mayMove(opinion, 'opinion.take_up');
			if (moving) return moving;
			const other = state.opinions.find(
				(o) => o.status === 'under_consideration' || o.status === 'consensus_check'
			);
			if (other) {
				return refuse(
					'another_opinion_under_consideration',
					`Draft opinion ${other.number} is before the plenary. Decide or defer it first.`
				);
			}
			return [{ type: 'opinion.taken_up', payload: { opinion: number }, audience: 'public' }];
		}
	}),
	command({
		type: 'opinion.assign_wg',
		summary:
			'The presiding officer sends a draft opinion to a working group (one with a chair appointed by the Chair).',
		payload: { opinion: opinionNumber, workingGroup: shortText(80) },
		who: ['presiding_officer'],
		phases: inSession,
		example: { opinion: 2, workingGroup: 'WG 1' },
		decide: (state, { opinion: number, workingGroup }) => {
			const opinion = findOpinion(state, number);
			if ('code' in opinion) return opinion;
			const moving = mayMove(opinion, 'opinion.assign_wg');
			if (moving) return moving;
			if (!Object.hasOwn(state.officers.workingGroupChairs, workingGroup)) {
				return refuse(
					'no_such_working_group',
					`There is no working group "${workingGroup}": the Chair appoints its chair first (officers.appoint).`,
					404
				);
			}
			return [
				{
					type: 'opinion.assigned_to_wg',
					payload: { opinion: number, workingGroup },
					audience: 'public'
				}
			];
		}
	}),
	command({
		type: 'opinion.stance',
		summary:
			"A delegation's one stance on a draft opinion: support, objection (blocks consensus while it stands; `text` gives the reason), reservation (does not block; `text` is the statement for the report), or none.",
		payload: {
			opinion: opinionNumber,
			stance: z.enum([...STANCE_KINDS, 'none']),
			text: z.string().trim().max(2000).nullable().optional()
		},
		who: ['member_state', 'sector_member'],
		phases: inSession,
		example: {
			opinion: 1,
			stance: 'objection',
			text: 'Operative paragraph 2 goes beyond the report.'
		},
		decide: (state, { opinion: number, stance, text }, actor, { now }) => {
			const opinion = findOpinion(state, number);
			if ('code' in opinion) return opinion;
			const participant =
				actor.kind === 'participant' ? state.participants[actor.participantId] : null;
			if (!participant?.delegationId) return NOT_ALLOWED;
			if (isDecided(opinion) || opinion.status === 'in_report') {
				return refuse(
					'opinion_not_under_consideration',
					`Draft opinion ${number} is ${opinion.status.replaceAll('_', ' ')}: stances are taken while it is under consideration.`
				);
			}
			const held = opinion.stances[participant.delegationId];
			if (stance === 'none' && !held)
				return refuse('no_stance', 'Your delegation holds no stance on this opinion.');
			return [
				{
					type: 'opinion.stance_taken',
					payload: {
						opinion: number,
						delegationId: participant.delegationId,
						stance:
							stance === 'none'
								? null
								: {
										delegationId: participant.delegationId,
										kind: stance,
										text: text || null,
										by: participant.id,
										at: now
									}
					},
					audience: 'public'
				}
			];
		}
	}),
	command({
		type: 'opinion.check_consensus',
		summary:
			'"Are there any objections?": every tablet shows the question with a one-tap objection for a short window.',
		payload: { opinion: opinionNumber, seconds: z.number().int().min(5).max(300).optional() },
		who: presiding,
		phases: inSession,
		example: { opinion: 1 },
		decide: (state, { opinion: number, seconds }, actor, { now }) => {
			const opinion = findOpinion(state, number);
			if ('code' in opinion) return opinion;
			if (!presidesOver(state, actor, opinion)) return NOT_ALLOWED;
			const moving = mayMove(opinion, 'opinion.check_consensus');
			if (moving) return moving;
			const window =
				seconds ?? state.settings.consensusCheckSeconds ?? DEFAULT_CONSENSUS_CHECK_SECONDS;
			return [
				{
					type: 'opinion.consensus_check_opened',
					payload: { opinion: number, closesAt: now + window * 1000 },
					audience: 'public'
				}
			];
		}
	}),
	command({
		type: 'opinion.declare_consensus',
		summary:
			'Declare consensus: refused while an objection stands (the objecting delegations are named) or an amendment is pending. In plenary it adopts (`adopted_with_amendments` when an amendment was accepted); in a working group it agrees.',
		payload: { opinion: opinionNumber },
		who: presiding,
		phases: inSession,
		example: { opinion: 1 },
		decide: (state, { opinion: number }, actor) => {
			const opinion = findOpinion(state, number);
			if ('code' in opinion) return opinion;
			if (!presidesOver(state, actor, opinion)) return NOT_ALLOWED;
			const moving = mayMove(opinion, 'opinion.declare_consensus');
			if (moving) return moving;
			const objections = standingObjections(state, opinion);
			if (objections.length > 0) {
				const names = objections.map(
					(s) => state.delegations[s.delegationId]?.name ?? s.delegationId
				);
				return refuse(
					'objection_stands',
					`There is no consensus: ${names.join(', ')} ${names.length === 1 ? 'objects' : 'object'}. An opinion is adopted only when no objection stands.`
				);
			}
			const pending = pendingAmendments(opinion);
			if (pending.length > 0) {
				return refuse(
					'amendments_pending',
					`${pending.length} amendment${pending.length === 1 ? ' is' : 's are'} still pending: accept, reject or have ${pending.length === 1 ? 'it' : 'them'} withdrawn first.`
				);
			}
			if (opinion.status === 'assigned_to_wg') return [decided(number, 'wg_agreed')];
			return [decided(number, opinion.accepted.length > 0 ? 'adopted_with_amendments' : 'adopted')];
		}
	}),
	command({
		type: 'opinion.declare_no_consensus',
		summary:
			'Declare that there is no consensus: in plenary the opinion is not adopted; in a working group there is no agreement.',
		payload: { opinion: opinionNumber },
		who: presiding,
		phases: inSession,
		example: { opinion: 4 },
		decide: (state, { opinion: number }, actor) => {
			const opinion = findOpinion(state, number);
			if ('code' in opinion) return opinion;
			if (!presidesOver(state, actor, opinion)) return NOT_ALLOWED;
			const moving = mayMove(opinion, 'opinion.declare_no_consensus');
			if (moving) return moving;
			return [
				decided(number, opinion.status === 'assigned_to_wg' ? 'wg_no_agreement' : 'not_adopted')
			];
		}
	}),
	command({
		type: 'opinion.defer',
		summary: 'Defer a draft opinion (it can be taken up again later).',
		payload: { opinion: opinionNumber },
		who: ['presiding_officer'],
		phases: inSession,
		example: { opinion: 5 },
		decide: (state, { opinion: number }) => {
			const opinion = findOpinion(state, number);
			if ('code' in opinion) return opinion;
			const moving = mayMove(opinion, 'opinion.defer');
			if (moving) return moving;
			return [decided(number, 'deferred')];
		}
	}),
	command({
		type: 'opinion.record_adopted',
		summary:
			'The secretariat records the final text of an adopted opinion (its current text); from then on it is immutable.',
		payload: { opinion: opinionNumber },
		who: ['secretariat'],
		phases: ['in_session', 'closed'],
		example: { opinion: 1 },
		decide: (state, { opinion: number }) => {
			const opinion = findOpinion(state, number);
			if ('code' in opinion) return opinion;
			if (opinion.status !== 'adopted' && opinion.status !== 'adopted_with_amendments') {
				return refuse('not_adopted', `Draft opinion ${number} has not been adopted.`);
			}
			if (opinion.finalText)
				return refuse('already_recorded', `Opinion ${number} has already been recorded.`);
			return [
				{
					type: 'opinion.recorded',
					payload: { opinion: number, finalText: currentText(opinion) },
					audience: 'public'
				}
			];
		}
	})
];

function opinionOf(state: ForumState, number: number): DraftOpinion {
	return state.opinions.find((o) => o.number === number)!;
}

export const opinionEvolvers: Evolvers<OpinionEvents> = {
	'opinion.taken_up': (state, { opinion }) => {
		const o = opinionOf(state, opinion);
		o.status = 'under_consideration';
		o.workingGroup = null;
		o.consensusCheck = null;
	},
	'opinion.assigned_to_wg': (state, { opinion, workingGroup }) => {
		const o = opinionOf(state, opinion);
		o.status = 'assigned_to_wg';
		o.workingGroup = workingGroup;
		o.consensusCheck = null;
	},
	'opinion.stance_taken': (state, { opinion, delegationId, stance }) => {
		const o = opinionOf(state, opinion);
		if (stance) o.stances[delegationId] = stance;
		else delete o.stances[delegationId];
	},
	'opinion.consensus_check_opened': (state, { opinion, closesAt }, meta) => {
		const o = opinionOf(state, opinion);
		if (o.status === 'under_consideration') o.status = 'consensus_check';
		o.consensusCheck = { openedAt: meta.at, closesAt };
	},
	'opinion.decided': (state, { opinion, status }, meta) => {
		const o = opinionOf(state, opinion);
		o.status = status;
		o.consensusCheck = null;
		if (status !== 'wg_agreed' && status !== 'wg_no_agreement') o.decidedAt = meta.at;
	},
	'opinion.recorded': (state, { opinion, finalText }, meta) => {
		const o = opinionOf(state, opinion);
		o.finalText = finalText;
		o.recordedAt = meta.at;
	}
};

/** A registered draft opinion, before any work on it. */
export function newOpinion(registered: {
	number: number;
	title: string;
	titleTranslations?: Translations;
	illustrative: boolean;
	paragraphs: Omit<OpinionParagraph, 'id'>[];
}): DraftOpinion {
	// Translations only where given, so that opinions without them stay as they always were.
	return {
		number: registered.number,
		title: registered.title,
		...(registered.titleTranslations ? { titleTranslations: registered.titleTranslations } : {}),
		illustrative: registered.illustrative,
		paragraphs: registered.paragraphs.map((p, i) => ({
			id: `p${i + 1}`,
			kind: p.kind,
			text: p.text,
			...(p.translations ? { translations: p.translations } : {})
		})),
		status: 'in_report',
		workingGroup: null,
		stances: {},
		amendments: [],
		accepted: [],
		consensusCheck: null,
		decidedAt: null,
		finalText: null,
		recordedAt: null
	};
}
