/**
 * The authorization matrix: every command × every kind of participant or office × the forum's
 * phases. It is derived, never written by hand: each command's `who` and `phases`, and the roles
 * each kind holds, computed with the real `rolesOf` on a representative forum. docs.ts renders it
 * in docs/authorization.md; tests/integration/authorization.test.ts checks every cell against the
 * server.
 */
import type { NewEvent } from './define';
import { blankForum } from './forum.rules';
import { apply, COMMANDS, stampEvent } from './rules';
import { rolesOf, type Actor, type Role } from './roles';
import type { DelegationCategory, ForumPhase, ForumState, ParticipantRole } from './types';

export const PARTICIPANT_KINDS = [
	'secretariat',
	'opening_officer',
	'chair',
	'vice_chair',
	'working_group_chair',
	'head_of_delegation',
	'member_state_delegate',
	'sector_member',
	'associate',
	'academia',
	'observer',
	'display'
] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export const KIND_LABELS: Record<ParticipantKind, string> = {
	secretariat: 'Secretariat',
	opening_officer: 'Opening officer',
	chair: 'Chair',
	vice_chair: 'Vice-chair',
	working_group_chair: 'Working-group chair',
	head_of_delegation: 'Member State head of delegation',
	member_state_delegate: 'Member State delegate',
	sector_member: 'Sector Member',
	associate: 'Associate',
	academia: 'Academia',
	observer: 'Observer',
	display: 'Room display'
};

/**
 * Who stands for each kind in the representative forum. The offices (Chair, vice-chair,
 * working-group chair) are held by heads of Member State delegations, as at WTPF-13 and WTPF-21;
 * they exist only once the Chair is elected (item 2) and has appointed them.
 */
const REPRESENTATIVES: Record<
	Exclude<ParticipantKind, 'display'>,
	{ participantId: string; delegation: DelegationCategory | null; role: ParticipantRole }
> = {
	secretariat: { participantId: 'p-secretariat', delegation: null, role: 'secretariat' },
	opening_officer: { participantId: 'p-opening-officer', delegation: null, role: 'secretariat' },
	chair: { participantId: 'p-chair', delegation: 'member_state', role: 'head' },
	vice_chair: { participantId: 'p-vice-chair', delegation: 'member_state', role: 'head' },
	working_group_chair: {
		participantId: 'p-wg-chair',
		delegation: 'member_state',
		role: 'head'
	},
	head_of_delegation: { participantId: 'p-ms-head', delegation: 'member_state', role: 'head' },
	member_state_delegate: {
		participantId: 'p-ms-delegate',
		delegation: 'member_state',
		role: 'delegate'
	},
	sector_member: {
		participantId: 'p-sector-member',
		delegation: 'sector_member',
		role: 'delegate'
	},
	associate: { participantId: 'p-associate', delegation: 'associate', role: 'delegate' },
	academia: { participantId: 'p-academia', delegation: 'academia', role: 'delegate' },
	observer: { participantId: 'p-observer', delegation: 'observer', role: 'delegate' }
};

const OFFICES: readonly ParticipantKind[] = ['chair', 'vice_chair', 'working_group_chair'];

/** The representative forum, before a Chair is elected or with the Chair and officers in office. */
export function representativeForum(chairInOffice: boolean): ForumState {
	const events: NewEvent[] = [
		{
			type: 'forum.created',
			payload: {
				slug: 'matrix',
				title: { en: 'Representative forum' },
				theme: { en: 'Authorization matrix' },
				subthemes: [],
				venue: 'Geneva',
				dates: { start: '2026-05-12', end: '2026-05-14' },
				settings: { speechLimitSeconds: 180, quorumShare: 0.5, sectorMemberObjectionBlocks: true },
				openingOfficerId: REPRESENTATIVES.opening_officer.participantId,
				agenda: [],
				reportTitle: 'Report of the Secretary-General'
			},
			audience: 'public'
		}
	];
	for (const [kind, { participantId, delegation, role }] of Object.entries(REPRESENTATIVES)) {
		const delegationId = delegation ? `D-${kind}` : null;
		if (delegationId) {
			events.push({
				type: 'delegation.registered',
				payload: {
					id: delegationId,
					name: KIND_LABELS[kind as ParticipantKind],
					category: delegation
				},
				audience: 'public'
			});
		}
		events.push({
			type: 'participant.registered',
			payload: { participantId, name: KIND_LABELS[kind as ParticipantKind], delegationId, role },
			audience: 'public'
		});
	}
	if (chairInOffice) {
		events.push(
			{
				type: 'election.chair_elected',
				payload: { chairId: REPRESENTATIVES.chair.participantId, how: 'acclamation' },
				audience: 'public'
			},
			{
				type: 'officers.appointed',
				payload: {
					participantId: REPRESENTATIVES.vice_chair.participantId,
					office: 'vice_chair',
					workingGroup: null
				},
				audience: 'public'
			},
			{
				type: 'officers.appointed',
				payload: {
					participantId: REPRESENTATIVES.working_group_chair.participantId,
					office: 'working_group_chair',
					workingGroup: 'WG 1'
				},
				audience: 'public'
			}
		);
	}
	const state = blankForum('matrix');
	events.forEach((event, i) => apply(state, stampEvent(event, i + 1, 0, null)));
	return state;
}

