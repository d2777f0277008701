/**
 * The forum's rules: decide(state, command, actor) → events or a refusal, and
 * apply/evolve(state, event) → state. Pure: no I/O, no clock (the time comes in the context).
 *
 * A new capability is a new family file (commands + evolvers) added to FAMILIES below.
 */
import { z } from 'zod';
import { amendmentCommands, amendmentEvolvers, type AmendmentEvents } from './amendment.rules';
import { agendaCommands, agendaEvolvers, type AgendaEvents } from './agenda.rules';
import type { Audience } from './audience';
import type {
	CommandDefinition,
	Decision,
	DecisionContext,
	EventMeta,
	Evolver,
	NewEvent
} from './define';
import { electionCommands, electionEvolvers, type ElectionEvents } from './election.rules';
import { floorCommands, floorEvolvers, type FloorEvents } from './floor.rules';
import { forumCommands, forumEvolvers, type ForumEvents } from './forum.rules';
import {
	observationCommands,
	observationEvolvers,
	type ObservationEvents
} from './observation.rules';
import { officersCommands, officersEvolvers, type OfficersEvents } from './officers.rules';
import { opinionCommands, opinionEvolvers, type OpinionEvents } from './opinion.rules';
import { presenceCommands, presenceEvolvers, type PresenceEvents } from './presence.rules';
import { NOT_ALLOWED, refuse } from './refusal';
import {
	LEAVES_RESTRICTED_SESSION,
	restrictedCommands,
	restrictedEvolvers,
	type RestrictedEvents
} from './restricted.rules';
import { rolesOf, type Actor } from './roles';
import { commandId } from './schemas';
import { setupCommands, setupEvolvers, type SetupEvents } from './setup.rules';
import type { ForumState } from './types';

const FAMILIES = [
	{ commands: forumCommands, evolvers: forumEvolvers },
	{ commands: setupCommands, evolvers: setupEvolvers },
	{ commands: agendaCommands, evolvers: agendaEvolvers },
	{ commands: presenceCommands, evolvers: presenceEvolvers },
	{ commands: electionCommands, evolvers: electionEvolvers },
	{ commands: officersCommands, evolvers: officersEvolvers },
	{ commands: floorCommands, evolvers: floorEvolvers },
	{ commands: observationCommands, evolvers: observationEvolvers },
	{ commands: opinionCommands, evolvers: opinionEvolvers },
	{ commands: amendmentCommands, evolvers: amendmentEvolvers },
	{ commands: restrictedCommands, evolvers: restrictedEvolvers }
];

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

export const COMMANDS: Record<string, CommandDefinition> = Object.fromEntries(
	FAMILIES.flatMap((f) => f.commands as CommandDefinition[]).map((c) => [c.type, c])
);
export const COMMAND_TYPES = Object.keys(COMMANDS);

const EVOLVERS = Object.assign({}, ...FAMILIES.map((f) => f.evolvers)) as Record<
	string,
	Evolver<unknown>
>;
export const EVENT_TYPES = Object.keys(EVOLVERS) as EventType[];

/** One schema per command: `{ id, type, ...payload }`, extra fields refused. */
export const COMMAND_SCHEMAS = Object.fromEntries(
	Object.values(COMMANDS).map((c) => [
		c.type,
		z.strictObject({ id: commandId, type: z.literal(c.type), ...c.payload })
	])
);

export interface Command {
	id: string;
	type: string;
	[field: string]: unknown;
}

export type ParsedCommand =
	| { ok: true; command: Command }
	| { ok: false; code: 'malformed_command' | 'unknown_command'; message: string };

/** Validate a command from the outside world. Never throws. */
export function parseCommand(input: unknown): ParsedCommand {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return { ok: false, code: 'malformed_command', message: 'A command is a JSON object.' };
	}
	const type = (input as { type?: unknown }).type;
	// Object.hasOwn, not `in`: a type such as "constructor" must not find Object.prototype's members.
	if (typeof type !== 'string' || !Object.hasOwn(COMMAND_SCHEMAS, type)) {
		return {
			ok: false,
			code: 'unknown_command',
			message: `Unknown command type${typeof type === 'string' ? ` "${type.slice(0, 60)}"` : ''}. See docs/api.md for the list.`
		};
	}
	const result = COMMAND_SCHEMAS[type].safeParse(input);
	if (!result.success) {
		const issue = result.error.issues[0];
		const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
		return { ok: false, code: 'malformed_command', message: `${where}${issue.message}` };
	}
	return { ok: true, command: result.data as Command };
}

/**
 * Decide a (parsed) command. Authorization comes first and says nothing about the forum, so a
 * sender without the right learns nothing from the refusal.
 */
export function decide(
	state: ForumState,
	command: Command,
	actor: Actor,
	context: DecisionContext
): Decision {
	const definition = Object.hasOwn(COMMANDS, command.type) ? COMMANDS[command.type] : undefined;
	if (!definition) return refuse('unknown_command', `Unknown command type "${command.type}".`, 400);
	const roles = rolesOf(state, actor);
	if (!definition.who.some((role) => roles.has(role))) return NOT_ALLOWED;
	if (!definition.phases.includes(state.phase)) {
		return refuse('wrong_phase', PHASE_MESSAGES[state.phase]);
	}
	const restricted = state.restricted.active && !LEAVES_RESTRICTED_SESSION.has(command.type);
	if (restricted && !roles.has('member_state') && !roles.has('secretariat')) {
		return RESTRICTED_SESSION_REFUSAL;
	}
	const { id: _id, type: _type, ...payload } = command;
	const decision = definition.decide(
		state,
		payload,
		{ ...actor, roles },
		{ ...context, commandId: command.id }
	);
	if (!restricted || !Array.isArray(decision)) return decision;
	// While the session for Member States only runs, nothing decided in it is public.
	return decision.map((e) => (e.audience === 'public' ? { ...e, audience: 'member_states' } : e));
}

const RESTRICTED_SESSION_REFUSAL = refuse(
	'restricted_session',
	'A session for Member States only is in progress. You can take part again when the open session resumes.',
	403
);

const PHASE_MESSAGES: Record<ForumState['phase'], string> = {
	preparation: 'The forum has not been opened yet: this can be done only once it is in session.',
	in_session: 'The forum is in session: this could be done only during the preparatory period.',
	closed: 'The forum is closed: nothing more can be done in it.'
};

/** Apply an event to a state the caller owns (changes it in place). Throws on an unknown type. */
export function apply(state: ForumState, event: ForumEvent): void {
	const evolver = Object.hasOwn(EVOLVERS, event.type) ? EVOLVERS[event.type] : undefined;
	if (!evolver) throw new Error(`Unknown event type ${event.type} at seq ${event.seq}`);
	const meta: EventMeta = { seq: event.seq, at: event.at, actor: event.actor };
	evolver(state, event.payload, meta);
}

/** The pure form: a new state, the old one untouched. */
export function evolve(state: ForumState, event: ForumEvent): ForumState {
	const next = structuredClone(state);
	apply(next, event);
	return next;
}

/** Whether the actor's roles and the phase allow the command at all (the UI hides the rest). */
export function mayGive(state: ForumState, actor: Actor, type: string): boolean {
	const definition = Object.hasOwn(COMMANDS, type) ? COMMANDS[type] : undefined;
	if (!definition) return false;
	const roles = rolesOf(state, actor);
	return definition.who.some((r) => roles.has(r)) && definition.phases.includes(state.phase);
}
