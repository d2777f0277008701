import { describe, expect, it } from 'vitest';
import { MAX_OBSERVATION_LENGTH } from './observation.rules';
import { parseCommand } from './rules';
import {
	accepted,
	as,
	commandId,
	event,
	forumWith,
	given,
	patched,
	refused,
	run,
	T0
} from './testing';
import type { ForumPhase, ForumState } from './types';

/** WTPF-26 with sections 1 and 2 of the Secretary-General's report. */
function forumWithReport(phase: ForumPhase = 'preparation'): ForumState {
	return given(
		forumWith({ phase }),
		event('report.section_added', { number: '1', title: 'Introduction', text: 'Text.' }),
		event('report.section_added', { number: '2', title: 'Digital divides', text: 'Text.' })
	);
}

const submit = (section = '2', text = 'France supports the analysis in section 2.') => ({
	type: 'observation.submit',
	section,
	text
});

/** `state` with one observation of France (by its head) on section 2; returns its id too. */
function withObservation(state: ForumState): { state: ForumState; id: string } {
	const id = commandId();
	const next = accepted(run(state, as('p-fra-head'), { id, ...submit() })).state;
	return { state: next, id };
}

describe('observation.submit', () => {
	it.each([
		['a Member State delegate', 'p-fra-delegate', 'FRA'],
		['a Member State head of delegation', 'p-fra-head', 'FRA'],
		['a Sector Member delegate', 'p-sm-x', 'SM-X'],
		['an observer', 'p-ob', 'OB-PSE']
	])('is open to %s, for their delegation', (_who, participantId, delegationId) => {
		const { state, events } = accepted(
			run(forumWithReport(), as(participantId), submit(), { now: T0 + 1000 })
		);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ type: 'observation.submitted', audience: 'public' });
		expect(state.observations).toEqual([
			{
				id: expect.stringMatching(/^cmd-\d{6}$/),
				section: '2',
				delegationId,
				authorId: participantId,
				text: 'France supports the analysis in section 2.',
				status: 'submitted',
				submittedAt: T0 + 1000,
				presentedAt: null
			}
		]);
	});

	it("names the observation with the command's id", () => {
		const { state, events } = accepted(
			run(forumWithReport(), as('p-fra-head'), { id: 'obs-fra-0001', ...submit() })
		);
		expect(state.observations[0].id).toBe('obs-fra-0001');
		expect(events[0].payload).toMatchObject({ id: 'obs-fra-0001' });
	});

	it('is refused to a participant of the secretariat only (403 not_allowed)', () => {
		for (const who of ['p-sec', 'p-sg']) {
			expect(refused(run(forumWithReport(), as(who), submit())), who).toEqual({
				code: 'not_allowed',
				message: expect.any(String),
				status: 403
			});
		}
	});

	it('refuses a section the report does not have (404 no_such_section)', () => {
		expect(refused(run(forumWithReport(), as('p-fra-head'), submit('7')))).toEqual({
			code: 'no_such_section',
			message: 'The report has no section 7.',
			status: 404
		});
	});

	it('is accepted in preparation and in session, refused once the forum is closed', () => {
		expect(run(forumWithReport('preparation'), as('p-fra-head'), submit()).ok).toBe(true);
		expect(run(forumWithReport('in_session'), as('p-fra-head'), submit()).ok).toBe(true);
		expect(refused(run(forumWithReport('closed'), as('p-fra-head'), submit()))).toMatchObject({
			code: 'wrong_phase',
			status: 409
		});
	});

	it('takes at most MAX_OBSERVATION_LENGTH characters (parseCommand: malformed_command)', () => {
		const parse = (text: string) =>
			parseCommand({ id: commandId(), type: 'observation.submit', section: '2', text });
		expect(parse('x'.repeat(MAX_OBSERVATION_LENGTH)).ok).toBe(true);
		const tooLong = parse('x'.repeat(MAX_OBSERVATION_LENGTH + 1));
		expect(tooLong).toEqual({
			ok: false,
			code: 'malformed_command',
			message:
				'text: An observation is at most 10,000 characters. Shorten it, or submit one per section.'
		});
		expect(parse('   ')).toMatchObject({ ok: false, code: 'malformed_command' });
	});
});