const FORUMS = { before: representativeForum(false), after: representativeForum(true) };

/**
 * The roles a kind holds, before a Chair is elected or once one is in office; null when nobody
 * is of that kind then (the offices before the election).
 */
export function rolesOfKind(kind: ParticipantKind, chairInOffice: boolean): Set<Role> | null {
	if (kind === 'display') return rolesOf(FORUMS.before, { kind: 'display' });
	if (OFFICES.includes(kind) && !chairInOffice) return null;
	const forum = chairInOffice ? FORUMS.after : FORUMS.before;
	return rolesOf(forum, {
		kind: 'participant',
		participantId: REPRESENTATIVES[kind].participantId
	});
}

/** Who stands for the kind in the representative forum. */
export function representativeOf(kind: ParticipantKind): Actor {
	return kind === 'display'
		? { kind: 'display' }
		: { kind: 'participant', participantId: REPRESENTATIVES[kind].participantId };
}

/** A moment of the forum for authorization: its phase, and whether a Chair is in office. */
export interface Stage {
	phase: ForumPhase;
	chairInOffice: boolean;
}

/** Every stage a forum can be in (no Chair can be elected during preparation). */
export const STAGES: readonly Stage[] = [
	{ phase: 'preparation', chairInOffice: false },
	{ phase: 'in_session', chairInOffice: false },
	{ phase: 'in_session', chairInOffice: true },
	{ phase: 'closed', chairInOffice: false },
	{ phase: 'closed', chairInOffice: true }
];

/**
 * Whether a kind may give a command at this stage by its roles and the command's phases: what the
 * server checks before anything else (`decide`: 403 `not_allowed`, then 409 `wrong_phase`).
 * Undefined when nobody is of that kind at that stage.
 */
export function kindMayGive(
	kind: ParticipantKind,
	type: string,
	stage: Stage
): boolean | undefined {
	const roles = rolesOfKind(kind, stage.chairInOffice);
	if (!roles) return undefined;
	const definition = COMMANDS[type];
	return definition.who.some((r) => roles.has(r)) && definition.phases.includes(stage.phase);
}

/** Whether the kind's roles pass the authorization check, whatever the phase. */
export function kindHoldsRoleFor(kind: ParticipantKind, type: string, chairInOffice: boolean) {
	const roles = rolesOfKind(kind, chairInOffice);
	return roles !== null && COMMANDS[type].who.some((r) => roles.has(r));
}

/**
 * Commands that the roles allow but that the rules may still refuse with 403 `not_allowed`,
 * depending on what they are about. `unless`: a role for which that never happens.
 */
export const CONTEXTUAL: Record<string, { reason: string; unless?: Role }> = {
	'presence.check_in': {
		reason: 'for someone else: only the secretariat',
		unless: 'secretariat'
	},
	'presence.check_out': {
		reason: 'for someone else: only the secretariat',
		unless: 'secretariat'
	},
	'floor.request': {
		reason: 'for someone else (`participantId`): only the presiding officer',
		unless: 'presiding_officer'
	},
	'floor.withdraw': {
		reason: "someone else's request: only the presiding officer",
		unless: 'presiding_officer'
	},
	'election.withdraw': {
		reason: 'only the candidate, the nominating delegation or the presiding officer',
		unless: 'presiding_officer'
	},
	'observation.withdraw': { reason: "only an observation of the sender's own delegation" },
	'amendment.withdraw': { reason: "only an amendment of the sender's own delegation" },
	...Object.fromEntries(
		[
			'opinion.check_consensus',
			'opinion.declare_consensus',
			'opinion.declare_no_consensus',
			'amendment.accept',
			'amendment.reject'
		].map((type) => [
			type,
			{
				reason:
					"an opinion assigned to a working group: only that group's chair; any other: only the presiding officer"
			}
		])
	)
};

/** Whether the rules may refuse this kind the command with 403 although its roles allow it. */
export function isContextual(kind: ParticipantKind, type: string, chairInOffice: boolean): boolean {
	const context = CONTEXTUAL[type];
	if (!context || !kindHoldsRoleFor(kind, type, chairInOffice)) return false;
	return !(context.unless && rolesOfKind(kind, chairInOffice)!.has(context.unless));
}
