/**
 * The roles and offices a participant holds, derived from the forum's state. The authorization
 * table (authorization.ts) is written in these words.
 */
import { presidingOfficerId, type ForumState } from './types';

export const ROLES = [
	'secretariat',
	'opening_officer',
	'presiding_officer',
	'chair',
	'vice_chair',
	'working_group_chair',
	'member_state',
	'head_of_delegation',
	'sector_member',
	'associate',
	'academia',
	'observer',
	'participant',
	'display'
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	secretariat: 'Secretariat',
	opening_officer: 'Opening officer (Secretary-General or appointee)',
	presiding_officer: 'Presiding officer (opening officer until a Chair is elected, then the Chair)',
	chair: 'Chair',
	vice_chair: 'Vice-chair (appointed by the Chair)',
	working_group_chair: 'Working-group chair (appointed by the Chair)',
	member_state: 'Member State delegate',
	head_of_delegation: "Member State head of delegation or alternate (casts the State's vote)",
	sector_member: 'Sector Member delegate',
	associate: 'Associate',
	academia: 'Academia',
	observer: 'Observer',
	participant: 'Any registered participant',
	display: 'Room display'
};

/** Who sends a command: a participant, or the room display (which may send nothing). */
export type Actor = { kind: 'participant'; participantId: string } | { kind: 'display' };

export function rolesOf(state: ForumState, actor: Actor): Set<Role> {
	const roles = new Set<Role>();
	if (actor.kind === 'display') {
		roles.add('display');
		return roles;
	}
	const participant = state.participants[actor.participantId];
	if (!participant) return roles;
	roles.add('participant');
	if (participant.role === 'secretariat') roles.add('secretariat');
	if (participant.id === state.openingOfficerId) roles.add('opening_officer');
	if (participant.id === state.chairId) roles.add('chair');
	if (participant.id === presidingOfficerId(state)) roles.add('presiding_officer');
	if (state.officers.viceChairs.includes(participant.id)) roles.add('vice_chair');
	if (Object.values(state.officers.workingGroupChairs).includes(participant.id)) {
		roles.add('working_group_chair');
	}
	const delegation = participant.delegationId ? state.delegations[participant.delegationId] : null;
	if (delegation) {
		roles.add(delegation.category);
		if (
			delegation.category === 'member_state' &&
			(participant.role === 'head' || participant.role === 'alternate')
		) {
			roles.add('head_of_delegation');
		}
	}
	return roles;
}
