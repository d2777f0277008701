import { describe, it, expect } from 'vitest';
import { parseCommand } from './rules';
import { accepted, as, commandId, forumWith, refused, run } from './testing';

const italy = {
	type: 'delegation.register',
	delegationId: 'ITA',
	name: 'Italy',
	category: 'member_state'
};

const newDelegate = {
	type: 'participant.register',
	email: 'delegate@example.org',
	name: 'A. Delegate',
	delegationId: 'KEN',
	role: 'delegate',
	password: 'a long passphrase'
};

const section = {
	type: 'report.add_section',
	number: '2.1',
	title: 'Digital divides',
	text: 'Paragraphs of the report…'
};

const opinion = (number: number, title = `Draft opinion ${number}`) => ({
	type: 'opinion.register',
	number,
	title,
	paragraphs: [
		{ kind: 'preambular', text: 'recognizing that…' },
		{ kind: 'operative', text: 'invites Member States…' }
	]
});

describe('who may set the forum up', () => {
	const commands = [
		['delegation.register', italy, {}],
		['participant.register', newDelegate, { accountId: 'p-new' }],
		['report.add_section', section, {}],
		['opinion.register', opinion(1), {}]
	] as const;

	it.each(commands)('%s is open to any member of the secretariat', (_type, command, ctx) => {
		expect(run(forumWith(), as('p-sec'), command, ctx).ok).toBe(true);
		expect(run(forumWith(), as('p-sg'), command, ctx).ok).toBe(true);
	});

	it.each(commands)('%s is refused to everyone else (403)', (_type, command, ctx) => {
		for (const who of ['p-fra-head', 'p-fra-delegate', 'p-sm-x', 'p-ob', 'p-nobody']) {
			expect(refused(run(forumWith(), as(who), command, ctx)), who).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
	});

	it.each(commands)('%s is refused 403 to a delegate even after opening', (_type, command, ctx) => {
		const refusal = refused(
			run(forumWith({ phase: 'in_session' }), as('p-fra-head'), command, ctx)
		);
		expect(refusal.code).toBe('not_allowed');
	});
});

describe('delegation.register', () => {
	it('accredits a delegation', () => {
		const { state, events } = accepted(run(forumWith(), as('p-sec'), italy));
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			type: 'delegation.registered',
			payload: { id: 'ITA', name: 'Italy', category: 'member_state' },
			audience: 'public'
		});
		expect(state.delegations.ITA).toEqual({ id: 'ITA', name: 'Italy', category: 'member_state' });
	});

	it('refuses a code already used (delegation_exists)', () => {
		const refusal = refused(run(forumWith(), as('p-sec'), { ...italy, delegationId: 'FRA' }));
		expect(refusal).toMatchObject({ code: 'delegation_exists', status: 409 });
	});

	it('is refused with wrong_phase once the forum is in session', () => {
		const refusal = refused(run(forumWith({ phase: 'in_session' }), as('p-sec'), italy));
		expect(refusal).toMatchObject({ code: 'wrong_phase', status: 409 });
	});
});

describe('participant.register', () => {
	it('registers a delegate under the account id the server prepared', () => {
		const { state, events } = accepted(
			run(forumWith(), as('p-sec'), newDelegate, { accountId: 'p-ken-delegate' })
		);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			type: 'participant.registered',
			payload: {
				participantId: 'p-ken-delegate',
				name: 'A. Delegate',
				delegationId: 'KEN',
				role: 'delegate'
			},
			audience: 'public'
		});
		expect(state.participants['p-ken-delegate']).toEqual({
			id: 'p-ken-delegate',
			name: 'A. Delegate',
			delegationId: 'KEN',
			role: 'delegate',
			present: false
		});
	});

	it('never puts the email or the password in the (public) event', () => {
		const { events } = accepted(
			run(forumWith(), as('p-sec'), newDelegate, { accountId: 'p-ken-delegate' })
		);
		const stored = JSON.stringify(events);
		expect(stored).not.toContain('delegate@example.org');
		expect(stored).not.toContain('a long passphrase');
	});

	it('registers a member of the secretariat without a delegation', () => {
		const { state } = accepted(
			run(
				forumWith(),
				as('p-sg'),
				{ ...newDelegate, delegationId: null, role: 'secretariat' },
				{ accountId: 'p-sec-2' }
			)
		);
		expect(state.participants['p-sec-2']).toMatchObject({
			delegationId: null,
			role: 'secretariat'
		});
	});

	it('needs the account the server prepares (no_account, 400)', () => {
		const refusal = refused(run(forumWith(), as('p-sec'), newDelegate));
		expect(refusal).toMatchObject({ code: 'no_account', status: 400 });
	});

	it.each([
		['secretariat with a delegation', { delegationId: 'FRA', role: 'secretariat' }],
		['a delegate without a delegation', { delegationId: null, role: 'delegate' }],
		['a head without a delegation', { delegationId: null, role: 'head' }]
	])('refuses %s (role_mismatch, 400)', (_what, fields) => {
		const refusal = refused(
			run(forumWith(), as('p-sec'), { ...newDelegate, ...fields }, { accountId: 'p-new' })
		);
		expect(refusal).toMatchObject({ code: 'role_mismatch', status: 400 });
	});

	it('refuses an unknown delegation (no_such_delegation, 404)', () => {
		const refusal = refused(
			run(forumWith(), as('p-sec'), { ...newDelegate, delegationId: 'XYZ' }, { accountId: 'p-new' })
		);
		expect(refusal).toMatchObject({ code: 'no_such_delegation', status: 404 });
	});

	it('refuses a person already registered (participant_exists, 409)', () => {
		const refusal = refused(
			run(forumWith(), as('p-sec'), newDelegate, { accountId: 'p-fra-head' })
		);
		expect(refusal).toMatchObject({ code: 'participant_exists', status: 409 });
	});

	it('is refused with wrong_phase once the forum is in session', () => {
		const refusal = refused(
			run(forumWith({ phase: 'in_session' }), as('p-sec'), newDelegate, { accountId: 'p-new' })
		);
		expect(refusal.code).toBe('wrong_phase');
	});
});

