/**
 * Helpers for the rules' unit specs: build a forum by applying events ("given"), then give
 * commands through the real parseCommand → decide → apply path ("when") and look at the
 * resulting state and events ("then"). Generic on purpose so every family's spec can use them.
 * No test code here: the helpers throw plain errors when a spec misuses them.
 */
import { isDeepStrictEqual } from 'node:util';
import { deepFreeze } from '../deep-freeze';
import { audiencesFor, type Viewer } from './audience';
import type { DecisionContext, NewEvent } from './define';
import { personalView, ROSTER_EVENTS, ROSTERS } from './evolve';
import { blankForum } from './forum.rules';
import type { Refusal } from './refusal';
import type { Actor } from './roles';
import {
	apply,
	decide,
	evolve,
	parseCommand,
	stampEvent,
	type EventPayloads,
	type EventType,
	type ForumEvent
} from './rules';
import {
	DEFAULT_SETTINGS,
	type DelegationCategory,
	type ForumPhase,
	type ForumState,
	type ParticipantRole
} from './types';

export const SLUG = 'wtpf-26';

/** The server clock at the start of every spec: 9:30 in Geneva on an illustrative first day. */
export const T0 = Date.UTC(2026, 4, 12, 7, 30);

/** Decision 641, Annex 1 (domain.md), English titles. */
export const AGENDA_TITLES = [
	'Opening of the Forum',
	'Election of the Chair',
	'Opening remarks and presentations',
	'Organization of work',
	"Presentation of the Secretary-General's report",
	"Presentation of members' observations on the report",
	'Debate',
	'Consideration of draft opinions',
	"Adoption of the Chair's report and opinions",
	'Any other business'
] as const;

export const DELEGATIONS: { id: string; name: string; category: DelegationCategory }[] = [
	{ id: 'FRA', name: 'France', category: 'member_state' },
	{ id: 'BRA', name: 'Brazil', category: 'member_state' },
	{ id: 'KEN', name: 'Kenya', category: 'member_state' },
	{ id: 'SM-X', name: 'Example Telecom (Sector Member)', category: 'sector_member' },
	{ id: 'OB-PSE', name: 'State of Palestine (observer)', category: 'observer' }
];

export const PARTICIPANTS: {
	id: string;
	name: string;
	delegationId: string | null;
	role: ParticipantRole;
}[] = [
	{ id: 'p-sg', name: 'Secretary-General', delegationId: null, role: 'secretariat' },
	{ id: 'p-sec', name: 'Secretariat officer', delegationId: null, role: 'secretariat' },
	{ id: 'p-fra-head', name: 'Head of delegation of France', delegationId: 'FRA', role: 'head' },
	{ id: 'p-bra-head', name: 'Head of delegation of Brazil', delegationId: 'BRA', role: 'head' },
	{ id: 'p-fra-delegate', name: 'Delegate of France', delegationId: 'FRA', role: 'delegate' },
	{ id: 'p-sm-x', name: 'Delegate of Example Telecom', delegationId: 'SM-X', role: 'delegate' },
	{ id: 'p-ob', name: 'Observer of Palestine', delegationId: 'OB-PSE', role: 'delegate' }
];

/** Illustrative titles for seeded draft opinions, one per WTPF-26 sub-theme. */
export const OPINION_TITLES = [
	'Bridging digital divides (illustrative)',
	'Green digital transformation (illustrative)',
	'Resilience of telecommunications/ICTs (illustrative)',
	'Space connectivity (illustrative)',
	'ICT-centric innovation ecosystems (illustrative)'
];

/** An event to apply as a given; seq and at are filled in by `given`. */
export type SeedEvent = {
	[T in EventType]: { type: T; payload: EventPayloads[T]; actor?: string | null; at?: number };
}[EventType];

/** Build a seed event with its payload typed by its type. */
export function event<T extends EventType>(
	type: T,
	payload: EventPayloads[T],
	meta: { actor?: string | null; at?: number } = {}
): SeedEvent {
	return { type, payload, ...meta } as SeedEvent;
}

let lastSeq = 0;

/** Stamp an event the rules decided (seq, at, actor), as the server does before storing it. */
export function stamp(decided: NewEvent, at: number, actor: string | null): ForumEvent {
	return stampEvent(decided, ++lastSeq, at, actor);
}

/** A new state: `state` with the given events applied (the input is not changed). */
export function given(state: ForumState, ...events: SeedEvent[]): ForumState {
	const next = structuredClone(state);
	for (const e of events) {
		apply(next, stamp({ ...e, audience: 'public' }, e.at ?? T0, e.actor ?? null));
	}
	return next;
}

