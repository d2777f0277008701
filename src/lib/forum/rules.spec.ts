import { describe, it, expect } from 'vitest';
import {
	apply,
	COMMANDS,
	COMMAND_TYPES,
	decide,
	evolve,
	EVENT_TYPES,
	mayGive,
	parseCommand,
	type ForumEvent
} from './rules';
import { ROSTER_EVENTS } from './evolve';
import { as, commandId, display, forumWith, stamp, T0, unchangedRostersUnless } from './testing';

describe('parseCommand', () => {
	it('accepts a well-formed command and returns it', () => {
		const parsed = parseCommand({ id: 'cmd-abcdef01', type: 'agenda.open', item: 3 });
		expect(parsed).toEqual({
			ok: true,
			command: { id: 'cmd-abcdef01', type: 'agenda.open', item: 3 }
		});
	});

	it.each([
		['null', null],
		['a string', 'forum.open'],
		['a number', 42],
		['an array', [{ id: 'cmd-abcdef01', type: 'forum.open' }]],
		['undefined', undefined]
	])('refuses %s as malformed', (_what, input) => {
		const parsed = parseCommand(input);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.code).toBe('malformed_command');
	});

	it.each([
		['a missing id', { type: 'forum.open' }],
		['an id too short', { id: 'abc', type: 'forum.open' }],
		['an id with a space', { id: 'cmd abcdef01', type: 'forum.open' }],
		['an id too long', { id: 'x'.repeat(65), type: 'forum.open' }],
		['a numeric id', { id: 12345678, type: 'forum.open' }],
		['an extra field', { id: 'cmd-abcdef01', type: 'forum.open', force: true }],
		['a field of the wrong type', { id: 'cmd-abcdef01', type: 'agenda.open', item: '3' }],
		['a missing field', { id: 'cmd-abcdef01', type: 'agenda.open' }],
		['an out-of-range item', { id: 'cmd-abcdef01', type: 'agenda.open', item: 11 }],
		[
			'a bad category',
			{
				id: 'cmd-abcdef01',
				type: 'delegation.register',
				delegationId: 'ITA',
				name: 'Italy',
				category: 'empire'
			}
		]
	])('refuses %s as malformed_command', (_what, input) => {
		const parsed = parseCommand(input);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) {
			expect(parsed.code).toBe('malformed_command');
			expect(parsed.message).not.toBe('');
		}
	});

	it('names the offending field in the message', () => {
		const parsed = parseCommand({ id: 'cmd-abcdef01', type: 'agenda.open', item: 'one' });
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.message).toMatch(/^item: /);
	});

	it.each([
		['an unknown type', { id: 'cmd-abcdef01', type: 'forum.explode' }],
		['a missing type', { id: 'cmd-abcdef01' }],
		['a non-string type', { id: 'cmd-abcdef01', type: 7 }],
		// names every plain object inherits must not be taken for commands
		['"constructor"', { id: 'cmd-abcdef01', type: 'constructor' }],
		['"toString"', { id: 'cmd-abcdef01', type: 'toString' }],
		['"__proto__"', { id: 'cmd-abcdef01', type: '__proto__' }]
	])('refuses %s as unknown_command without throwing', (_what, input) => {
		const parsed = parseCommand(input);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.code).toBe('unknown_command');
	});

	it('caps the echoed type in the message', () => {
		const parsed = parseCommand({ id: 'cmd-abcdef01', type: 'x'.repeat(500) });
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.message.length).toBeLessThan(200);
	});
});

describe('COMMANDS', () => {
	it('lists every command of the families under its public name', () => {
		expect(COMMAND_TYPES).toEqual(
			expect.arrayContaining([
				'forum.open',
				'forum.close',
				'agenda.open',
				'agenda.suspend',
				'agenda.close',
				'agenda.reopen',
				'presence.check_in',
				'presence.check_out',
				'delegation.register',
				'participant.register',
				'report.add_section',
				'opinion.register'
			])
		);
		for (const [type, definition] of Object.entries(COMMANDS)) {
			expect(definition.type).toBe(type);
			expect(type).toMatch(/^[a-z]+\.[a-z_]+$/);
		}
	});

	it("every command's example parses", () => {
		for (const definition of Object.values(COMMANDS)) {
			const parsed = parseCommand({
				id: commandId(),
				type: definition.type,
				...definition.example
			});
			expect(parsed.ok, definition.type).toBe(true);
		}
	});
});

