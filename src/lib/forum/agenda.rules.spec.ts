import { describe, it, expect } from 'vitest';
import { AGENDA_TRANSITIONS, type AgendaCommandType } from './agenda.rules';
import { decide, parseCommand } from './rules';
import {
	accepted,
	as,
	commandId,
	event,
	forumWith,
	patched,
	refused,
	run,
	runAll,
	T0
} from './testing';
import {
	AGENDA_ITEM_STATUSES,
	DECIDED_OPINION_STATUSES,
	OPINION_STATUSES,
	type AgendaItemStatus,
	type ForumState
} from './types';

const AGENDA_COMMANDS = Object.keys(AGENDA_TRANSITIONS) as AgendaCommandType[];

/**
 * The Chair is put in office by setting `chairId` directly: the election family (item 2) does
 * not exist yet. Once it does, these states should be reached with election commands.
 */
function withChair(state: ForumState, chairId = 'p-bra-head'): ForumState {
	return patched(state, (s) => {
		s.chairId = chairId;
	});
}

/** A forum in session where `item` has been brought to `status` by its presiding officer. */
function itemIn(status: AgendaItemStatus, item: number, presiding: string, start: ForumState) {
	const open = { type: 'agenda.open', item };
	const steps: Record<AgendaItemStatus, Parameters<typeof runAll>[1]> = {
		pending: [],
		open: [[as(presiding), open]],
		suspended: [
			[as(presiding), open],
			[as(presiding), { type: 'agenda.suspend', item }]
		],
		closed: [
			[as(presiding), open],
			[as(presiding), { type: 'agenda.close', item }]
		]
	};
	const state = runAll(start, steps[status]);
	expect(state.agenda[item - 1].status).toBe(status);
	return state;
}

describe('AGENDA_TRANSITIONS', () => {
	it('is the workflow of domain.md: pending → open ⇄ suspended → closed, reopenable', () => {
		expect(AGENDA_TRANSITIONS).toEqual({
			'agenda.open': { from: ['pending', 'suspended'], to: 'open' },
			'agenda.suspend': { from: ['open'], to: 'suspended' },
			'agenda.close': { from: ['open', 'suspended'], to: 'closed' },
			'agenda.reopen': { from: ['closed'], to: 'open' }
		});
	});

	const setups = [
		{ name: 'item 1 under the opening officer', item: 1, presiding: 'p-sg', chair: false },
		{ name: 'item 5 under the Chair', item: 5, presiding: 'p-bra-head', chair: true }
	];
	const EVENT_OF: Record<AgendaCommandType, string> = {
		'agenda.open': 'agenda.item_opened',
		'agenda.suspend': 'agenda.item_suspended',
		'agenda.close': 'agenda.item_closed',
		'agenda.reopen': 'agenda.item_opened'
	};

	describe.each(setups)('$name', ({ item, presiding, chair }) => {
		const start = chair
			? withChair(forumWith({ phase: 'in_session' }), presiding)
			: forumWith({ phase: 'in_session' });
		const cases = AGENDA_COMMANDS.flatMap((type) =>
			AGENDA_ITEM_STATUSES.map((status) => ({ type, status }))
		);

		it('covers every command on every status', () => {
			expect(cases).toHaveLength(AGENDA_COMMANDS.length * AGENDA_ITEM_STATUSES.length);
			expect(cases).toHaveLength(16);
		});

		it.each(cases)('$type on a $status item', ({ type, status }) => {
			const before = itemIn(status, item, presiding, start);
			const result = run(before, as(presiding), { type, item });
			const { from, to } = AGENDA_TRANSITIONS[type];
			if (from.includes(status)) {
				const { state, events } = accepted(result);
				expect(events).toHaveLength(1);
				expect(events[0]).toMatchObject({ type: EVENT_OF[type], payload: { item } });
				expect(events[0].audience).toBe('public');
				expect(state.agenda[item - 1].status).toBe(to);
				expect(state.currentItem).toBe(to === 'open' ? item : null);
			} else {
				const refusal = refused(result);
				expect(refusal).toMatchObject({ code: 'item_wrong_state', status: 409 });
				expect(refusal.message).toContain(status);
				expect(result.state.agenda[item - 1].status).toBe(status);
			}
		});
	});

	it('tells how an item became open: opened, resumed or reopened', () => {
		const forum = forumWith({ phase: 'in_session' });
		const how = (status: AgendaItemStatus, type: AgendaCommandType) =>
			accepted(run(itemIn(status, 1, 'p-sg', forum), as('p-sg'), { type, item: 1 })).events[0]
				.payload;
		expect(how('pending', 'agenda.open')).toEqual({ item: 1, how: 'opened' });
		expect(how('suspended', 'agenda.open')).toEqual({ item: 1, how: 'resumed' });
		expect(how('closed', 'agenda.reopen')).toEqual({ item: 1, how: 'reopened' });
	});
});

