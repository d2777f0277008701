/**
 * The events' half of the rules: given a state and an event, the next state. This is all a page
 * needs to follow the forum live, so it is kept apart from the commands (rules.ts), whose payload
 * schemas (zod) and decide functions stay on the server: importing this module does not bring
 * them into the page's JavaScript.
 */
import { amendmentEvolvers, type AmendmentEvents } from './amendment.rules';
import { agendaEvolvers, type AgendaEvents } from './agenda.rules';
import type { Audience } from './audience';
import type { EventMeta, Evolver, NewEvent } from './define';
import { electionEvolvers, type ElectionEvents } from './election.rules';
import { floorEvolvers, type FloorEvents } from './floor.rules';
import { forumEvolvers, type ForumEvents } from './forum.rules';
import { observationEvolvers, type ObservationEvents } from './observation.rules';
import { officersEvolvers, type OfficersEvents } from './officers.rules';
import { opinionEvolvers, type OpinionEvents } from './opinion.rules';
import { presenceEvolvers, type PresenceEvents } from './presence.rules';
import { restrictedEvolvers, type RestrictedEvents } from './restricted.rules';
import { setupEvolvers, type SetupEvents } from './setup.rules';
import type { ForumState } from './types';

export type EventPayloads = ForumEvents &
	SetupEvents &
	AgendaEvents &
	PresenceEvents &
	ElectionEvents &
	OfficersEvents &
	FloorEvents &
	ObservationEvents &
	OpinionEvents &
	AmendmentEvents &
	RestrictedEvents;
export type EventType = keyof EventPayloads;

/**
 * An event as stored in the log and sent to clients: a union over the event types, so that
 * checking `type` narrows `payload`.
 */
export type ForumEvent<T extends EventType = EventType> = {
	[K in T]: {
		seq: number;
		type: K;
		payload: EventPayloads[K];
		audience: Audience;
		/** the participant whose command caused it; null for the server itself */
		actor: string | null;
		/** server time, epoch milliseconds */
		at: number;
	};
}[T];

/** A decided event, numbered and dated: what the log stores. */
export function stampEvent(
	decided: NewEvent,
	seq: number,
	at: number,
	actor: string | null
): ForumEvent {
	return {
		seq,
		type: decided.type,
		payload: decided.payload,
		audience: decided.audience,
		actor,
		at
	} as ForumEvent;
}

const EVOLVERS = Object.assign(
	{},
	forumEvolvers,
	setupEvolvers,
	agendaEvolvers,
	presenceEvolvers,
	electionEvolvers,
	officersEvolvers,
	floorEvolvers,
	observationEvolvers,
	opinionEvolvers,
	amendmentEvolvers,
	restrictedEvolvers
) as Record<string, Evolver<unknown>>;
export const EVENT_TYPES = Object.keys(EVOLVERS) as EventType[];

/**
 * Of the events that change the participants, those that change only whether one is present:
 * every other one may change who is on the roster, or their name, delegation or role.
 */
export const PRESENCE_EVENTS: ReadonlySet<EventType> = new Set<EventType>([
	'presence.checked_in',
	'presence.checked_out'
]);

/**
 * The forum's two large maps, and the events whose evolvers change each (every rules spec checks
 * that no other event does: testing.ts, `unchangedRostersUnless`). A page keeps them outside
 * Svelte's deep reactivity, which would make a proxy and a signal for each of 5,000 participants
 * and 541 delegations it reads, and tells Svelte that a map changed after one of its events
 * (src/lib/client/live-forum.svelte.ts, `touch`). So these evolvers replace an entry rather than
 * change it in place: what read the old one then sees a new object (`rosterEntriesReplaced`).
 */
export const ROSTER_EVENTS: Readonly<
	Record<'participants' | 'delegations', ReadonlySet<EventType>>
> = {
	participants: new Set<EventType>(['participant.registered', ...PRESENCE_EVENTS]),
	delegations: new Set<EventType>(['delegation.registered'])
};
export type Roster = keyof typeof ROSTER_EVENTS;
export const ROSTERS = Object.keys(ROSTER_EVENTS) as Roster[];

/** Apply an event to a state the caller owns (changes it in place). Throws on an unknown type. */
export function apply(state: ForumState, event: ForumEvent): void {
	const evolver = Object.hasOwn(EVOLVERS, event.type) ? EVOLVERS[event.type] : undefined;
	if (!evolver) throw new Error(`Unknown event type ${event.type} at seq ${event.seq}`);
	const meta: EventMeta = { seq: event.seq, at: event.at, actor: event.actor };
	evolver(state, event.payload, meta);
}

/**
 * The events addressed to one participant alone (their ballots), and the one part of the state each
 * one's evolver changes: a participant's own view copies only those parts (`personalView`).
 * testing.ts `viewOf` checks, in every rules spec that folds a view, that applying them leaves the
 * rest of the group's state as it was.
 */
export const PERSONAL_EVENT_PARTS: Readonly<Partial<Record<EventType, keyof ForumState>>> = {
	'election.ballot_cast': 'election',
	'restricted.ballot_cast': 'restricted'
};

/**
 * A participant's own view: the view of their group (every event they may see, less those addressed
 * to them alone) with the events addressed to them alone applied after it, whatever came between.
 * Those events (their ballots) have evolvers that give the same state applied late as in order: a
 * ballot finds the vote or round it was cast in by its sequence number. testing.ts `viewOf` checks
 * it in every rules spec. The server builds a view so from the group's state it keeps and a few
 * rows, not from the whole log (forum.service.ts `prepareView`).
 *
 * The view shares every part its events do not change with `groupView` (the roster of thousands
 * above all): the caller reads it and does not change it, as it would the group's state itself.
 * The parts they change are copied through JSON first; an event `PERSONAL_EVENT_PARTS` does not
 * name makes it a copy of the whole state.
 */
export function personalView(groupView: ForumState, ownEvents: ForumEvent[]): ForumState {
	if (ownEvents.some((event) => PERSONAL_EVENT_PARTS[event.type] === undefined)) {
		// Copied through JSON, the form a state travels in: its short strings repeated thousands of
		// times (roles, delegations) come back shared, where structuredClone copies each one.
		const whole = JSON.parse(JSON.stringify(groupView)) as ForumState;
		for (const event of ownEvents) apply(whole, event);
		return whole;
	}
	const view = { ...groupView };
	const copied = new Set<keyof ForumState>();
	for (const event of ownEvents) {
		const part = PERSONAL_EVENT_PARTS[event.type]!;
		if (!copied.has(part)) {
			copyPart(view, groupView, part);
			copied.add(part);
		}
		apply(view, event);
	}
	return view;
}

function copyPart<K extends keyof ForumState>(view: ForumState, from: ForumState, part: K): void {
	view[part] = JSON.parse(JSON.stringify(from[part])) as ForumState[K];
}

/** The pure form: a new state, the old one untouched. */
export function evolve(state: ForumState, event: ForumEvent): ForumState {
	const next = structuredClone(state);
	apply(next, event);
	return next;
}
