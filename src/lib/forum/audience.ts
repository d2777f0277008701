/**
 * Who may see an event. Every read path (socket pushes, sync, page loads, the HTTP API,
 * exports, offline caches) asks this module, and only this module.
 */
import type { ForumState } from './types';

/** `public`, `member_states`, `secretariat`, or one participant (`participant:<id>`). */
export type Audience = 'public' | 'member_states' | 'secretariat' | `participant:${string}`;

export const AUDIENCE_PATTERN = /^(public|member_states|secretariat|participant:[A-Za-z0-9_-]+)$/;

/** Who is looking: a signed-in participant, the room display, or nobody in the forum. */
export type Viewer =
	{ kind: 'participant'; participantId: string } | { kind: 'display' } | { kind: 'outsider' };

/** Every audience this viewer belongs to, in the forum as it stands. */
export function audiencesFor(state: ForumState, viewer: Viewer): Audience[] {
	if (viewer.kind !== 'participant') return ['public'];
	const participant = state.participants[viewer.participantId];
	if (!participant) return ['public'];
	const audiences: Audience[] = ['public'];
	const delegation = participant.delegationId ? state.delegations[participant.delegationId] : null;
	// The secretariat serves the Member-States-only session, so it reads what Member States read.
	if (participant.role === 'secretariat' || delegation?.category === 'member_state') {
		audiences.push('member_states');
	}
	if (participant.role === 'secretariat') audiences.push('secretariat');
	audiences.push(`participant:${participant.id}`);
	return audiences;
}

export function canSee(state: ForumState, viewer: Viewer, audience: Audience): boolean {
	return audiencesFor(state, viewer).includes(audience);
}

/**
 * The key of the shared view a viewer reads: viewers with the same key see exactly the same
 * events, except those addressed to one participant.
 */
export function viewClass(
	state: ForumState,
	viewer: Viewer
): 'public' | 'member_states' | 'secretariat' {
	const audiences = audiencesFor(state, viewer);
	if (audiences.includes('secretariat')) return 'secretariat';
	if (audiences.includes('member_states')) return 'member_states';
	return 'public';
}