describe('decide', () => {
	it('refuses not_allowed (403) before looking at the phase', () => {
		const closed = forumWith({ phase: 'closed' });
		const refusal = decide(closed, { id: commandId(), type: 'forum.open' }, as('p-fra-delegate'), {
			now: T0
		});
		expect(refusal).toMatchObject({ code: 'not_allowed', status: 403 });
	});

	it('refuses wrong_phase (409) when the sender may give the command but not now', () => {
		const closed = forumWith({ phase: 'closed' });
		const refusal = decide(closed, { id: commandId(), type: 'forum.open' }, as('p-sg'), {
			now: T0
		});
		expect(refusal).toMatchObject({ code: 'wrong_phase', status: 409 });
		expect(refusal).toHaveProperty('message', expect.stringContaining('closed'));
	});

	it('refuses an unregistered participant and the display as not_allowed', () => {
		const forum = forumWith();
		for (const actor of [as('p-nobody'), display]) {
			expect(
				decide(forum, { id: commandId(), type: 'presence.check_in' }, actor, { now: T0 })
			).toBe(decide(forum, { id: commandId(), type: 'forum.open' }, actor, { now: T0 }));
			expect(
				decide(forum, { id: commandId(), type: 'presence.check_in' }, actor, { now: T0 })
			).toMatchObject({ code: 'not_allowed', status: 403 });
		}
	});

	it('refuses an unknown command type (400) without throwing', () => {
		const forum = forumWith();
		for (const type of ['forum.explode', 'constructor', 'toString', '__proto__']) {
			expect(decide(forum, { id: commandId(), type }, as('p-sg'), { now: T0 })).toMatchObject({
				code: 'unknown_command',
				status: 400
			});
		}
	});

	it('returns events with an audience and does not change the state', () => {
		const forum = forumWith();
		const before = structuredClone(forum);
		const events = decide(forum, { id: commandId(), type: 'forum.open' }, as('p-sg'), {
			now: T0
		});
		expect(events).toEqual([{ type: 'forum.opened', payload: {}, audience: 'public' }]);
		expect(forum).toEqual(before);
	});
});