describe('observation.withdraw', () => {
	it('is open to another participant of the same delegation', () => {
		const { state, id } = withObservation(forumWithReport());
		const { state: after, events } = accepted(
			run(state, as('p-fra-delegate'), { type: 'observation.withdraw', observationId: id })
		);
		expect(events.map((e) => [e.type, e.payload, e.audience])).toEqual([
			['observation.withdrawn', { observationId: id }, 'public']
		]);
		expect(after.observations[0].status).toBe('withdrawn');
	});

	it('is refused to another delegation (403 not_allowed), and to the secretariat', () => {
		const { state, id } = withObservation(forumWithReport());
		for (const who of ['p-bra-head', 'p-sm-x', 'p-sec']) {
			expect(
				refused(run(state, as(who), { type: 'observation.withdraw', observationId: id })),
				who
			).toMatchObject({ code: 'not_allowed', status: 403 });
		}
	});

	it('refuses an observation that does not exist (404 no_such_observation)', () => {
		const refusal = refused(
			run(forumWithReport(), as('p-fra-head'), {
				type: 'observation.withdraw',
				observationId: 'nope-0001'
			})
		);
		expect(refusal).toMatchObject({ code: 'no_such_observation', status: 404 });
	});

	it('is refused once presented (already_presented) and a second time (already_withdrawn)', () => {
		const { state, id } = withObservation(forumWithReport('in_session'));
		const presented = accepted(
			run(state, as('p-sg'), { type: 'observation.mark_presented', observationId: id })
		).state;
		expect(
			refused(run(presented, as('p-fra-head'), { type: 'observation.withdraw', observationId: id }))
		).toMatchObject({ code: 'already_presented', status: 409 });

		const withdrawn = accepted(
			run(state, as('p-fra-head'), { type: 'observation.withdraw', observationId: id })
		).state;
		expect(
			refused(run(withdrawn, as('p-fra-head'), { type: 'observation.withdraw', observationId: id }))
		).toMatchObject({ code: 'already_withdrawn', status: 409 });
	});
});

describe('observation.mark_presented', () => {
	/** In session, France's observation submitted, Brazil's head in the Chair. */
	function sitting() {
		const { state, id } = withObservation(forumWithReport('in_session'));
		return { id, state: patched(state, (s) => void (s.chairId = 'p-bra-head')) };
	}
	const mark = (observationId: string) => ({ type: 'observation.mark_presented', observationId });

	it('is open to the presiding officer (the Chair) and to the secretariat', () => {
		const { state, id } = sitting();
		for (const who of ['p-bra-head', 'p-sec', 'p-sg']) {
			const { state: after, events } = accepted(
				run(state, as(who), mark(id), { now: T0 + 60_000 })
			);
			expect(
				events.map((e) => [e.type, e.payload, e.audience]),
				who
			).toEqual([['observation.presented', { observationId: id }, 'public']]);
			expect(after.observations[0]).toMatchObject({
				status: 'presented',
				presentedAt: T0 + 60_000
			});
		}
	});

	it('is open to the opening officer while presiding, before a Chair is elected', () => {
		const { state, id } = withObservation(forumWithReport('in_session'));
		expect(run(state, as('p-sg'), mark(id)).ok).toBe(true);
	});

	it('is refused to a delegate (403 not_allowed)', () => {
		const { state, id } = sitting();
		for (const who of ['p-fra-head', 'p-fra-delegate', 'p-sm-x', 'p-ob']) {
			expect(refused(run(state, as(who), mark(id))), who).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
	});

	it('is refused in preparation (409 wrong_phase)', () => {
		const { state, id } = withObservation(forumWithReport('preparation'));
		expect(refused(run(state, as('p-sg'), mark(id)))).toMatchObject({
			code: 'wrong_phase',
			status: 409
		});
	});

	it('is refused a second time, and for a withdrawn observation (not_submitted)', () => {
		const { state, id } = sitting();
		const presented = accepted(run(state, as('p-bra-head'), mark(id))).state;
		expect(refused(run(presented, as('p-sec'), mark(id)))).toEqual({
			code: 'not_submitted',
			message: 'This observation is presented.',
			status: 409
		});
		const withdrawn = accepted(
			run(state, as('p-fra-head'), { type: 'observation.withdraw', observationId: id })
		).state;
		expect(refused(run(withdrawn, as('p-sec'), mark(id)))).toMatchObject({
			code: 'not_submitted',
			message: 'This observation is withdrawn.'
		});
	});

	it('refuses an observation that does not exist (404 no_such_observation)', () => {
		const { state } = sitting();
		expect(refused(run(state, as('p-sec'), mark('nope-0001')))).toMatchObject({
			code: 'no_such_observation',
			status: 404
		});
	});
});
