/**
 * The Chair's appointments once in office: vice-chairs and working-group chairs
 * (domain.md, "Who takes part": the Chair appoints working-group chairs).
 */
import { z } from 'zod';
import { command, type Evolvers } from './define';
import { refuse } from './refusal';
import { participantId, shortText } from './schemas';

export const OFFICES = ['vice_chair', 'working_group_chair'] as const;
export type Office = (typeof OFFICES)[number];

export interface OfficersEvents {
	'officers.appointed': { participantId: string; office: Office; workingGroup: string | null };
	'officers.dismissed': { participantId: string; office: Office; workingGroup: string | null };
}

const appointment = {
	participantId,
	office: /*#__PURE__*/ z.enum(OFFICES),
	/** the working group's name, for a working-group chair: starts with a letter or a digit */
	workingGroup: /*#__PURE__*/ shortText(80)
		.regex(
			/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u,
			'A working group name starts with a letter or a digit.'
		)
		.optional()
};

export const officersCommands = () => [
	command({
		type: 'officers.appoint',
		summary:
			'The Chair appoints a vice-chair, or the chair of a working group (`workingGroup` names it; an existing chair of that group is replaced).',
		payload: appointment,
		who: ['chair'],
		phases: ['in_session'],
		example: { participantId: 'p-bra-head', office: 'working_group_chair', workingGroup: 'WG 1' },
		decide: (state, { participantId, office, workingGroup }) => {
			const person = state.participants[participantId];
			if (!person) return refuse('no_such_participant', 'There is no such participant.', 404);
			if (office === 'working_group_chair' && !workingGroup) {
				return refuse(
					'working_group_required',
					'Name the working group this person will chair.',
					400
				);
			}
			if (office === 'vice_chair' && state.officers.viceChairs.includes(participantId)) {
				return refuse('already_appointed', `${person.name} is already a vice-chair.`);
			}
			if (
				office === 'working_group_chair' &&
				Object.hasOwn(state.officers.workingGroupChairs, workingGroup!) &&
				state.officers.workingGroupChairs[workingGroup!] === participantId
			) {
				return refuse('already_appointed', `${person.name} already chairs ${workingGroup}.`);
			}
			return [
				{
					type: 'officers.appointed',
					payload: {
						participantId,
						office,
						workingGroup: office === 'vice_chair' ? null : workingGroup!
					},
					audience: 'public'
				}
			];
		}
	}),
	command({
		type: 'officers.dismiss',
		summary: 'The Chair ends an appointment.',
		payload: appointment,
		who: ['chair'],
		phases: ['in_session'],
		example: { participantId: 'p-bra-head', office: 'vice_chair' },
		decide: (state, { participantId, office, workingGroup }) => {
			if (office === 'working_group_chair' && !workingGroup) {
				return refuse('working_group_required', 'Name the working group whose chair ends.', 400);
			}
			const holds =
				office === 'vice_chair'
					? state.officers.viceChairs.includes(participantId)
					: Object.hasOwn(state.officers.workingGroupChairs, workingGroup!) &&
						state.officers.workingGroupChairs[workingGroup!] === participantId;
			if (!holds) return refuse('not_appointed', 'This person does not hold that office.');
			return [
				{
					type: 'officers.dismissed',
					payload: { participantId, office, workingGroup: workingGroup ?? null },
					audience: 'public'
				}
			];
		}
	})
];

export const officersEvolvers: Evolvers<OfficersEvents> = {
	'officers.appointed': (state, { participantId, office, workingGroup }) => {
		if (office === 'vice_chair') state.officers.viceChairs.push(participantId);
		else state.officers.workingGroupChairs[workingGroup!] = participantId;
	},
	'officers.dismissed': (state, { participantId, office, workingGroup }) => {
		if (office === 'vice_chair') {
			state.officers.viceChairs = state.officers.viceChairs.filter((id) => id !== participantId);
		} else {
			delete state.officers.workingGroupChairs[workingGroup!];
		}
	}
};