/**
 * A new state: `state` changed directly by `change`. For what no command can reach yet (e.g. a
 * Chair in office before the election family exists); prefer `given` or `run` otherwise.
 */
export function patched(state: ForumState, change: (draft: ForumState) => void): ForumState {
	const next = structuredClone(state);
	change(next);
	return next;
}

export interface ForumOptions {
	/** the phase to leave the forum in: `in_session` applies `forum.opened`, `closed` both */
	phase?: ForumPhase;
	/** how many draft opinions (numbered 1…n, at most 5) are registered before opening */
	opinions?: number;
	/** participants checked in */
	present?: string[];
	/** further events applied last */
	events?: SeedEvent[];
}

/**
 * WTPF-26 set up with the 10 agenda items, opening officer `p-sg`, the delegations in
 * DELEGATIONS and the participants in PARTICIPANTS.
 */
export function forumWith(options: ForumOptions = {}): ForumState {
	return given(blankForum(SLUG), ...setUpEvents(options));
}

/** The events `forumWith` folds, in order. */
export function setUpEvents(options: ForumOptions = {}): SeedEvent[] {
	const { phase = 'preparation', opinions = 0, present = [], events = [] } = options;
	const seed: SeedEvent[] = [
		event('forum.created', {
			slug: SLUG,
			title: { en: 'World Telecommunication/ICT Policy Forum 2026', fr: 'FMPT-26' },
			theme: {
				en: 'Accelerating an inclusive, sustainable, resilient and innovative digital future'
			},
			subthemes: OPINION_TITLES.map((t) => ({ en: t.replace(' (illustrative)', '') })),
			venue: 'Geneva',
			dates: { start: '2026-05-12', end: '2026-05-14' },
			settings: DEFAULT_SETTINGS,
			openingOfficerId: 'p-sg',
			agenda: AGENDA_TITLES.map((en, i) => ({ number: i + 1, title: { en } })),
			reportTitle: 'Report of the Secretary-General'
		}),
		...DELEGATIONS.map((d) => event('delegation.registered', d)),
		...PARTICIPANTS.map(({ id, ...p }) =>
			event('participant.registered', { participantId: id, ...p })
		),
		...OPINION_TITLES.slice(0, opinions).map((title, i) =>
			event('opinion.registered', {
				number: i + 1,
				title,
				illustrative: true,
				paragraphs: [
					{ kind: 'preambular', text: 'recognizing that…' },
					{ kind: 'operative', text: 'invites Member States…' }
				]
			})
		),
		...present.map((participantId) => event('presence.checked_in', { participantId }))
	];
	if (phase !== 'preparation') seed.push(event('forum.opened', {}, { actor: 'p-sg' }));
	if (phase === 'closed') seed.push(event('forum.closed', {}, { actor: 'p-sg' }));
	return [...seed, ...events];
}

/**
 * `state` with `n` more Member States, `MS1`…`MSn` ("Member State i"), each with a head of
 * delegation `p-ms{i}-head`: enough States for quorum and voting specs.
 */
export function withMemberStates(state: ForumState, n: number): ForumState {
	const events = Array.from({ length: n }, (_, k) => k + 1).flatMap((i) => [
		event('delegation.registered', {
			id: `MS${i}`,
			name: `Member State ${i}`,
			category: 'member_state'
		}),
		event('participant.registered', {
			participantId: `p-ms${i}-head`,
			name: `Head of delegation of Member State ${i}`,
			delegationId: `MS${i}`,
			role: 'head'
		})
	]);
	return given(state, ...events);
}

/** `state` with these participants checked in. */
export function checkIn(state: ForumState, ...participantIds: string[]): ForumState {
	return given(
		state,
		...participantIds.map((id) => event('presence.checked_in', { participantId: id }))
	);
}

/**
 * The state as `viewer` sees it, as the server builds its views: `base` with only those of
 * `events` applied whose audience the viewer belongs to (judged on the state after all of them).
 */
export function viewOf(base: ForumState, events: ForumEvent[], viewer: Viewer): ForumState {
	const audiences = audiencesFor(events.reduce(evolve, base), viewer);
	const view = events.filter((e) => audiences.includes(e.audience)).reduce(evolve, base);
	// The server builds a participant's view from their group's and their own events applied last
	// (`personalView`): that must be this very state, whatever came after their own events. The
	// group's state is frozen: the view shares with it every part its own events leave alone, so an
	// evolver that changed another (one `PERSONAL_EVENT_PARTS` does not name) throws here.
	const own = (e: ForumEvent) => e.audience.startsWith('participant:');
	const group = deepFreeze(
		events.filter((e) => audiences.includes(e.audience) && !own(e)).reduce(evolve, base)
	);
	const late = personalView(
		group,
		events.filter((e) => audiences.includes(e.audience) && own(e))
	);
	if (!isDeepStrictEqual(late, view)) {
		throw new Error('a participant’s own events give another state applied after their group’s');
	}
	return view;
}

