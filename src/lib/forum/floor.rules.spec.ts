import { describe, it, expect } from 'vitest';
import { PROCEDURAL_CAP_SECONDS, remainingMs, speakingOrder } from './floor.rules';
import { parseCommand, type ForumEvent } from './rules';
import {
	accepted,
	as,
	display,
	forumWith,
	patched,
	refused,
	run,
	runAll,
	T0,
	withMemberStates
} from './testing';
import type { FloorKind, ForumState, Speech } from './types';

const request = (kind: FloorKind, extra: Record<string, unknown> = {}) => ({
	type: 'floor.request',
	kind,
	...extra
});
const giveFloor = (requestId: string, extra: Record<string, unknown> = {}) => ({
	type: 'floor.give',
	requestId,
	...extra
});
const PAUSE = { type: 'floor.pause' };
const RESUME = { type: 'floor.resume' };
const END = { type: 'floor.end' };
const CLOSE_LIST = { type: 'floor.close_list' };
const REOPEN_LIST = { type: 'floor.reopen_list' };
const seconds = (s: number) => s * 1000;

/** The opening officer presides over items 1–2 (domain.md). */
const OPENING_OFFICER = 'p-sg';
/** Member State 1's head, put in office as Chair where an item ≥ 3 is needed. */
const CHAIR = 'p-ms1-head';

/** In session, item 1 open under the opening officer. */
function underItem1(): ForumState {
	const state = forumWith({ phase: 'in_session' });
	return accepted(run(state, as(OPENING_OFFICER), { type: 'agenda.open', item: 1 })).state;
}

/** In session with a Chair in office (set directly, as the election is not under test here). */
function withChair(): ForumState {
	return patched(withMemberStates(forumWith({ phase: 'in_session' }), 1), (s) => {
		s.chairId = CHAIR;
	});
}

/** Item 7 (Debate) open under the Chair. */
function underItem7(): ForumState {
	return accepted(run(withChair(), as(CHAIR), { type: 'agenda.open', item: 7 })).state;
}

/** The ids of the waiting requests of `item`, in the order they were made. */
const requestIds = (state: ForumState, item: number) =>
	(state.floor[item]?.requests ?? []).map((r) => r.id);

/** A request made by `who` under the open item; returns the state and the request's id. */
function requested(
	state: ForumState,
	who: string,
	kind: FloorKind,
	extra: Record<string, unknown> = {},
	now = T0
): { state: ForumState; id: string } {
	const result = accepted(run(state, as(who), request(kind, extra), { now }));
	const [e] = result.events;
	if (e.type !== 'floor.requested') throw new Error(`expected floor.requested, got ${e.type}`);
	return { state: result.state, id: (e as ForumEvent<'floor.requested'>).payload.request.id };
}

/** Under item 1, France's head has the floor for a statement since T0. */
function speaking(): { state: ForumState; id: string } {
	const { state, id } = requested(underItem1(), 'p-fra-head', 'statement');
	return { state: accepted(run(state, as(OPENING_OFFICER), giveFloor(id), { now: T0 })).state, id };
}