describe('evolve and apply', () => {
	const opened = (): ForumEvent =>
		stamp({ type: 'forum.opened', payload: {}, audience: 'public' }, T0 + 5_000, 'p-sg');

	it('evolve returns a new state and leaves its input untouched', () => {
		const forum = forumWith();
		const before = structuredClone(forum);
		const next = evolve(forum, opened());
		expect(next).not.toBe(forum);
		expect(next.phase).toBe('in_session');
		expect(next.openedAt).toBe(T0 + 5_000);
		expect(forum).toEqual(before);
	});

	it('evolve does not share nested objects with its input', () => {
		const forum = forumWith();
		const next = evolve(forum, opened());
		next.participants['p-sg'].present = true;
		next.agenda[0].status = 'open';
		expect(forum.participants['p-sg'].present).toBe(false);
		expect(forum.agenda[0].status).toBe('pending');
	});

	it('apply changes the state it is given', () => {
		const forum = forumWith();
		apply(forum, opened());
		expect(forum.phase).toBe('in_session');
	});

	it.each(['forum.exploded', 'toString', 'constructor', '__proto__'])(
		'apply throws on the unknown event type %s',
		(type) => {
			const forum = forumWith();
			const bogus = { ...opened(), type } as unknown as ForumEvent;
			expect(() => apply(forum, bogus)).toThrow(/Unknown event type/);
		}
	);

	const checkedIn = stamp(
		{ type: 'presence.checked_in', payload: { participantId: 'p-sg' }, audience: 'public' },
		T0,
		'p-sg'
	);

	it('ROSTER_EVENTS change the participants; any other event changing them is caught', () => {
		const forum = forumWith();
		const after = evolve(forum, checkedIn);
		expect(ROSTER_EVENTS.participants.has('presence.checked_in')).toBe(true);
		expect(after.participants['p-sg'].present).toBe(true);
		expect(() => unchangedRostersUnless(forum, after, [checkedIn])).not.toThrow();
		// the same change under the name of an event outside the set: what `run` refuses to let pass
		const disguised = { ...checkedIn, type: 'forum.opened' } as ForumEvent;
		expect(() => unchangedRostersUnless(forum, after, [disguised])).toThrow(
			/forum.opened changed the participants/
		);
		expect(() => unchangedRostersUnless(forum, evolve(forum, opened()), [opened()])).not.toThrow();
	});

	it('ROSTER_EVENTS change the delegations; any other event changing them is caught', () => {
		const forum = forumWith();
		const registered = stamp(
			{
				type: 'delegation.registered',
				payload: { id: 'TST', name: 'Testland', category: 'member_state' },
				audience: 'public'
			},
			T0,
			'p-sg'
		);
		const after = evolve(forum, registered);
		expect(ROSTER_EVENTS.delegations.has('delegation.registered')).toBe(true);
		expect(after.delegations['TST']?.name).toBe('Testland');
		expect(() => unchangedRostersUnless(forum, after, [registered])).not.toThrow();
		const disguised = { ...registered, type: 'forum.opened' } as unknown as ForumEvent;
		expect(() => unchangedRostersUnless(forum, after, [disguised])).toThrow(
			/forum.opened changed the delegations but is not in ROSTER_EVENTS.delegations/
		);
	});

	it('every event type has an evolver', () => {
		expect(EVENT_TYPES).toEqual(
			expect.arrayContaining([
				'forum.created',
				'forum.opened',
				'forum.closed',
				'delegation.registered',
				'participant.registered',
				'report.section_added',
				'opinion.registered',
				'agenda.item_opened',
				'agenda.item_suspended',
				'agenda.item_closed',
				'presence.checked_in',
				'presence.checked_out'
			])
		);
	});
});

describe('mayGive', () => {
	it('follows the roles and the phase', () => {
		const preparation = forumWith();
		const inSession = forumWith({ phase: 'in_session' });
		expect(mayGive(preparation, as('p-sg'), 'forum.open')).toBe(true);
		expect(mayGive(preparation, as('p-sec'), 'forum.open')).toBe(false);
		expect(mayGive(preparation, as('p-fra-head'), 'forum.open')).toBe(false);
		expect(mayGive(inSession, as('p-sg'), 'forum.open')).toBe(false);
		expect(mayGive(inSession, as('p-sg'), 'forum.close')).toBe(true);
		expect(mayGive(inSession, as('p-sg'), 'agenda.open')).toBe(true);
		expect(mayGive(preparation, as('p-sg'), 'agenda.open')).toBe(false);
		expect(mayGive(preparation, as('p-sec'), 'delegation.register')).toBe(true);
		expect(mayGive(inSession, as('p-sec'), 'delegation.register')).toBe(false);
		expect(mayGive(inSession, as('p-fra-delegate'), 'presence.check_in')).toBe(true);
		expect(mayGive(forumWith({ phase: 'closed' }), as('p-fra-delegate'), 'presence.check_in')).toBe(
			false
		);
	});

	it('gives the display and strangers nothing', () => {
		const inSession = forumWith({ phase: 'in_session' });
		for (const type of COMMAND_TYPES) {
			expect(mayGive(inSession, display, type), type).toBe(false);
			expect(mayGive(inSession, as('p-nobody'), type), type).toBe(false);
		}
	});

	it('is false for unknown types, including names every object inherits', () => {
		const forum = forumWith();
		for (const type of ['forum.explode', 'constructor', 'toString', '__proto__']) {
			expect(mayGive(forum, as('p-sg'), type), type).toBe(false);
		}
	});

	it('passes the presiding officer on to the Chair', () => {
		// No election family yet: the Chair is put in office directly.
		const forum = { ...forumWith({ phase: 'in_session' }), chairId: 'p-bra-head' };
		expect(mayGive(forum, as('p-sg'), 'agenda.open')).toBe(false);
		expect(mayGive(forum, as('p-bra-head'), 'agenda.open')).toBe(true);
	});
});
