/**
 * Setting the forum up during the preparatory period (domain.md, "Who takes part"): delegations,
 * participants, the Secretary-General's report and the draft opinions annexed to it.
 */
import { z } from 'zod';
import { command, type Evolvers, type NewEvent } from './define';
import { refuse } from './refusal';
import {
	delegationCategory,
	delegationId,
	participantRole,
	shortText,
	translations
} from './schemas';
import { newOpinion } from './opinion.rules';
import type { Delegation, OpinionParagraph, ReportSection, Translations } from './types';

export interface SetupEvents {
	'delegation.registered': Delegation;
	'participant.registered': {
		participantId: string;
		name: string;
		delegationId: string | null;
		role: 'head' | 'alternate' | 'delegate' | 'secretariat';
	};
	'report.section_added': ReportSection;
	'opinion.registered': {
		number: number;
		title: string;
		/** optional: absent from events written before the forum's content carried languages */
		titleTranslations?: Translations;
		illustrative: boolean;
		paragraphs: Omit<OpinionParagraph, 'id'>[];
	};
}

const setup = { who: ['secretariat'] as const, phases: ['preparation'] as const };

export const MAX_PARAGRAPH_LENGTH = 4000;

export const setupCommands = () => [
	command({
		type: 'delegation.register',
		summary:
			'Accredit a delegation (Member State, Sector Member, Associate, Academia or observer).',
		payload: { delegationId, name: shortText(120), category: delegationCategory },
		...setup,
		example: { delegationId: 'FRA', name: 'France', category: 'member_state' },
		decide: (state, { delegationId, name, category }) => {
			if (state.delegations[delegationId]) {
				return refuse(
					'delegation_exists',
					`A delegation with the code ${delegationId} exists already.`
				);
			}
			return [
				{
					type: 'delegation.registered',
					payload: { id: delegationId, name, category },
					audience: 'public'
				}
			];
		}
	}),
	command({
		type: 'participant.register',
		summary:
			'Register a participant: a delegate of a delegation (`head`, `alternate`, `delegate`) or a member of the secretariat (no delegation). Creates the account for the email if there is none; `password` (12+ characters) sets its password.',
		payload: {
			email: z.email().max(200),
			name: shortText(120),
			delegationId: delegationId.nullable(),
			role: participantRole,
			password: z.string().min(12).max(200).optional()
		},
		...setup,
		example: {
			email: 'delegate@example.org',
			name: 'A. Delegate',
			delegationId: 'FRA',
			role: 'delegate',
			password: 'a long passphrase'
		},
		decide: (state, { name, delegationId, role }, _actor, { accountId }) => {
			if (!accountId) return refuse('no_account', 'The account could not be prepared.', 400);
			if ((role === 'secretariat') !== (delegationId === null)) {
				return refuse(
					'role_mismatch',
					'A member of the secretariat has no delegation; every other participant belongs to one.',
					400
				);
			}
			if (delegationId !== null && !state.delegations[delegationId]) {
				return refuse(
					'no_such_delegation',
					`There is no delegation with the code ${delegationId}.`,
					404
				);
			}
			if (state.participants[accountId]) {
				return refuse('participant_exists', 'This person is already registered for this forum.');
			}
			return [
				{
					type: 'participant.registered',
					payload: { participantId: accountId, name, delegationId, role },
					audience: 'public'
				}
			];
		}
	}),
	command({
		type: 'report.add_section',
		summary: "Add a numbered section to the Secretary-General's report.",
		payload: { number: shortText(20), title: shortText(300), text: z.string().max(60000) },
		...setup,
		example: { number: '2.1', title: 'Digital divides', text: 'Paragraphs of the report…' },
		decide: (state, section) => {
			if (state.report.sections.some((s) => s.number === section.number)) {
				return refuse('section_exists', `Section ${section.number} exists already.`);
			}
			return [{ type: 'report.section_added', payload: section, audience: 'public' }];
		}
	}),
	command({
		type: 'opinion.register',
		summary:
			"Register a draft opinion annexed to the report. Only during preparation: once the forum opens, the set of draft opinions is closed. `title` and each paragraph's `text` are in English; `titleTranslations` and a paragraph's `translations` optionally give them in ITU's other official languages (a delegate reads their language where it exists, otherwise English).",
		payload: {
			number: z.number().int().min(1).max(99),
			title: shortText(300),
			titleTranslations: translations(300).optional(),
			illustrative: z.boolean().default(false),
			paragraphs: z
				.array(
					z.strictObject({
						kind: z.enum(['preambular', 'operative']),
						text: shortText(MAX_PARAGRAPH_LENGTH),
						translations: translations(MAX_PARAGRAPH_LENGTH).optional()
					})
				)
				.min(1)
				.max(200)
		},
		who: ['secretariat'],
		// Accepted in every phase so that the refusal after opening cites the rule (domain.md).
		phases: ['preparation', 'in_session', 'closed'],
		example: {
			number: 1,
			title: 'Bridging digital divides',
			titleTranslations: { fr: 'Réduire les fractures numériques' },
			illustrative: true,
			paragraphs: [
				{
					kind: 'preambular',
					text: 'recognizing that…',
					translations: { fr: 'reconnaissant que…' }
				},
				{ kind: 'operative', text: 'invites Member States…' }
			]
		},
		decide: (state, opinion): NewEvent[] | ReturnType<typeof refuse> => {
			if (state.phase !== 'preparation') {
				return refuse(
					'preparatory_period_closed',
					"No draft opinion that was not presented in the preparatory period may be considered (Resolution 2): the set of draft opinions closed when the forum opened. A proposal made on the floor can be recorded as a view for the Chair's report."
				);
			}
			if (state.opinions.some((o) => o.number === opinion.number)) {
				return refuse('opinion_exists', `Draft opinion ${opinion.number} exists already.`);
			}
			return [
				{
					type: 'opinion.registered',
					payload: opinion,
					audience: 'public'
				}
			];
		}
	})
];

export const setupEvolvers: Evolvers<SetupEvents> = {
	'delegation.registered': (state, delegation) => {
		state.delegations[delegation.id] = delegation;
	},
	'participant.registered': (state, { participantId, name, delegationId, role }) => {
		state.participants[participantId] = {
			id: participantId,
			name,
			delegationId,
			role,
			present: false
		};
	},
	'report.section_added': (state, section) => {
		state.report.sections.push(section);
	},
	'opinion.registered': (state, opinion) => {
		state.opinions.push(newOpinion(opinion));
		state.opinions.sort((a, b) => a.number - b.number);
	}
};
