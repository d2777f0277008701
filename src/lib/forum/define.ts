/**
 * How a family of commands is declared. A family (forum, agenda, presence, …) is one file that
 * exports its command definitions and the evolvers of its events; rules.ts lists the families.
 */
import type { z } from 'zod';
import type { Audience } from './audience';
import type { Refusal } from './refusal';
import type { Actor, Role } from './roles';
import type { ForumPhase, ForumState } from './types';

/** What the rules may know besides the state: the server's clock and ids it has reserved. */
export interface DecisionContext {
	now: number;
	/** for `participant.register`: the account id of the email given (existing or reserved) */
	accountId?: string;
	/** the command's own id (set by decide): names what it creates, e.g. a request for the floor */
	commandId?: string;
}

export interface NewEvent<P = unknown> {
	type: string;
	payload: P;
	audience: Audience;
}

export type Decision = NewEvent[] | Refusal;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyShape = Record<string, any>;

export interface CommandDefinition<Shape extends AnyShape = AnyShape> {
	type: string;
	/** one line for docs/api.md */
	summary: string;
	/** the command's fields besides `id` and `type`, as zod schemas (extra fields are refused) */
	payload: Shape;
	/** the sender must hold at least one of these roles */
	who: readonly Role[];
	/** the forum phases in which the command can be given at all */
	phases: readonly ForumPhase[];
	/** an example body for POST /commands, without `id` (docs/api.md) */
	example: Record<string, unknown>;
	decide(
		state: ForumState,
		command: z.infer<z.ZodObject<Shape>>,
		actor: Actor & { roles: Set<Role> },
		context: DecisionContext
	): Decision;
}

export function command<Shape extends AnyShape>(
	definition: CommandDefinition<Shape>
): CommandDefinition<Shape> {
	return definition;
}

/** The metadata every stored event has, passed to evolvers. */
export interface EventMeta {
	seq: number;
	at: number;
	actor: string | null;
}

/** Evolvers change the state in place: callers own the object they pass (see rules.ts). */
export type Evolver<P> = (state: ForumState, payload: P, meta: EventMeta) => void;
export type Evolvers<Payloads> = { [Type in keyof Payloads]: Evolver<Payloads[Type]> };

export function isRefusal(decision: Decision): decision is Refusal {
	return !Array.isArray(decision);
}