describe('floor.request', () => {
	it('puts a statement on the list of the open item, public, with its capacity and time', () => {
		const { state, events } = accepted(
			run(underItem1(), as('p-bra-head'), request('statement', { onBehalfOf: 'African Group' }), {
				now: T0 + 5_000
			})
		);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			type: 'floor.requested',
			audience: 'public',
			actor: 'p-bra-head',
			payload: {
				item: 1,
				request: {
					participantId: 'p-bra-head',
					delegationId: 'BRA',
					kind: 'statement',
					capacity: { onBehalfOf: 'African Group' },
					requestedAt: T0 + 5_000,
					addedBy: null
				}
			}
		});
		expect(state.floor[1]).toMatchObject({
			item: 1,
			closed: false,
			limitSeconds: 180,
			current: null,
			speeches: []
		});
		expect(state.floor[1].requests).toHaveLength(1);
	});

	it('names the request by the command id', () => {
		const { state, events } = accepted(
			run(underItem1(), as('p-fra-head'), { id: 'floor-req-0001', ...request('statement') })
		);
		expect(events[0].payload).toMatchObject({ request: { id: 'floor-req-0001' } });
		expect(requestIds(state, 1)).toEqual(['floor-req-0001']);
	});

	it('speaks for one’s own delegation when no group is named', () => {
		const { state } = requested(underItem1(), 'p-fra-head', 'statement');
		expect(state.floor[1].requests[0].capacity).toEqual({ onBehalfOf: null });
	});

	it('refuses a second statement from the same delegation, by any of its delegates (already_on_list)', () => {
		const { state } = requested(underItem1(), 'p-fra-head', 'statement');
		for (const who of ['p-fra-head', 'p-fra-delegate']) {
			const refusal = refused(run(state, as(who), request('statement')));
			expect(refusal).toMatchObject({ code: 'already_on_list', status: 409 });
			expect(refusal.message).toContain('France');
		}
	});

	it('refuses a second statement from a participant without delegation (already_on_list)', () => {
		const { state } = requested(underItem1(), 'p-sec', 'statement');
		expect(refused(run(state, as('p-sec'), request('statement')))).toMatchObject({
			code: 'already_on_list',
			status: 409
		});
	});

	it('accepts a point of order and a right of reply from a delegation already on the list', () => {
		let { state } = requested(underItem1(), 'p-fra-head', 'statement');
		state = requested(state, 'p-fra-delegate', 'point_of_order').state;
		state = requested(state, 'p-fra-head', 'right_of_reply').state;
		expect(state.floor[1].requests.map((r) => [r.participantId, r.kind])).toEqual([
			['p-fra-head', 'statement'],
			['p-fra-delegate', 'point_of_order'],
			['p-fra-head', 'right_of_reply']
		]);
	});

	it('accepts a statement again once the delegation’s request was withdrawn or given', () => {
		const first = requested(underItem1(), 'p-fra-head', 'statement');
		const withdrawn = accepted(
			run(first.state, as('p-fra-head'), { type: 'floor.withdraw', requestId: first.id })
		).state;
		requested(withdrawn, 'p-fra-delegate', 'statement');
		const given = accepted(run(first.state, as(OPENING_OFFICER), giveFloor(first.id))).state;
		requested(given, 'p-fra-delegate', 'statement');
	});

	it.each(['point_of_order', 'right_of_reply'] as const)(
		'refuses a second %s from the same participant (already_requested)',
		(kind) => {
			const { state } = requested(underItem1(), 'p-fra-delegate', kind);
			expect(refused(run(state, as('p-fra-delegate'), request(kind)))).toMatchObject({
				code: 'already_requested',
				status: 409
			});
			// another delegate of the same delegation may still ask for the same
			requested(state, 'p-fra-head', kind);
		}
	);

	it('may pre-inscribe on a pending item named by `item`', () => {
		const { state, events } = accepted(
			run(underItem1(), as('p-bra-head'), request('statement', { item: 7 }))
		);
		expect(events[0].payload).toMatchObject({ item: 7 });
		expect(state.agenda[6].status).toBe('pending');
		expect(state.floor[7].requests.map((r) => r.participantId)).toEqual(['p-bra-head']);
		expect(state.floor[1]).toBeUndefined();
	});

	it('may pre-inscribe when no item is open, and the request is given once the item opens', () => {
		const { state, id } = requested(withChair(), 'p-bra-head', 'statement', { item: 7 });
		const opened = runAll(state, [
			[as(CHAIR), { type: 'agenda.open', item: 7 }],
			[as(CHAIR), giveFloor(id)]
		]);
		expect(opened.floor[7].current).toMatchObject({ requestId: id, participantId: 'p-bra-head' });
	});

	it('accepts requests on a suspended item', () => {
		const suspended = accepted(
			run(underItem1(), as(OPENING_OFFICER), { type: 'agenda.suspend', item: 1 })
		).state;
		const { state } = requested(suspended, 'p-bra-head', 'statement', { item: 1 });
		expect(state.floor[1].requests).toHaveLength(1);
	});

	it('refuses requests on a closed item (item_closed)', () => {
		const closed = accepted(
			run(underItem1(), as(OPENING_OFFICER), { type: 'agenda.close', item: 1 })
		).state;
		for (const kind of ['statement', 'point_of_order', 'right_of_reply'] as const) {
			const refusal = refused(run(closed, as('p-bra-head'), request(kind, { item: 1 })));
			expect(refusal).toMatchObject({ code: 'item_closed', status: 409 });
		}
	});

	it('refuses a request without item when no item is open (no_item_open)', () => {
		const state = forumWith({ phase: 'in_session' });
		expect(refused(run(state, as('p-bra-head'), request('statement')))).toMatchObject({
			code: 'no_item_open',
			status: 409
		});
	});

	it('refuses an item number outside the agenda as malformed', () => {
		const parsed = parseCommand({ id: 'cmd-floor-1', ...request('statement', { item: 11 }) });
		expect(parsed).toMatchObject({ ok: false, code: 'malformed_command' });
	});

	it('lets the presiding officer add someone (addedBy set), but not a delegate (403)', () => {
		const { state, events } = accepted(
			run(underItem1(), as(OPENING_OFFICER), request('statement', { participantId: 'p-ob' }))
		);
		expect(events[0].payload).toMatchObject({
			request: { participantId: 'p-ob', delegationId: 'OB-PSE', addedBy: OPENING_OFFICER }
		});
		expect(state.floor[1].requests).toHaveLength(1);
		for (const kind of ['statement', 'point_of_order', 'right_of_reply'] as const) {
			expect(
				refused(run(underItem1(), as('p-fra-head'), request(kind, { participantId: 'p-bra-head' })))
			).toMatchObject({ code: 'not_allowed', status: 403 });
		}
	});

	it('sets no addedBy when someone names themself as participantId', () => {
		const { state } = requested(underItem1(), 'p-fra-head', 'statement', {
			participantId: 'p-fra-head'
		});
		expect(state.floor[1].requests[0].addedBy).toBeNull();
	});

	it('refuses to add someone who is not a participant (404)', () => {
		expect(
			refused(
				run(underItem1(), as(OPENING_OFFICER), request('statement', { participantId: 'p-nobody' }))
			)
		).toMatchObject({ code: 'no_such_participant', status: 404 });
	});

	it('is refused in preparation and once the forum is closed (wrong_phase)', () => {
		for (const phase of ['preparation', 'closed'] as const) {
			const refusal = refused(run(forumWith({ phase }), as('p-fra-head'), request('statement')));
			expect(refusal).toMatchObject({ code: 'wrong_phase', status: 409 });
		}
	});

	it('is refused to the room display (403)', () => {
		expect(refused(run(underItem1(), display, request('statement')))).toMatchObject({
			code: 'not_allowed',
			status: 403
		});
	});
});