describe('one plenary item at a time', () => {
	const oneOpen = () =>
		accepted(run(forumWith({ phase: 'in_session' }), as('p-sg'), { type: 'agenda.open', item: 1 }))
			.state;

	it('refuses to open another item while one is open (another_item_open)', () => {
		const refusal = refused(run(oneOpen(), as('p-sg'), { type: 'agenda.open', item: 2 }));
		expect(refusal).toMatchObject({ code: 'another_item_open', status: 409 });
		expect(refusal.message).toContain('item 1');
	});

	it('refuses to resume a suspended item while another is open', () => {
		const forum = runAll(forumWith({ phase: 'in_session' }), [
			[as('p-sg'), { type: 'agenda.open', item: 1 }],
			[as('p-sg'), { type: 'agenda.suspend', item: 1 }],
			[as('p-sg'), { type: 'agenda.open', item: 2 }]
		]);
		const refusal = refused(run(forum, as('p-sg'), { type: 'agenda.open', item: 1 }));
		expect(refusal).toMatchObject({ code: 'another_item_open', status: 409 });
	});

	it('refuses to reopen a closed item while another is open', () => {
		const forum = runAll(forumWith({ phase: 'in_session' }), [
			[as('p-sg'), { type: 'agenda.open', item: 1 }],
			[as('p-sg'), { type: 'agenda.close', item: 1 }],
			[as('p-sg'), { type: 'agenda.open', item: 2 }]
		]);
		const refusal = refused(run(forum, as('p-sg'), { type: 'agenda.reopen', item: 1 }));
		expect(refusal).toMatchObject({ code: 'another_item_open', status: 409 });
		expect(forum.agenda[0].status).toBe('closed');
	});

	it('allows the next item once the open one is suspended or closed', () => {
		for (const end of ['agenda.suspend', 'agenda.close']) {
			const ended = accepted(run(oneOpen(), as('p-sg'), { type: end, item: 1 })).state;
			expect(ended.currentItem).toBeNull();
			const next = accepted(run(ended, as('p-sg'), { type: 'agenda.open', item: 2 })).state;
			expect(next.currentItem).toBe(2);
			expect(next.agenda.filter((i) => i.status === 'open').map((i) => i.number)).toEqual([2]);
		}
	});
});

describe('items 3 to 10 need a Chair in office', () => {
	const items = [3, 4, 5, 6, 7, 8, 9, 10];

	it.each(items)('item %i is refused with chair_not_in_office while there is none', (item) => {
		const refusal = refused(
			run(forumWith({ phase: 'in_session' }), as('p-sg'), { type: 'agenda.open', item })
		);
		expect(refusal).toMatchObject({ code: 'chair_not_in_office', status: 409 });
	});

	it.each(items)('item %i can be opened by the Chair once in office', (item) => {
		const { state } = accepted(
			run(withChair(forumWith({ phase: 'in_session' })), as('p-bra-head'), {
				type: 'agenda.open',
				item
			})
		);
		expect(state.agenda[item - 1].status).toBe('open');
	});

	it.each([1, 2])('item %i needs no Chair', (item) => {
		const forum = forumWith({ phase: 'in_session' });
		expect(accepted(run(forum, as('p-sg'), { type: 'agenda.open', item })).state.currentItem).toBe(
			item
		);
	});
});

describe('item 9 needs every draft opinion decided', () => {
	const withOpinions = (...statuses: (typeof OPINION_STATUSES)[number][]) =>
		patched(withChair(forumWith({ phase: 'in_session', opinions: statuses.length })), (s) => {
			statuses.forEach((status, i) => (s.opinions[i].status = status));
		});
	const open9 = { type: 'agenda.open', item: 9 };

	it('is refused with opinions_undecided while an opinion is in_report', () => {
		const forum = withChair(forumWith({ phase: 'in_session', opinions: 2 }));
		expect(forum.opinions.map((o) => o.status)).toEqual(['in_report', 'in_report']);
		const refusal = refused(run(forum, as('p-bra-head'), open9));
		expect(refusal).toMatchObject({ code: 'opinions_undecided', status: 409 });
		expect(refusal.message).toContain('Opinion 1, Opinion 2');
	});

	it('names only the undecided opinions', () => {
		const refusal = refused(run(withOpinions('adopted', 'in_report'), as('p-bra-head'), open9));
		expect(refusal.code).toBe('opinions_undecided');
		expect(refusal.message).toContain('Opinion 2');
		expect(refusal.message).not.toContain('Opinion 1');
	});

	const undecided = OPINION_STATUSES.filter((s) => !DECIDED_OPINION_STATUSES.includes(s));
	it('counts exactly the four outcomes as decided', () => {
		expect([...DECIDED_OPINION_STATUSES].sort()).toEqual(
			['adopted', 'adopted_with_amendments', 'deferred', 'not_adopted'].sort()
		);
	});

	it.each(undecided)('is refused while one opinion is %s', (status) => {
		expect(refused(run(withOpinions('adopted', status), as('p-bra-head'), open9)).code).toBe(
			'opinions_undecided'
		);
	});

	it('opens when every opinion is decided', () => {
		const forum = withOpinions('adopted', 'adopted_with_amendments', 'not_adopted', 'deferred');
		expect(accepted(run(forum, as('p-bra-head'), open9)).state.currentItem).toBe(9);
	});

	it('applies to resuming and reopening item 9 too', () => {
		const decided = withOpinions('adopted', 'deferred');
		const suspended = runAll(decided, [
			[as('p-bra-head'), open9],
			[as('p-bra-head'), { type: 'agenda.suspend', item: 9 }]
		]);
		const closed = runAll(decided, [
			[as('p-bra-head'), open9],
			[as('p-bra-head'), { type: 'agenda.close', item: 9 }]
		]);
		const reconsidered = (s: ForumState) =>
			patched(s, (d) => {
				d.opinions[1].status = 'under_consideration';
			});
		expect(refused(run(reconsidered(suspended), as('p-bra-head'), open9)).code).toBe(
			'opinions_undecided'
		);
		expect(
			refused(run(reconsidered(closed), as('p-bra-head'), { type: 'agenda.reopen', item: 9 })).code
		).toBe('opinions_undecided');
	});
});

