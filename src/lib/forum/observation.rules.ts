/**
 * Members' observations on the Secretary-General's report (domain.md, "Observations", item 6):
 * submitted on one section before or during the forum, withdrawn by their delegation until
 * presented, marked presented by the presiding officer or the secretariat. All of them go into
 * the Chair's report.
 */
import { z } from 'zod';
import { command, type Evolvers } from './define';
import { NOT_ALLOWED, refuse } from './refusal';
import { shortText } from './schemas';
import type { Observation } from './types';

export const MAX_OBSERVATION_LENGTH = 10_000;

export interface ObservationEvents {
	'observation.submitted': Observation;
	'observation.withdrawn': { observationId: string };
	'observation.presented': { observationId: string };
}

const observationId = { observationId: /*#__PURE__*/ z.string().min(1).max(64) };

export const observationCommands = () => [
	command({
		type: 'observation.submit',
		summary:
			"Submit an observation on one section of the Secretary-General's report (paragraphs separated by blank lines; at most 10,000 characters).",
		payload: {
			section: shortText(20),
			text: z
				.string()
				.trim()
				.min(1, 'Write the observation before submitting it.')
				.max(
					MAX_OBSERVATION_LENGTH,
					`An observation is at most ${MAX_OBSERVATION_LENGTH.toLocaleString('en')} characters. Shorten it, or submit one per section.`
				)
		},
		who: ['member_state', 'sector_member', 'associate', 'academia', 'observer'],
		phases: ['preparation', 'in_session'],
		example: { section: '2', text: 'Our administration supports the analysis in section 2…' },
		decide: (state, { section, text }, actor, { now, commandId }) => {
			if (!state.report.sections.some((s) => s.number === section)) {
				return refuse('no_such_section', `The report has no section ${section}.`, 404);
			}
			const author = actor.kind === 'participant' ? state.participants[actor.participantId] : null;
			if (!author?.delegationId) return NOT_ALLOWED;
			const observation: Observation = {
				id: commandId!,
				section,
				delegationId: author.delegationId,
				authorId: author.id,
				text,
				status: 'submitted',
				submittedAt: now,
				presentedAt: null
			};
			return [{ type: 'observation.submitted', payload: observation, audience: 'public' }];
		}
	}),
	command({
		type: 'observation.withdraw',
		summary: 'Withdraw an observation of your delegation, until it is presented.',
		payload: observationId,
		who: ['member_state', 'sector_member', 'associate', 'academia', 'observer'],
		phases: ['preparation', 'in_session'],
		example: { observationId: 'c-7f3a9e12' },
		decide: (state, { observationId }, actor) => {
			const observation = state.observations.find((o) => o.id === observationId);
			const author = actor.kind === 'participant' ? state.participants[actor.participantId] : null;
			if (observation && observation.delegationId !== author?.delegationId) return NOT_ALLOWED;
			if (!observation) return refuse('no_such_observation', 'There is no such observation.', 404);
			if (observation.status === 'presented') {
				return refuse(
					'already_presented',
					'This observation has been presented: it can no longer be withdrawn.'
				);
			}
			if (observation.status === 'withdrawn') {
				return refuse('already_withdrawn', 'This observation has already been withdrawn.');
			}
			return [{ type: 'observation.withdrawn', payload: { observationId }, audience: 'public' }];
		}
	}),
	command({
		type: 'observation.mark_presented',
		summary:
			'Mark an observation presented (normally while its author has the floor under item 6).',
		payload: observationId,
		who: ['presiding_officer', 'secretariat'],
		phases: ['in_session'],
		example: { observationId: 'c-7f3a9e12' },
		decide: (state, { observationId }) => {
			const observation = state.observations.find((o) => o.id === observationId);
			if (!observation) return refuse('no_such_observation', 'There is no such observation.', 404);
			if (observation.status !== 'submitted') {
				return refuse('not_submitted', `This observation is ${observation.status}.`);
			}
			return [{ type: 'observation.presented', payload: { observationId }, audience: 'public' }];
		}
	})
];

export const observationEvolvers: Evolvers<ObservationEvents> = {
	'observation.submitted': (state, observation) => {
		state.observations.push(observation);
	},
	'observation.withdrawn': (state, { observationId }) => {
		const observation = state.observations.find((o) => o.id === observationId);
		if (observation) observation.status = 'withdrawn';
	},
	'observation.presented': (state, { observationId }, meta) => {
		const observation = state.observations.find((o) => o.id === observationId);
		if (observation) {
			observation.status = 'presented';
			observation.presentedAt = meta.at;
		}
	}
};
