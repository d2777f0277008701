/**
 * The forum's rules: decide(state, command, actor) → events or a refusal, and
 * apply/evolve(state, event) → state (evolve.ts, re-exported here). Pure: no I/O, no clock (the
 * time comes in the context).
 *
 * A new capability is a new family file (commands + evolvers): its commands go in FAMILIES below,
 * its evolvers in evolve.ts.
 */
import { z } from 'zod';
import { amendmentCommands } from './amendment.rules';
import { agendaCommands } from './agenda.rules';
import type { CommandDefinition, Decision, DecisionContext } from './define';
import { electionCommands } from './election.rules';
import { floorCommands } from './floor.rules';
import { forumCommands } from './forum.rules';
import { observationCommands } from './observation.rules';
import { officersCommands } from './officers.rules';
import { opinionCommands } from './opinion.rules';
import { presenceCommands } from './presence.rules';
import { NOT_ALLOWED, refuse } from './refusal';
import { LEAVES_RESTRICTED_SESSION, restrictedCommands } from './restricted.rules';
import { rolesOf, type Actor } from './roles';
import { commandId } from './schemas';
import { setupCommands } from './setup.rules';
import type { ForumState } from './types';

export {
	apply,
	evolve,
	EVENT_TYPES,
	personalView,
	stampEvent,
	type EventPayloads,
	type EventType,
	type ForumEvent
} from './evolve';
export { mayGive } from './authority';

/**
 * Each family gives its commands through a function, called here once: a page imports family
 * files for their evolvers and helpers (evolve.ts), and its bundle must not build, nor carry, the
 * commands' payload schemas (zod). Schemas shared at a file's top level carry a `#__PURE__`
 * annotation for the same reason: unused, the bundler drops them.
 */
const FAMILIES = [
	forumCommands,
	setupCommands,
	agendaCommands,
	presenceCommands,
	electionCommands,
	officersCommands,
	floorCommands,
	observationCommands,
	opinionCommands,
	amendmentCommands,
	restrictedCommands
];

export const COMMANDS: Record<string, CommandDefinition> = Object.fromEntries(
	FAMILIES.flatMap((commands) => commands() as CommandDefinition[]).map((c) => [c.type, c])
);
export const COMMAND_TYPES = Object.keys(COMMANDS);

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