/** The participant `participantId` as the sender of a command. */
export function as(participantId: string): Actor {
	return { kind: 'participant', participantId };
}

/** The room display as the sender of a command. */
export const display: Actor = { kind: 'display' };

let lastCommandId = 0;

/** A fresh valid command id. */
export function commandId(): string {
	return `cmd-${String(++lastCommandId).padStart(6, '0')}`;
}

export type RunResult =
	| { ok: true; state: ForumState; events: ForumEvent[] }
	| { ok: false; refusal: Refusal; state: ForumState };

/**
 * Give a command: parse it (an id is added when missing; a malformed command throws, since specs
 * test parseCommand directly), decide, and if accepted apply the events stamped with the
 * context's clock and the sender. The input state is not changed.
 */
export function run(
	state: ForumState,
	actor: Actor,
	command: { type: string; [field: string]: unknown },
	context: Partial<DecisionContext> = {}
): RunResult {
	const parsed = parseCommand({ id: commandId(), ...command });
	if (!parsed.ok) throw new Error(`${command.type}: ${parsed.code}: ${parsed.message}`);
	const ctx: DecisionContext = { now: T0, ...context };
	const decision = decide(state, parsed.command, actor, ctx);
	if (!Array.isArray(decision)) return { ok: false, refusal: decision, state };
	const actorId = actor.kind === 'participant' ? actor.participantId : null;
	const events = decision.map((e) => stamp(e, ctx.now, actorId));
	const next = events.reduce(evolve, state);
	unchangedRostersUnless(state, next, events);
	rosterEntriesReplaced(state, events);
	return { ok: true, state: next, events };
}

/**
 * A page tells Svelte that a roster changed after its events without copying the roster or its
 * entries (live-forum.svelte.ts, `touch`), so the evolvers must replace a participant or a
 * delegation rather than change it in place: every command a spec gives checks that no entry that
 * was there before is changed.
 */
export function rosterEntriesReplaced(before: ForumState, events: ForumEvent[]): void {
	const state = structuredClone(before);
	const kept = ROSTERS.flatMap((roster) =>
		Object.entries(state[roster]).map(([id, entry]) => ({
			roster,
			id,
			entry: entry as object,
			was: structuredClone(entry) as object
		}))
	);
	for (const event of events) apply(state, event);
	for (const { roster, id, entry, was } of kept) {
		if (!isDeepStrictEqual(entry, was)) {
			const types = events.map((e) => e.type).join(', ');
			throw new Error(`${types} changed ${roster} ${id} in place rather than replacing it`);
		}
	}
}

/**
 * Pages tell Svelte that their participants or their delegations changed only after the events of
 * ROSTER_EVENTS (evolve.ts): every command a spec gives checks that no other event changed them.
 */
export function unchangedRostersUnless(
	before: ForumState,
	after: ForumState,
	events: ForumEvent[]
): void {
	for (const roster of ROSTERS) {
		if (events.some((e) => ROSTER_EVENTS[roster].has(e.type))) continue;
		if (!isDeepStrictEqual(before[roster], after[roster])) {
			const types = events.map((e) => e.type).join(', ');
			throw new Error(`${types} changed the ${roster} but is not in ROSTER_EVENTS.${roster}`);
		}
	}
}

/** The accepted result of `run`; throws with the refusal if it was refused. */
export function accepted(result: RunResult): { state: ForumState; events: ForumEvent[] } {
	if (!result.ok) {
		throw new Error(`Expected acceptance, got ${result.refusal.code}: ${result.refusal.message}`);
	}
	return result;
}

/** The refusal of `run`; throws if the command was accepted. */
export function refused(result: RunResult): Refusal {
	if (result.ok) {
		throw new Error(`Expected a refusal, got ${result.events.map((e) => e.type).join(', ')}`);
	}
	return result.refusal;
}

/** Give several commands in a row, each of which must be accepted; returns the final state. */
export function runAll(
	state: ForumState,
	steps: [Actor, { type: string; [field: string]: unknown }, Partial<DecisionContext>?][]
): ForumState {
	return steps.reduce(
		(s, [actor, command, context]) => accepted(run(s, actor, command, context)).state,
		state
	);
}
