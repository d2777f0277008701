import { describe, expect, it } from 'vitest';
import {
	CONTEXTUAL,
	isContextual,
	kindHoldsRoleFor,
	kindMayGive,
	PARTICIPANT_KINDS,
	representativeForum,
	representativeOf,
	STAGES
} from './authorization';
import { apply, COMMANDS, decide, stampEvent } from './rules';
import type { ForumState } from './types';

/** The representative forum at a stage: the phase reached by the events that reach it. */
function forumAt(phase: ForumState['phase'], chairInOffice: boolean): ForumState {
	const state = representativeForum(chairInOffice);
	const events = {
		preparation: [],
		in_session: ['forum.opened'],
		closed: ['forum.opened', 'forum.closed']
	}[phase];
	events.forEach((type, i) =>
		apply(state, stampEvent({ type, payload: {}, audience: 'public' }, 1000 + i, 0, null))
	);
	return state;
}

describe('the authorization matrix', () => {
	it('names real commands as contextual', () => {
		for (const type of Object.keys(CONTEXTUAL)) expect(Object.keys(COMMANDS)).toContain(type);
	});

	it('gives the display no command and the Chair every presiding officer’s command', () => {
		for (const type of Object.keys(COMMANDS)) {
			for (const stage of STAGES) expect(kindMayGive('display', type, stage)).toBe(false);
			const presiding = COMMANDS[type].who.includes('presiding_officer');
			expect(kindHoldsRoleFor('chair', type, true) || !presiding).toBe(true);
		}
	});

	// The same check as tests/integration/authorization.test.ts, on the rules alone: every command
	// with its example, from every kind, at every stage.
	for (const stage of STAGES) {
		it(`agrees with decide in every cell: ${stage.phase}, Chair in office: ${stage.chairInOffice}`, () => {
			const state = forumAt(stage.phase, stage.chairInOffice);
			const wrong: string[] = [];
			for (const kind of PARTICIPANT_KINDS) {
				const may = (type: string) => kindMayGive(kind, type, stage);
				for (const [type, definition] of Object.entries(COMMANDS)) {
					if (may(type) === undefined) continue;
					const command = { id: 'matrix-0001', type, ...definition.example };
					const decision = decide(state, command, representativeOf(kind), { now: 0 });
					const code = Array.isArray(decision) ? 'ok' : decision.code;
					const holds = kindHoldsRoleFor(kind, type, stage.chairInOffice);
					const expected = !holds ? 'not_allowed' : !may(type) ? 'wrong_phase' : null;
					if (
						expected
							? code !== expected
							: code === 'not_allowed' && !isContextual(kind, type, stage.chairInOffice)
					) {
						wrong.push(`${kind} ${type}: ${code}, expected ${expected ?? 'not not_allowed'}`);
					}
				}
			}
			expect(wrong).toEqual([]);
		});
	}
});