describe('the presiding officer', () => {
	it('is the opening officer until a Chair is in office, then the Chair', () => {
		const before = forumWith({ phase: 'in_session' });
		expect(run(before, as('p-bra-head'), { type: 'agenda.open', item: 1 })).toMatchObject({
			ok: false,
			refusal: { code: 'not_allowed', status: 403 }
		});
		const after = withChair(before);
		for (const type of AGENDA_COMMANDS) {
			expect(refused(run(after, as('p-sg'), { type, item: 1 })), type).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
		expect(
			accepted(run(after, as('p-bra-head'), { type: 'agenda.open', item: 1 })).events[0].actor
		).toBe('p-bra-head');
	});

	it.each(['p-fra-head', 'p-fra-delegate', 'p-sm-x', 'p-ob', 'p-sec'])(
		'%s, not presiding, is refused every agenda command (403)',
		(who) => {
			const forum = forumWith({
				phase: 'in_session',
				events: [event('agenda.item_opened', { item: 1, how: 'opened' })]
			});
			for (const type of AGENDA_COMMANDS) {
				expect(refused(run(forum, as(who), { type, item: 1 })), type).toMatchObject({
					code: 'not_allowed',
					status: 403
				});
			}
		}
	);

	it.each(['preparation', 'closed'] as const)(
		'cannot move items while the forum is %s (wrong_phase)',
		(phase) => {
			expect(
				refused(run(forumWith({ phase }), as('p-sg'), { type: 'agenda.open', item: 1 }))
			).toMatchObject({
				code: 'wrong_phase',
				status: 409
			});
		}
	);
});

describe('sittings', () => {
	it("record each sitting's start and end from the events' time", () => {
		const forum = runAll(forumWith({ phase: 'in_session' }), [
			[as('p-sg'), { type: 'agenda.open', item: 1 }, { now: T0 + 1_000 }],
			[as('p-sg'), { type: 'agenda.suspend', item: 1 }, { now: T0 + 2_000 }],
			[as('p-sg'), { type: 'agenda.open', item: 1 }, { now: T0 + 3_000 }],
			[as('p-sg'), { type: 'agenda.close', item: 1 }, { now: T0 + 4_000 }],
			[as('p-sg'), { type: 'agenda.reopen', item: 1 }, { now: T0 + 5_000 }]
		]);
		expect(forum.agenda[0].sittings).toEqual([
			{ openedAt: T0 + 1_000, endedAt: T0 + 2_000, endedAs: 'suspended' },
			{ openedAt: T0 + 3_000, endedAt: T0 + 4_000, endedAs: 'closed' },
			{ openedAt: T0 + 5_000, endedAt: null, endedAs: null }
		]);
		expect(forum.agenda[1].sittings).toEqual([]);
	});
});

describe('no_such_item', () => {
	it.each([0, 11, 1.5, -1])(
		'cannot be reached from outside: item %d fails parseCommand',
		(item) => {
			const parsed = parseCommand({ id: commandId(), type: 'agenda.open', item });
			expect(parsed).toMatchObject({ ok: false, code: 'malformed_command' });
		}
	);

	it('is still refused (404) if decide is handed an item that does not exist', () => {
		const refusal = decide(
			forumWith({ phase: 'in_session' }),
			{ id: commandId(), type: 'agenda.open', item: 11 },
			as('p-sg'),
			{ now: T0 }
		);
		expect(refusal).toMatchObject({ code: 'no_such_item', status: 404 });
	});
});
