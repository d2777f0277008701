import { describe, it, expect } from 'vitest';
import { accreditedMemberStates, presentMemberStates } from './presence.rules';
import { accepted, as, display, forumWith, refused, run, runAll } from './testing';

const checkIn = (participantId?: string) =>
	participantId ? { type: 'presence.check_in', participantId } : { type: 'presence.check_in' };
const checkOut = (participantId?: string) =>
	participantId ? { type: 'presence.check_out', participantId } : { type: 'presence.check_out' };

describe('presence.check_in', () => {
	it.each(['p-fra-delegate', 'p-sm-x', 'p-ob', 'p-sg'])('%s checks themselves in', (who) => {
		const { state, events } = accepted(run(forumWith({ phase: 'in_session' }), as(who), checkIn()));
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			type: 'presence.checked_in',
			payload: { participantId: who },
			audience: 'public',
			actor: who
		});
		expect(state.participants[who].present).toBe(true);
	});

	it('a participant may name themselves explicitly', () => {
		const { state } = accepted(run(forumWith(), as('p-bra-head'), checkIn('p-bra-head')));
		expect(state.participants['p-bra-head'].present).toBe(true);
	});

	it('the secretariat checks someone else in', () => {
		const { state, events } = accepted(
			run(forumWith({ phase: 'in_session' }), as('p-sec'), checkIn('p-fra-head'))
		);
		expect(events[0]).toMatchObject({ payload: { participantId: 'p-fra-head' }, actor: 'p-sec' });
		expect(state.participants['p-fra-head'].present).toBe(true);
		expect(state.participants['p-sec'].present).toBe(false);
	});

	it.each([
		['p-fra-delegate', 'p-fra-head'],
		['p-fra-head', 'p-fra-delegate'],
		['p-sm-x', 'p-bra-head'],
		['p-fra-delegate', 'p-nobody']
	])('%s checking in %s is refused (403)', (who, whom) => {
		const forum = forumWith({ phase: 'in_session' });
		expect(refused(run(forum, as(who), checkIn(whom)))).toMatchObject({
			code: 'not_allowed',
			status: 403
		});
	});

	it('the display may not check anyone in (403)', () => {
		expect(refused(run(forumWith(), display, checkIn('p-fra-head'))).code).toBe('not_allowed');
	});

	it('the secretariat is told when there is no such participant (404)', () => {
		expect(refused(run(forumWith(), as('p-sec'), checkIn('p-nobody')))).toMatchObject({
			code: 'no_such_participant',
			status: 404
		});
	});

	it('refuses someone already checked in (already_checked_in)', () => {
		const forum = forumWith({ phase: 'in_session', present: ['p-fra-head'] });
		expect(refused(run(forum, as('p-fra-head'), checkIn()))).toMatchObject({
			code: 'already_checked_in',
			status: 409
		});
		expect(refused(run(forum, as('p-sec'), checkIn('p-fra-head'))).code).toBe('already_checked_in');
	});

	it('is allowed in preparation, refused once the forum is closed', () => {
		expect(run(forumWith(), as('p-fra-head'), checkIn()).ok).toBe(true);
		expect(refused(run(forumWith({ phase: 'closed' }), as('p-fra-head'), checkIn()))).toMatchObject(
			{
				code: 'wrong_phase',
				status: 409
			}
		);
	});
});

describe('presence.check_out', () => {
	it('a participant checks themselves out', () => {
		const forum = forumWith({ phase: 'in_session', present: ['p-fra-head'] });
		const { state, events } = accepted(run(forum, as('p-fra-head'), checkOut()));
		expect(events[0]).toMatchObject({
			type: 'presence.checked_out',
			payload: { participantId: 'p-fra-head' }
		});
		expect(state.participants['p-fra-head'].present).toBe(false);
	});

	it('the secretariat checks someone else out; a delegate may not (403)', () => {
		const forum = forumWith({ phase: 'in_session', present: ['p-fra-head'] });
		expect(refused(run(forum, as('p-fra-delegate'), checkOut('p-fra-head'))).code).toBe(
			'not_allowed'
		);
		const { state } = accepted(run(forum, as('p-sg'), checkOut('p-fra-head')));
		expect(state.participants['p-fra-head'].present).toBe(false);
	});

	it('refuses someone not checked in (not_checked_in)', () => {
		const forum = forumWith({ phase: 'in_session' });
		expect(refused(run(forum, as('p-fra-head'), checkOut()))).toMatchObject({
			code: 'not_checked_in',
			status: 409
		});
		expect(refused(run(forum, as('p-sec'), checkOut('p-bra-head'))).code).toBe('not_checked_in');
	});

	it('a participant can check in again after checking out', () => {
		const state = runAll(forumWith({ phase: 'in_session' }), [
			[as('p-ob'), checkIn()],
			[as('p-ob'), checkOut()],
			[as('p-ob'), checkIn()]
		]);
		expect(state.participants['p-ob'].present).toBe(true);
	});
});

describe('presentMemberStates', () => {
	it('counts delegations of Member States, not people', () => {
		let forum = forumWith({ present: ['p-fra-head', 'p-fra-delegate', 'p-sm-x', 'p-ob', 'p-sg'] });
		expect(presentMemberStates(forum)).toEqual(['FRA']);
		forum = accepted(run(forum, as('p-bra-head'), checkIn())).state;
		expect(presentMemberStates(forum).sort()).toEqual(['BRA', 'FRA']);
	});

	it('drops a Member State only when its last person checks out', () => {
		let forum = forumWith({ present: ['p-fra-head', 'p-fra-delegate'] });
		forum = accepted(run(forum, as('p-fra-head'), checkOut())).state;
		expect(presentMemberStates(forum)).toEqual(['FRA']);
		forum = accepted(run(forum, as('p-fra-delegate'), checkOut())).state;
		expect(presentMemberStates(forum)).toEqual([]);
	});

	it('is empty when nobody is checked in', () => {
		expect(presentMemberStates(forumWith())).toEqual([]);
	});
});

describe('accreditedMemberStates', () => {
	it('lists the Member State delegations only', () => {
		expect(accreditedMemberStates(forumWith()).sort()).toEqual(['BRA', 'FRA', 'KEN']);
	});
});