describe('speakingOrder', () => {
	it('is empty for an item without list', () => {
		expect(speakingOrder(undefined)).toEqual([]);
		expect(speakingOrder(underItem1().floor[1])).toEqual([]);
	});

	it('puts points of order first, in their own order, before earlier statements', () => {
		let state = underItem1();
		const ids: Record<string, string> = {};
		for (const [name, who, kind] of [
			['fra', 'p-fra-head', 'statement'],
			['bra', 'p-bra-head', 'statement'],
			['po1', 'p-sm-x', 'point_of_order'],
			['sm', 'p-sm-x', 'statement'],
			['po2', 'p-fra-delegate', 'point_of_order']
		] as const) {
			const made = requested(state, who, kind);
			state = made.state;
			ids[name] = made.id;
		}
		expect(speakingOrder(state.floor[1]).map((r) => r.id)).toEqual([
			ids.po1,
			ids.po2,
			ids.fra,
			ids.bra,
			ids.sm
		]);
		// the list itself keeps the order of the requests
		expect(requestIds(state, 1)).toEqual([ids.fra, ids.bra, ids.po1, ids.sm, ids.po2]);
	});

	it('keeps rights of reply in the order they were asked, among the statements', () => {
		let state = underItem1();
		const ids: string[] = [];
		for (const [who, kind] of [
			['p-fra-head', 'statement'],
			['p-bra-head', 'right_of_reply'],
			['p-sm-x', 'statement'],
			['p-ob', 'right_of_reply'],
			['p-ob', 'point_of_order']
		] as const) {
			const made = requested(state, who, kind);
			state = made.state;
			ids.push(made.id);
		}
		expect(speakingOrder(state.floor[1]).map((r) => r.id)).toEqual([
			ids[4],
			ids[0],
			ids[1],
			ids[2],
			ids[3]
		]);
	});
});

