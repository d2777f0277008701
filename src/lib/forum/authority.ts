/**
 * Whether a participant may give a command at all, by role and forum phase: what the page asks
 * to show only the controls its participant may use. The server decides with the commands
 * themselves (rules.ts); this reads the same `who` and `phases` from a table generated from them
 * (authority.generated.ts), so that a page hiding a button does not load every command's payload
 * schema (zod) and decide function.
 */
import { AUTHORITY } from './authority.generated';
import { rolesOf, type Actor, type Role } from './roles';
import type { ForumState } from './types';

/** Whether the actor's roles and the phase allow the command at all (the UI hides the rest). */
export function mayGive(state: ForumState, actor: Actor, type: string): boolean {
	return rolesMayGive(rolesOf(state, actor), state.phase, type);
}

/** The same, for roles already worked out (a page asks for many commands with the same roles). */
export function rolesMayGive(roles: Set<Role>, phase: ForumState['phase'], type: string): boolean {
	const authority = Object.hasOwn(AUTHORITY, type) ? AUTHORITY[type] : undefined;
	if (!authority) return false;
	return authority.who.some((r) => roles.has(r)) && authority.phases.includes(phase);
}
