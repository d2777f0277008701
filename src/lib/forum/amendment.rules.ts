/**
 * Amendments to a draft opinion (domain.md): proposed by a delegation (new wording for one
 * paragraph, a new paragraph, or a deletion), seconded by another before discussion, accepted or
 * rejected by the presiding officer (or the working group's chair), withdrawn by its delegation.
 * Accepted amendments change the current text (opinion.text.ts).
 */
import { z } from 'zod';
import { command, type Evolvers } from './define';
import { findOpinion, isDecided, presidesOver } from './opinion.rules';
import { applyChange, currentText } from './opinion.text';
import { NOT_ALLOWED, refuse } from './refusal';
import { MAX_PARAGRAPH_LENGTH } from './setup.rules';
import type { Amendment, AmendmentChange, DraftOpinion, ForumState } from './types';

export interface AmendmentEvents {
	'amendment.proposed': Amendment;
	'amendment.seconded': { opinion: number; amendmentId: string; delegationId: string };
	'amendment.decided': {
		opinion: number;
		amendmentId: string;
		status: 'accepted' | 'rejected' | 'withdrawn';
	};
}

/** The three kinds of change an amendment makes. A function, as the commands are (rules.ts). */
function amendmentChange() {
	const paragraphText = z.string().trim().min(1).max(MAX_PARAGRAPH_LENGTH);
	const paragraphRef = z.string().min(1).max(64);
	return z.discriminatedUnion('kind', [
		z.strictObject({ kind: z.literal('replace'), paragraphId: paragraphRef, text: paragraphText }),
		z.strictObject({
			kind: z.literal('insert'),
			after: paragraphRef.nullable(),
			paragraphKind: z.enum(['preambular', 'operative']),
			text: paragraphText
		}),
		z.strictObject({ kind: z.literal('delete'), paragraphId: paragraphRef })
	]);
}

const amendmentRef = {
	opinion: /*#__PURE__*/ z.number().int().min(1).max(99),
	amendmentId: /*#__PURE__*/ z.string().min(1).max(64)
};
const proposers = ['member_state', 'sector_member'] as const;

function findAmendment(state: ForumState, number: number, id: string) {
	const opinion = findOpinion(state, number);
	if ('code' in opinion) return opinion;
	const amendment = opinion.amendments.find((a) => a.id === id);
	if (!amendment) return refuse('no_such_amendment', 'There is no such amendment.', 404);
	return { opinion, amendment };
}

function delegationOf(state: ForumState, actor: { kind: string; participantId?: string }) {
	return actor.kind === 'participant' && actor.participantId
		? (state.participants[actor.participantId]?.delegationId ?? null)
		: null;
}

function open(opinion: DraftOpinion) {
	if (isDecided(opinion) || opinion.status === 'in_report') {
		return refuse(
			'opinion_not_under_consideration',
			`Draft opinion ${opinion.number} is ${opinion.status.replaceAll('_', ' ')}: amendments are dealt with while it is under consideration.`
		);
	}
	return null;
}

