/** Presence: participants check in on arrival and out on leaving; the quorum counts present Member States. */
import { command, type Evolvers } from './define';
import { NOT_ALLOWED, refuse } from './refusal';
import type { Actor, Role } from './roles';
import { participantId } from './schemas';
import type { ForumState } from './types';

export interface PresenceEvents {
	'presence.checked_in': { participantId: string };
	'presence.checked_out': { participantId: string };
}

/** A participant checks themselves in or out; the secretariat may do it for anyone. */
function subjectOf(
	state: ForumState,
	actor: Actor & { roles: Set<Role> },
	requested: string | undefined
) {
	const self = actor.kind === 'participant' ? actor.participantId : null;
	const subject = requested ?? self;
	if (subject !== self && !actor.roles.has('secretariat')) return NOT_ALLOWED;
	if (!subject || !state.participants[subject]) {
		return refuse('no_such_participant', 'There is no such participant in this forum.', 404);
	}
	return state.participants[subject];
}

const presencePayload = { participantId: /*#__PURE__*/ participantId.optional() };

export const presenceCommands = () => [
	command({
		type: 'presence.check_in',
		summary:
			'Check in on arrival (yourself, or, for the secretariat, anyone by `participantId`). Present Member States count for the quorum.',
		payload: presencePayload,
		who: ['participant'],
		phases: ['preparation', 'in_session'],
		example: { participantId: 'p-fra-head' },
		decide: (state, { participantId }, actor) => {
			const subject = subjectOf(state, actor, participantId);
			if ('code' in subject) return subject;
			if (subject.present) {
				return refuse('already_checked_in', `${subject.name} is already checked in.`);
			}
			return [
				{ type: 'presence.checked_in', payload: { participantId: subject.id }, audience: 'public' }
			];
		}
	}),
	command({
		type: 'presence.check_out',
		summary: 'Check out on leaving (yourself, or, for the secretariat, anyone by `participantId`).',
		payload: presencePayload,
		who: ['participant'],
		phases: ['preparation', 'in_session'],
		example: {},
		decide: (state, { participantId }, actor) => {
			const subject = subjectOf(state, actor, participantId);
			if ('code' in subject) return subject;
			if (!subject.present) {
				return refuse('not_checked_in', `${subject.name} is not checked in.`);
			}
			return [
				{ type: 'presence.checked_out', payload: { participantId: subject.id }, audience: 'public' }
			];
		}
	})
];

// A participant is replaced, not changed in place: a page tells Svelte that the map changed, and
// whatever read this participant then sees a new object (`touch` in live-forum.svelte.ts).
export const presenceEvolvers: Evolvers<PresenceEvents> = {
	'presence.checked_in': (state, { participantId }) => {
		state.participants[participantId] = { ...state.participants[participantId], present: true };
	},
	'presence.checked_out': (state, { participantId }) => {
		state.participants[participantId] = { ...state.participants[participantId], present: false };
	}
};

/** Member States with at least one participant checked in. */
export function presentMemberStates(state: ForumState): string[] {
	// The delegations first, then their category: one look-up per delegation rather than per
	// participant (in the browser each is a read through Svelte's reactive state, 5,000 of them).
	// `for…in`, not `Object.values`: on the page's map of 5,000 participants (too many keys for
	// V8's fast properties) the array took about 40 ms at 4× CPU throttling, the loop about 10.
	const withSomeonePresent = new Set<string>();
	const participants = state.participants;
	for (const id in participants) {
		const p = participants[id];
		if (p.present && p.delegationId) withSomeonePresent.add(p.delegationId);
	}
	return [...withSomeonePresent].filter((id) => state.delegations[id]?.category === 'member_state');
}

export function accreditedMemberStates(state: ForumState): string[] {
	return Object.values(state.delegations)
		.filter((d) => d.category === 'member_state')
		.map((d) => d.id);
}

/** Votes need more than `quorumShare` of the accredited Member States checked in (configurable). */
export function quorum(state: ForumState) {
	const present = presentMemberStates(state).length;
	const accredited = accreditedMemberStates(state).length;
	return { present, accredited, met: present > state.settings.quorumShare * accredited };
}
