import { describe, it, expect } from 'vitest';
import { accepted, as, display, event, forumWith, patched, refused, run, T0 } from './testing';

describe('forum.open', () => {
	it('the opening officer opens the forum in preparation', () => {
		const { state, events } = accepted(
			run(forumWith(), as('p-sg'), { type: 'forum.open' }, { now: T0 + 60_000 })
		);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			type: 'forum.opened',
			audience: 'public',
			actor: 'p-sg',
			at: T0 + 60_000
		});
		expect(state.phase).toBe('in_session');
		expect(state.openedAt).toBe(T0 + 60_000);
		expect(state.closedAt).toBeNull();
	});

	it('refuses a secretariat member who is not the opening officer (403)', () => {
		const refusal = refused(run(forumWith(), as('p-sec'), { type: 'forum.open' }));
		expect(refusal).toMatchObject({ code: 'not_allowed', status: 403 });
	});

	it.each(['p-fra-head', 'p-fra-delegate', 'p-sm-x', 'p-ob', 'p-nobody'])(
		'refuses %s (403)',
		(who) => {
			expect(refused(run(forumWith(), as(who), { type: 'forum.open' }))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
	);

	it('refuses the display (403)', () => {
		expect(refused(run(forumWith(), display, { type: 'forum.open' })).code).toBe('not_allowed');
	});

	it('follows the opening officer named at creation', () => {
		const appointee = patched(forumWith(), (s) => {
			s.openingOfficerId = 'p-sec';
		});
		expect(accepted(run(appointee, as('p-sec'), { type: 'forum.open' })).state.phase).toBe(
			'in_session'
		);
		expect(refused(run(appointee, as('p-sg'), { type: 'forum.open' })).code).toBe('not_allowed');
	});

	it.each(['in_session', 'closed'] as const)('is refused with wrong_phase when %s', (phase) => {
		const refusal = refused(run(forumWith({ phase }), as('p-sg'), { type: 'forum.open' }));
		expect(refusal).toMatchObject({ code: 'wrong_phase', status: 409 });
	});
});

describe('forum.close', () => {
	it('the presiding officer closes the forum when no item is open', () => {
		const { state, events } = accepted(
			run(forumWith({ phase: 'in_session' }), as('p-sg'), { type: 'forum.close' }, { now: T0 + 9 })
		);
		expect(events.map((e) => e.type)).toEqual(['forum.closed']);
		expect(events[0].audience).toBe('public');
		expect(state.phase).toBe('closed');
		expect(state.closedAt).toBe(T0 + 9);
	});

	it('is allowed once every item that was opened is closed', () => {
		const forum = forumWith({
			phase: 'in_session',
			events: [
				event('agenda.item_opened', { item: 1, how: 'opened' }),
				event('agenda.item_closed', { item: 1 })
			]
		});
		expect(accepted(run(forum, as('p-sg'), { type: 'forum.close' })).state.phase).toBe('closed');
	});

	it('is refused with item_still_open while an item is open', () => {
		const forum = forumWith({
			phase: 'in_session',
			events: [event('agenda.item_opened', { item: 1, how: 'opened' })]
		});
		const refusal = refused(run(forum, as('p-sg'), { type: 'forum.close' }));
		expect(refusal).toMatchObject({ code: 'item_still_open', status: 409 });
		expect(refusal.message).toContain('item 1');
	});

	it('is refused with item_still_open while an item is suspended', () => {
		const forum = forumWith({
			phase: 'in_session',
			events: [
				event('agenda.item_opened', { item: 2, how: 'opened' }),
				event('agenda.item_suspended', { item: 2 })
			]
		});
		const refusal = refused(run(forum, as('p-sg'), { type: 'forum.close' }));
		expect(refusal).toMatchObject({ code: 'item_still_open', status: 409 });
		expect(refusal.message).toContain('suspended');
	});

	it('belongs to the Chair once one is in office', () => {
		// No election family yet: the Chair is put in office directly.
		const forum = patched(forumWith({ phase: 'in_session' }), (s) => {
			s.chairId = 'p-bra-head';
		});
		expect(refused(run(forum, as('p-sg'), { type: 'forum.close' }))).toMatchObject({
			code: 'not_allowed',
			status: 403
		});
		expect(accepted(run(forum, as('p-bra-head'), { type: 'forum.close' })).state.phase).toBe(
			'closed'
		);
	});

	it.each(['p-sec', 'p-fra-head', 'p-sm-x'])('refuses %s (403)', (who) => {
		const refusal = refused(
			run(forumWith({ phase: 'in_session' }), as(who), { type: 'forum.close' })
		);
		expect(refusal).toMatchObject({ code: 'not_allowed', status: 403 });
	});

	it.each(['preparation', 'closed'] as const)('is refused with wrong_phase when %s', (phase) => {
		const refusal = refused(run(forumWith({ phase }), as('p-sg'), { type: 'forum.close' }));
		expect(refusal).toMatchObject({ code: 'wrong_phase', status: 409 });
	});
});