export const amendmentCommands = () => [
	command({
		type: 'amendment.propose',
		summary:
			"Propose an amendment to the current text: `replace` a paragraph's wording, `insert` a new paragraph after another (`after: null` for the start), or `delete` one. Paragraph ids: `p1`… for the original paragraphs, an amendment's id for an inserted one.",
		payload: { opinion: z.number().int().min(1).max(99), change: amendmentChange() },
		who: proposers,
		phases: ['in_session'],
		example: {
			opinion: 1,
			change: { kind: 'replace', paragraphId: 'p4', text: 'invites Member States to consider…' }
		},
		decide: (state, { opinion: number, change }, actor, { now, commandId }) => {
			const opinion = findOpinion(state, number);
			if ('code' in opinion) return opinion;
			const delegationId = delegationOf(state, actor);
			if (!delegationId) return NOT_ALLOWED;
			const closed = open(opinion);
			if (closed) return closed;
			const typed = change as AmendmentChange;
			if (!applyChange(currentText(opinion), typed, commandId!)) {
				return refuse('no_such_paragraph', 'That paragraph is not in the current text.', 404);
			}
			const amendment: Amendment = {
				id: commandId!,
				opinion: number,
				delegationId,
				authorId: actor.kind === 'participant' ? actor.participantId : '',
				change: typed,
				status: 'proposed',
				secondedBy: null,
				proposedAt: now,
				decidedAt: null
			};
			return [{ type: 'amendment.proposed', payload: amendment, audience: 'public' }];
		}
	}),
	command({
		type: 'amendment.second',
		summary: 'Another delegation seconds an amendment; it cannot be discussed before.',
		payload: amendmentRef,
		who: proposers,
		phases: ['in_session'],
		example: { opinion: 1, amendmentId: 'c-7f3a9e12' },
		decide: (state, { opinion: number, amendmentId }, actor) => {
			const found = findAmendment(state, number, amendmentId);
			if ('code' in found) return found;
			const delegationId = delegationOf(state, actor);
			if (!delegationId) return NOT_ALLOWED;
			const closed = open(found.opinion);
			if (closed) return closed;
			if (found.amendment.status !== 'proposed') {
				return refuse('amendment_not_proposed', `This amendment is ${found.amendment.status}.`);
			}
			if (found.amendment.delegationId === delegationId) {
				return refuse(
					'same_delegation',
					'An amendment must be seconded by another delegation than the one that proposed it.'
				);
			}
			return [
				{
					type: 'amendment.seconded',
					payload: { opinion: number, amendmentId, delegationId },
					audience: 'public'
				}
			];
		}
	}),
	...(['accept', 'reject'] as const).map((verb) =>
		command({
			type: `amendment.${verb}`,
			summary:
				verb === 'accept'
					? "The presiding officer (or the working group's chair) accepts a seconded amendment on consensus: the text changes."
					: "The presiding officer (or the working group's chair) rejects a seconded amendment.",
			payload: amendmentRef,
			who: ['presiding_officer', 'working_group_chair'],
			phases: ['in_session'],
			example: { opinion: 1, amendmentId: 'c-7f3a9e12' },
			decide: (state, { opinion: number, amendmentId }, actor) => {
				const found = findAmendment(state, number, amendmentId);
				if ('code' in found) return found;
				if (!presidesOver(state, actor, found.opinion)) return NOT_ALLOWED;
				const closed = open(found.opinion);
				if (closed) return closed;
				if (found.amendment.status !== 'seconded') {
					return refuse(
						found.amendment.status === 'proposed' ? 'amendment_not_seconded' : 'amendment_decided',
						found.amendment.status === 'proposed'
							? 'This amendment has not been seconded: it cannot be decided yet.'
							: `This amendment is already ${found.amendment.status}.`
					);
				}
				if (
					verb === 'accept' &&
					!applyChange(currentText(found.opinion), found.amendment.change, amendmentId)
				) {
					return refuse(
						'amendment_conflicts',
						'The paragraph this amendment changes is no longer in the text (another amendment removed it).'
					);
				}
				return [
					{
						type: 'amendment.decided',
						payload: {
							opinion: number,
							amendmentId,
							status: verb === 'accept' ? 'accepted' : 'rejected'
						},
						audience: 'public'
					}
				];
			}
		})
	),
	command({
		type: 'amendment.withdraw',
		summary: 'The proposing delegation withdraws its amendment before it is decided.',
		payload: amendmentRef,
		who: proposers,
		phases: ['in_session'],
		example: { opinion: 1, amendmentId: 'c-7f3a9e12' },
		decide: (state, { opinion: number, amendmentId }, actor) => {
			const found = findAmendment(state, number, amendmentId);
			if ('code' in found) return found;
			if (found.amendment.delegationId !== delegationOf(state, actor)) return NOT_ALLOWED;
			if (found.amendment.status !== 'proposed' && found.amendment.status !== 'seconded') {
				return refuse('amendment_decided', `This amendment is already ${found.amendment.status}.`);
			}
			return [
				{
					type: 'amendment.decided',
					payload: { opinion: number, amendmentId, status: 'withdrawn' },
					audience: 'public'
				}
			];
		}
	})
];

export const amendmentEvolvers: Evolvers<AmendmentEvents> = {
	'amendment.proposed': (state, amendment) => {
		state.opinions.find((o) => o.number === amendment.opinion)?.amendments.push(amendment);
	},
	'amendment.seconded': (state, { opinion, amendmentId, delegationId }) => {
		const a = state.opinions
			.find((o) => o.number === opinion)
			?.amendments.find((x) => x.id === amendmentId);
		if (!a) return;
		a.status = 'seconded';
		a.secondedBy = delegationId;
	},
	'amendment.decided': (state, { opinion, amendmentId, status }, meta) => {
		const o = state.opinions.find((x) => x.number === opinion);
		const a = o?.amendments.find((x) => x.id === amendmentId);
		if (!o || !a) return;
		a.status = status;
		a.decidedAt = meta.at;
		if (status === 'accepted') o.accepted.push(amendmentId);
	}
};