describe('report.add_section', () => {
	it("adds a section to the Secretary-General's report", () => {
		const { state, events } = accepted(run(forumWith(), as('p-sec'), section));
		expect(events.map((e) => e.type)).toEqual(['report.section_added']);
		expect(state.report.sections).toEqual([
			{ number: '2.1', title: 'Digital divides', text: 'Paragraphs of the report…' }
		]);
	});

	it('refuses a section number already used, even with surrounding spaces (section_exists)', () => {
		const once = accepted(run(forumWith(), as('p-sec'), section)).state;
		const refusal = refused(
			run(once, as('p-sec'), { ...section, number: ' 2.1 ', title: 'Other' })
		);
		expect(refusal).toMatchObject({ code: 'section_exists', status: 409 });
		expect(once.report.sections).toHaveLength(1);
	});

	it('is refused with wrong_phase once the forum is in session', () => {
		expect(refused(run(forumWith({ phase: 'in_session' }), as('p-sec'), section)).code).toBe(
			'wrong_phase'
		);
	});
});

describe('opinion.register', () => {
	it('registers a draft opinion in preparation, in_report and ordered by number', () => {
		let forum = accepted(run(forumWith(), as('p-sec'), opinion(2))).state;
		const { state, events } = accepted(run(forum, as('p-sec'), opinion(1)));
		forum = state;
		expect(events[0]).toMatchObject({ type: 'opinion.registered', audience: 'public' });
		expect(forum.opinions.map((o) => [o.number, o.status])).toEqual([
			[1, 'in_report'],
			[2, 'in_report']
		]);
		expect(forum.opinions[0]).toMatchObject({
			title: 'Draft opinion 1',
			illustrative: false,
			paragraphs: [
				{ kind: 'preambular', text: 'recognizing that…' },
				{ kind: 'operative', text: 'invites Member States…' }
			]
		});
	});

	it('keeps the title and paragraphs in other languages where given, and adds nothing otherwise', () => {
		const translatedOpinion = {
			...opinion(1),
			titleTranslations: { fr: "Projet d'avis 1", ar: 'مشروع الرأي 1' },
			paragraphs: [
				{
					kind: 'preambular',
					text: 'recognizing that…',
					translations: { fr: 'reconnaissant que…' }
				},
				{ kind: 'operative', text: 'invites Member States…' }
			]
		};
		const { state, events } = accepted(run(forumWith(), as('p-sec'), translatedOpinion));
		expect(events[0].payload).toMatchObject({ titleTranslations: { fr: "Projet d'avis 1" } });
		expect(state.opinions[0].titleTranslations).toEqual({
			fr: "Projet d'avis 1",
			ar: 'مشروع الرأي 1'
		});
		expect(state.opinions[0].paragraphs[0].translations).toEqual({ fr: 'reconnaissant que…' });
		expect(state.opinions[0].paragraphs[1]).not.toHaveProperty('translations');

		const plain = accepted(run(forumWith(), as('p-sec'), opinion(1))).state.opinions[0];
		expect(plain).not.toHaveProperty('titleTranslations');
		expect(plain.paragraphs[0]).not.toHaveProperty('translations');
	});

	it.each([
		['a language that is not one of ITU’s six', { titleTranslations: { de: 'Stellungnahme' } }],
		['English among the translations', { titleTranslations: { en: 'Another title' } }],
		['an empty translation', { titleTranslations: { fr: '  ' } }],
		[
			'a paragraph translation over the limit',
			{ paragraphs: [{ kind: 'operative', text: 'x', translations: { ru: 'я'.repeat(4001) } }] }
		]
	])('refuses %s as a malformed command', (_what, change) => {
		const parsed = parseCommand({ id: commandId(), ...opinion(1), ...change });
		expect(parsed).toMatchObject({ ok: false, code: 'malformed_command' });
	});

	it('keeps the illustrative mark', () => {
		const { state } = accepted(
			run(forumWith(), as('p-sec'), { ...opinion(1), illustrative: true })
		);
		expect(state.opinions[0].illustrative).toBe(true);
	});

	it('refuses a number already used (opinion_exists)', () => {
		const refusal = refused(run(forumWith({ opinions: 2 }), as('p-sec'), opinion(2)));
		expect(refusal).toMatchObject({ code: 'opinion_exists', status: 409 });
	});

	it.each(['in_session', 'closed'] as const)(
		'is refused once the forum is %s, citing the rule (preparatory_period_closed, 409)',
		(phase) => {
			const forum = forumWith({ phase, opinions: 1 });
			const refusal = refused(run(forum, as('p-sec'), opinion(6)));
			expect(refusal).toMatchObject({ code: 'preparatory_period_closed', status: 409 });
			expect(refusal.message).toContain('preparatory period');
		}
	);

	it('is refused after a real forum.open', () => {
		const opened = accepted(run(forumWith(), as('p-sg'), { type: 'forum.open' })).state;
		expect(refused(run(opened, as('p-sg'), opinion(1))).code).toBe('preparatory_period_closed');
		expect(opened.opinions).toEqual([]);
	});
});