describe('floor.close_list and floor.reopen_list', () => {
	const closedList = () => accepted(run(underItem1(), as(OPENING_OFFICER), CLOSE_LIST)).state;

	it('closes the list of the open item (public event), and reopens it', () => {
		const { state, events } = accepted(run(underItem1(), as(OPENING_OFFICER), CLOSE_LIST));
		expect(events).toEqual([
			expect.objectContaining({
				type: 'floor.list_closed',
				payload: { item: 1 },
				audience: 'public'
			})
		]);
		expect(state.floor[1].closed).toBe(true);
		const reopened = accepted(run(state, as(OPENING_OFFICER), REOPEN_LIST));
		expect(reopened.events[0]).toMatchObject({
			type: 'floor.list_reopened',
			payload: { item: 1 }
		});
		expect(reopened.state.floor[1].closed).toBe(false);
		requested(reopened.state, 'p-bra-head', 'statement');
	});

	it('refuses closing twice and reopening an open list', () => {
		expect(refused(run(closedList(), as(OPENING_OFFICER), CLOSE_LIST))).toMatchObject({
			code: 'list_already_closed',
			status: 409
		});
		expect(refused(run(underItem1(), as(OPENING_OFFICER), REOPEN_LIST))).toMatchObject({
			code: 'list_not_closed',
			status: 409
		});
	});

	it('may close the list of a pending item ahead of its debate', () => {
		const state = accepted(
			run(underItem1(), as(OPENING_OFFICER), { ...CLOSE_LIST, item: 7 })
		).state;
		expect(state.floor[7].closed).toBe(true);
		expect(refused(run(state, as('p-bra-head'), request('statement', { item: 7 }))).code).toBe(
			'list_closed'
		);
	});

	it.each([CLOSE_LIST, REOPEN_LIST])('$type is the presiding officer’s only (403)', (command) => {
		const state = command === CLOSE_LIST ? underItem1() : closedList();
		for (const who of ['p-fra-head', 'p-sec']) {
			expect(refused(run(state, as(who), command))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
	});

	it.each(['statement', 'right_of_reply'] as const)(
		'refuses a delegate’s %s once the list is closed (list_closed)',
		(kind) => {
			const refusal = refused(run(closedList(), as('p-bra-head'), request(kind)));
			expect(refusal).toMatchObject({ code: 'list_closed', status: 409 });
			expect(refusal.message).toContain('presiding officer');
		}
	);

	it('still accepts a point of order once the list is closed', () => {
		const { state } = requested(closedList(), 'p-bra-head', 'point_of_order');
		expect(state.floor[1].requests.map((r) => r.kind)).toEqual(['point_of_order']);
	});

	it('lets the presiding officer add a right of reply for someone once the list is closed', () => {
		const { state, events } = accepted(
			run(
				closedList(),
				as(OPENING_OFFICER),
				request('right_of_reply', { participantId: 'p-bra-head' }),
				{ now: T0 + 60_000 }
			)
		);
		expect(events[0].payload).toMatchObject({
			item: 1,
			request: {
				participantId: 'p-bra-head',
				delegationId: 'BRA',
				kind: 'right_of_reply',
				requestedAt: T0 + 60_000,
				addedBy: OPENING_OFFICER
			}
		});
		expect(state.floor[1].requests).toHaveLength(1);
	});

	it('refuses a statement the presiding officer would add once the list is closed (list_closed)', () => {
		expect(
			refused(
				run(
					closedList(),
					as(OPENING_OFFICER),
					request('statement', { participantId: 'p-bra-head' })
				)
			)
		).toMatchObject({ code: 'list_closed', status: 409 });
	});

	it('refuses a delegate adding a right of reply for someone else (403)', () => {
		expect(
			refused(
				run(
					closedList(),
					as('p-fra-head'),
					request('right_of_reply', { participantId: 'p-bra-head' })
				)
			)
		).toMatchObject({ code: 'not_allowed', status: 403 });
	});
});

describe('floor.give', () => {
	it('gives the floor: the request leaves the list and becomes the current speech', () => {
		const first = requested(underItem1(), 'p-fra-head', 'statement', {
			onBehalfOf: 'European Union'
		});
		const second = requested(first.state, 'p-bra-head', 'statement');
		const { state, events } = accepted(
			run(second.state, as(OPENING_OFFICER), giveFloor(first.id), { now: T0 + 10_000 })
		);
		expect(events).toEqual([
			expect.objectContaining({
				type: 'floor.given',
				payload: { item: 1, requestId: first.id, limitSeconds: 180 },
				audience: 'public',
				at: T0 + 10_000
			})
		]);
		expect(state.floor[1].current).toEqual({
			requestId: first.id,
			participantId: 'p-fra-head',
			delegationId: 'FRA',
			kind: 'statement',
			capacity: { onBehalfOf: 'European Union' },
			item: 1,
			limitSeconds: 180,
			startedAt: T0 + 10_000,
			pausedAt: null,
			pausedMs: 0,
			endedAt: null
		});
		expect(requestIds(state, 1)).toEqual([second.id]);
	});

	it('may give the floor out of speaking order', () => {
		const first = requested(underItem1(), 'p-fra-head', 'statement');
		const point = requested(first.state, 'p-bra-head', 'point_of_order');
		const state = accepted(run(point.state, as(OPENING_OFFICER), giveFloor(first.id))).state;
		expect(state.floor[1].current?.requestId).toBe(first.id);
		expect(requestIds(state, 1)).toEqual([point.id]);
	});

	it('ends the speech in progress first: two events, the ended speech kept in speeches', () => {
		const { state: speakingState, id: fraId } = speaking();
		const bra = requested(speakingState, 'p-bra-head', 'statement');
		const { state, events } = accepted(
			run(bra.state, as(OPENING_OFFICER), giveFloor(bra.id), { now: T0 + 150_000 })
		);
		expect(events.map((e) => [e.type, e.payload])).toEqual([
			['floor.speech_ended', { item: 1 }],
			['floor.given', { item: 1, requestId: bra.id, limitSeconds: 180 }]
		]);
		expect(state.floor[1].speeches).toEqual([
			expect.objectContaining({
				requestId: fraId,
				participantId: 'p-fra-head',
				startedAt: T0,
				endedAt: T0 + 150_000
			})
		]);
		expect(state.floor[1].current).toMatchObject({
			requestId: bra.id,
			startedAt: T0 + 150_000,
			endedAt: null
		});
	});

	it('is the presiding officer’s only (403), whoever else asks', () => {
		const { state, id } = requested(underItem1(), 'p-fra-head', 'statement');
		for (const who of ['p-fra-head', 'p-bra-head', 'p-sec']) {
			expect(refused(run(state, as(who), giveFloor(id)))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
		expect(refused(run(state, display, giveFloor(id)))).toMatchObject({
			code: 'not_allowed',
			status: 403
		});
	});

	it('passes to the Chair once elected: the opening officer may no longer give it (403)', () => {
		const { state, id } = requested(underItem7(), 'p-fra-head', 'statement');
		expect(refused(run(state, as(OPENING_OFFICER), giveFloor(id))).status).toBe(403);
		const given = accepted(run(state, as(CHAIR), giveFloor(id))).state;
		expect(given.floor[7].current?.participantId).toBe('p-fra-head');
	});

	it('refuses a request on the list of an item that is not open (item_not_open)', () => {
		const { state, id } = requested(underItem1(), 'p-bra-head', 'statement', { item: 7 });
		const refusal = refused(run(state, as(OPENING_OFFICER), giveFloor(id, { item: 7 })));
		expect(refusal).toMatchObject({ code: 'item_not_open', status: 409 });
		expect(refusal.message).toContain('item 7');
	});

	it('refuses when no item is open (no_item_open)', () => {
		const { state, id } = requested(underItem1(), 'p-bra-head', 'statement');
		const suspended = accepted(
			run(state, as(OPENING_OFFICER), { type: 'agenda.suspend', item: 1 })
		).state;
		expect(refused(run(suspended, as(OPENING_OFFICER), giveFloor(id)))).toMatchObject({
			code: 'no_item_open',
			status: 409
		});
		expect(refused(run(suspended, as(OPENING_OFFICER), giveFloor(id, { item: 1 }))).code).toBe(
			'item_not_open'
		);
	});

	it('refuses an unknown request (404 no_such_request), with or without a list', () => {
		expect(refused(run(underItem1(), as(OPENING_OFFICER), giveFloor('nobody-asked')))).toEqual(
			expect.objectContaining({ code: 'no_such_request', status: 404 })
		);
		const { state } = requested(underItem1(), 'p-fra-head', 'statement');
		expect(refused(run(state, as(OPENING_OFFICER), giveFloor('nobody-asked')))).toMatchObject({
			code: 'no_such_request',
			status: 404
		});
	});

	it('refuses the request of the speech in progress, no longer on the list (404)', () => {
		const { state, id } = speaking();
		expect(refused(run(state, as(OPENING_OFFICER), giveFloor(id)))).toMatchObject({
			code: 'no_such_request',
			status: 404
		});
	});

	it('is refused in preparation (wrong_phase)', () => {
		// the opening officer presides even in preparation: the phase is what refuses
		const refusal = refused(run(forumWith(), as(OPENING_OFFICER), giveFloor('any-request')));
		expect(refusal).toMatchObject({ code: 'wrong_phase', status: 409 });
	});
});

describe('speech limits', () => {
	/** `who` asked for `kind` under item 1 with the list's limit set to `limit`, and is given the floor. */
	function givenWithLimit(kind: FloorKind, limit: number | null) {
		let state = underItem1();
		if (limit !== null) {
			state = accepted(
				run(state, as(OPENING_OFFICER), { type: 'floor.set_limit', seconds: limit })
			).state;
		}
		const made = requested(state, 'p-bra-head', kind);
		const result = accepted(run(made.state, as(OPENING_OFFICER), giveFloor(made.id)));
		const given = result.events.find((e) => e.type === 'floor.given')!;
		return { given: given.payload, current: result.state.floor[1].current! };
	}

	it('caps procedural interventions at 5 minutes', () => {
		expect(PROCEDURAL_CAP_SECONDS).toBe(300);
	});

	it('gives a statement the default limit of the settings, 180 s', () => {
		const { given, current } = givenWithLimit('statement', null);
		expect(given).toMatchObject({ limitSeconds: 180 });
		expect(current.limitSeconds).toBe(180);
	});

	it('takes a new list’s limit from the forum’s settings', () => {
		const state = patched(underItem1(), (s) => {
			s.settings.speechLimitSeconds = 150;
		});
		const made = requested(state, 'p-bra-head', 'statement');
		expect(made.state.floor[1].limitSeconds).toBe(150);
		const given = accepted(run(made.state, as(OPENING_OFFICER), giveFloor(made.id))).state;
		expect(given.floor[1].current?.limitSeconds).toBe(150);
	});

	it('gives a statement the limit set by floor.set_limit (240 s)', () => {
		const { state, events } = accepted(
			run(underItem1(), as(OPENING_OFFICER), { type: 'floor.set_limit', seconds: 240 })
		);
		expect(events[0]).toMatchObject({
			type: 'floor.limit_set',
			payload: { item: 1, seconds: 240 },
			audience: 'public'
		});
		expect(state.floor[1].limitSeconds).toBe(240);
		expect(givenWithLimit('statement', 240).current.limitSeconds).toBe(240);
	});

	it.each([
		['point_of_order', 600, 300],
		['point_of_order', 120, 120],
		['point_of_order', null, 180],
		['right_of_reply', 600, 300],
		['right_of_reply', 120, 120],
		['statement', 600, 600],
		['statement', 120, 120]
	] as const)('gives a %s with a list limit of %s s %s s', (kind, limit, expected) => {
		const { given, current } = givenWithLimit(kind, limit);
		expect(given).toMatchObject({ limitSeconds: expected });
		expect(current).toMatchObject({ kind, limitSeconds: expected });
	});

	it('applies to speeches given from then on, not to the speech in progress', () => {
		const { state } = speaking();
		const later = accepted(
			run(state, as(OPENING_OFFICER), { type: 'floor.set_limit', seconds: 240 })
		).state;
		expect(later.floor[1].current?.limitSeconds).toBe(180);
		expect(later.floor[1].limitSeconds).toBe(240);
	});

	it('sets the limit of the item named, leaving the others alone', () => {
		const state = accepted(
			run(underItem1(), as(OPENING_OFFICER), { type: 'floor.set_limit', item: 7, seconds: 240 })
		).state;
		expect(state.floor[7].limitSeconds).toBe(240);
		const made = requested(state, 'p-bra-head', 'statement');
		expect(made.state.floor[1].limitSeconds).toBe(180);
	});

	it('refuses a limit under 30 s or over an hour as malformed', () => {
		for (const s of [29, 3601, 90.5]) {
			expect(
				parseCommand({ id: 'cmd-limit-01', type: 'floor.set_limit', seconds: s })
			).toMatchObject({ ok: false, code: 'malformed_command' });
		}
	});

	it('is the presiding officer’s only (403)', () => {
		expect(
			refused(run(underItem1(), as('p-fra-head'), { type: 'floor.set_limit', seconds: 240 }))
		).toMatchObject({ code: 'not_allowed', status: 403 });
	});
});

describe('floor.pause, floor.resume, floor.end', () => {
	it('pauses: the clock stops at the server’s time', () => {
		const { state, events } = accepted(
			run(speaking().state, as(OPENING_OFFICER), PAUSE, { now: T0 + 30_000 })
		);
		expect(events).toEqual([
			expect.objectContaining({ type: 'floor.paused', payload: { item: 1 }, audience: 'public' })
		]);
		expect(state.floor[1].current).toMatchObject({ pausedAt: T0 + 30_000, pausedMs: 0 });
	});

	it('refuses pausing a paused speech (already_paused)', () => {
		const paused = accepted(run(speaking().state, as(OPENING_OFFICER), PAUSE)).state;
		expect(refused(run(paused, as(OPENING_OFFICER), PAUSE))).toMatchObject({
			code: 'already_paused',
			status: 409
		});
	});

	it('resumes: the pause is added to pausedMs', () => {
		const paused = accepted(
			run(speaking().state, as(OPENING_OFFICER), PAUSE, { now: T0 + 30_000 })
		).state;
		const { state, events } = accepted(
			run(paused, as(OPENING_OFFICER), RESUME, { now: T0 + 90_000 })
		);
		expect(events).toEqual([
			expect.objectContaining({ type: 'floor.resumed', payload: { item: 1 } })
		]);
		expect(state.floor[1].current).toMatchObject({ pausedAt: null, pausedMs: 60_000 });
	});

	it('refuses resuming a speech that is not paused (not_paused)', () => {
		expect(refused(run(speaking().state, as(OPENING_OFFICER), RESUME))).toMatchObject({
			code: 'not_paused',
			status: 409
		});
	});

	it('ends: the speech goes to the record and nobody has the floor', () => {
		const { state, events } = accepted(
			run(speaking().state, as(OPENING_OFFICER), END, { now: T0 + 100_000 })
		);
		expect(events).toEqual([
			expect.objectContaining({ type: 'floor.speech_ended', payload: { item: 1 } })
		]);
		expect(state.floor[1].current).toBeNull();
		expect(state.floor[1].speeches).toEqual([
			expect.objectContaining({ participantId: 'p-fra-head', endedAt: T0 + 100_000 })
		]);
	});

	it('ends a paused speech, counting the pause until the end', () => {
		const state = runAll(speaking().state, [
			[as(OPENING_OFFICER), PAUSE, { now: T0 + 30_000 }],
			[as(OPENING_OFFICER), END, { now: T0 + 50_000 }]
		]);
		expect(state.floor[1].speeches[0]).toMatchObject({
			pausedAt: null,
			pausedMs: 20_000,
			endedAt: T0 + 50_000
		});
	});

	it.each([PAUSE, RESUME, END])(
		'refuses $type when nobody has the floor (no_speech)',
		(command) => {
			const ended = accepted(run(speaking().state, as(OPENING_OFFICER), END)).state;
			for (const state of [underItem1(), ended]) {
				expect(refused(run(state, as(OPENING_OFFICER), command))).toMatchObject({
					code: 'no_speech',
					status: 409
				});
			}
		}
	);

	it.each([PAUSE, RESUME, END])('refuses $type under an item that is not open', (command) => {
		expect(
			refused(run(speaking().state, as(OPENING_OFFICER), { ...command, item: 2 }))
		).toMatchObject({ code: 'item_not_open', status: 409 });
	});

	it.each([PAUSE, RESUME, END])('$type is the presiding officer’s only (403)', (command) => {
		const paused = accepted(run(speaking().state, as(OPENING_OFFICER), PAUSE)).state;
		for (const who of ['p-fra-head', 'p-sec']) {
			expect(refused(run(paused, as(who), command))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
		expect(refused(run(paused, display, command)).status).toBe(403);
	});
});

describe('remainingMs', () => {
	const speech = (change: Partial<Speech> = {}): Speech => ({
		requestId: 'r',
		participantId: 'p-fra-head',
		delegationId: 'FRA',
		kind: 'statement',
		capacity: { onBehalfOf: null },
		item: 1,
		limitSeconds: 180,
		startedAt: T0,
		pausedAt: null,
		pausedMs: 0,
		endedAt: null,
		...change
	});

	it('counts down from the limit while the speaker speaks, and below zero past it', () => {
		expect(remainingMs(speech(), T0)).toBe(seconds(180));
		expect(remainingMs(speech(), T0 + seconds(45))).toBe(seconds(135));
		expect(remainingMs(speech(), T0 + seconds(200))).toBe(-seconds(20));
	});

	it('stops during a pause and goes on after it, through the real commands', () => {
		let state = speaking().state;
		const at = (s: number) => remainingMs(state.floor[1].current!, T0 + seconds(s));
		expect(at(10)).toBe(seconds(170));
		state = accepted(run(state, as(OPENING_OFFICER), PAUSE, { now: T0 + seconds(30) })).state;
		expect(at(30)).toBe(seconds(150));
		expect(at(60)).toBe(seconds(150));
		expect(at(90)).toBe(seconds(150));
		state = accepted(run(state, as(OPENING_OFFICER), RESUME, { now: T0 + seconds(90) })).state;
		// 100 s after the start, 60 s of them paused: 40 s spoken
		expect(at(100)).toBe(seconds(180 - 40));
	});

	it('stays frozen once the speech has ended', () => {
		const state = runAll(speaking().state, [
			[as(OPENING_OFFICER), PAUSE, { now: T0 + seconds(30) }],
			[as(OPENING_OFFICER), RESUME, { now: T0 + seconds(90) }],
			[as(OPENING_OFFICER), END, { now: T0 + seconds(120) }]
		]);
		const ended = state.floor[1].speeches[0];
		for (const later of [120, 121, 500, 3600]) {
			expect(remainingMs(ended, T0 + seconds(later))).toBe(seconds(180 - 60));
		}
	});

	it('stays frozen for a speech ended while paused', () => {
		const state = runAll(speaking().state, [
			[as(OPENING_OFFICER), PAUSE, { now: T0 + seconds(30) }],
			[as(OPENING_OFFICER), END, { now: T0 + seconds(50) }]
		]);
		const ended = state.floor[1].speeches[0];
		expect(remainingMs(ended, T0 + seconds(50))).toBe(seconds(150));
		expect(remainingMs(ended, T0 + seconds(900))).toBe(seconds(150));
	});
});

describe('floor.withdraw', () => {
	const withdraw = (requestId: string, extra: Record<string, unknown> = {}) => ({
		type: 'floor.withdraw',
		requestId,
		...extra
	});

	it('lets the author withdraw: public event, the request leaves the list', () => {
		const first = requested(underItem1(), 'p-fra-head', 'statement');
		const second = requested(first.state, 'p-bra-head', 'statement');
		const { state, events } = accepted(run(second.state, as('p-fra-head'), withdraw(first.id)));
		expect(events).toEqual([
			expect.objectContaining({
				type: 'floor.withdrawn',
				payload: { item: 1, requestId: first.id },
				audience: 'public'
			})
		]);
		expect(requestIds(state, 1)).toEqual([second.id]);
	});

	it('lets the presiding officer withdraw anyone’s request', () => {
		const { state, id } = requested(underItem1(), 'p-fra-head', 'point_of_order');
		const after = accepted(run(state, as(OPENING_OFFICER), withdraw(id))).state;
		expect(requestIds(after, 1)).toEqual([]);
	});

	it('lets the participant a request was added for withdraw it', () => {
		const closed = accepted(run(underItem1(), as(OPENING_OFFICER), CLOSE_LIST)).state;
		const { state, id } = requested(closed, OPENING_OFFICER, 'right_of_reply', {
			participantId: 'p-bra-head'
		});
		const after = accepted(run(state, as('p-bra-head'), withdraw(id))).state;
		expect(requestIds(after, 1)).toEqual([]);
	});

	it('refuses anyone else, even of the same delegation (403)', () => {
		const { state, id } = requested(underItem1(), 'p-fra-head', 'statement');
		for (const who of ['p-fra-delegate', 'p-bra-head', 'p-sec']) {
			expect(refused(run(state, as(who), withdraw(id)))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
		expect(refused(run(state, display, withdraw(id))).status).toBe(403);
	});

	it('refuses an unknown request, or one on another item’s list (404 no_such_request)', () => {
		const { state, id } = requested(underItem1(), 'p-fra-head', 'statement');
		expect(refused(run(state, as('p-fra-head'), withdraw('never-asked')))).toMatchObject({
			code: 'no_such_request',
			status: 404
		});
		expect(refused(run(state, as('p-fra-head'), withdraw(id, { item: 7 })))).toMatchObject({
			code: 'no_such_request',
			status: 404
		});
		const once = accepted(run(state, as('p-fra-head'), withdraw(id))).state;
		expect(refused(run(once, as('p-fra-head'), withdraw(id))).code).toBe('no_such_request');
	});

	it('withdraws from a pending item’s list by naming it', () => {
		const { state, id } = requested(underItem1(), 'p-fra-head', 'statement', { item: 7 });
		const after = accepted(run(state, as('p-fra-head'), withdraw(id, { item: 7 }))).state;
		expect(requestIds(after, 7)).toEqual([]);
	});
});

describe('the agenda item and its speech', () => {
	it.each([
		['agenda.close', 'closed'],
		['agenda.suspend', 'suspended']
	] as const)('%s ends the speech in progress at that time', (type, status) => {
		const { state: start, id } = speaking();
		const { state } = accepted(
			run(start, as(OPENING_OFFICER), { type, item: 1 }, { now: T0 + seconds(70) })
		);
		expect(state.agenda[0].status).toBe(status);
		expect(state.floor[1].current).toBeNull();
		expect(state.floor[1].speeches).toEqual([
			expect.objectContaining({ requestId: id, endedAt: T0 + seconds(70) })
		]);
		expect(remainingMs(state.floor[1].speeches[0], T0 + seconds(500))).toBe(seconds(110));
	});

	it('suspending a paused speech counts the pause until the suspension', () => {
		const state = runAll(speaking().state, [
			[as(OPENING_OFFICER), PAUSE, { now: T0 + seconds(20) }],
			[as(OPENING_OFFICER), { type: 'agenda.suspend', item: 1 }, { now: T0 + seconds(80) }]
		]);
		expect(state.floor[1].speeches[0]).toMatchObject({
			pausedAt: null,
			pausedMs: seconds(60),
			endedAt: T0 + seconds(80)
		});
	});

	it('keeps the waiting requests when the item is suspended and resumed', () => {
		const { state, id } = requested(underItem1(), 'p-bra-head', 'statement');
		const resumed = runAll(state, [
			[as(OPENING_OFFICER), { type: 'agenda.suspend', item: 1 }],
			[as(OPENING_OFFICER), { type: 'agenda.open', item: 1 }]
		]);
		expect(requestIds(resumed, 1)).toEqual([id]);
		accepted(run(resumed, as(OPENING_OFFICER), giveFloor(id)));
	});
});
