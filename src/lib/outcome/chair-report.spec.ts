import { describe, expect, it } from 'vitest';
import { accepted, as, event, forumWith, given, run, runAll, T0 } from '$lib/forum/testing';
import type { ForumState } from '$lib/forum/types';
import { adoptedOpinions, chairReport, outcomeOf, styledParagraphs } from './chair-report';
import { fromLocalInput, historySummary, toLocalInput } from './history';
import { formatDuration, formatMoment, parseLanguage } from './labels';

const SG = 'p-sg';
const SECRETARIAT = 'p-sec';
const CHAIR = 'p-bra-head';
const FRANCE = 'p-fra-head';
const KENYA = 'p-ken-head';
const minutes = (n: number) => T0 + n * 60_000;

/**
 * WTPF-26 from its opening to the end of item 8: Brazil's head elected Chair by acclamation,
 * an observation presented, a statement under item 8, and five draft opinions: 1 adopted with a
 * reservation and recorded, 2 adopted with an amendment, 3 not adopted over an objection,
 * 4 deferred, 5 never taken up. A summary of a closed session published.
 */
function forumAfterItem8(): ForumState {
	let state = given(
		forumWith({ phase: 'in_session', opinions: 5 }),
		event('participant.registered', {
			participantId: KENYA,
			name: 'Head of delegation of Kenya',
			delegationId: 'KEN',
			role: 'head'
		}),
		event('report.section_added', { number: '2', title: 'Digital divides', text: 'Text.' }),
		event('report.section_added', { number: '3', title: 'Green transformation', text: 'Text.' })
	);
	state = runAll(state, [
		[as(SG), { type: 'agenda.open', item: 1 }, { now: minutes(0) }],
		[as(SG), { type: 'agenda.close', item: 1 }, { now: minutes(10) }],
		[as(SG), { type: 'agenda.open', item: 2 }, { now: minutes(11) }],
		[as(FRANCE), { type: 'election.nominate', candidateId: CHAIR }, { now: minutes(12) }],
		[as(KENYA), { type: 'election.second', candidateId: CHAIR }, { now: minutes(13) }],
		[as(SG), { type: 'election.declare_acclaimed' }, { now: minutes(14) }],
		[as(CHAIR), { type: 'agenda.close', item: 2 }, { now: minutes(15) }],
		[as(CHAIR), { type: 'officers.appoint', participantId: KENYA, office: 'vice_chair' }],
		[as(FRANCE), { type: 'observation.submit', section: '3', text: 'France supports section 3.' }],
		[as('p-sm-x'), { type: 'observation.submit', section: '2', text: 'On skills.\n\nAnd more.' }],
		[as(CHAIR), { type: 'agenda.open', item: 8 }, { now: minutes(30) }]
	]);
	const presented = state.observations.find((o) => o.delegationId === 'FRA')!;
	state = accepted(
		run(
			state,
			as(SECRETARIAT),
			{ type: 'observation.mark_presented', observationId: presented.id },
			{ now: minutes(31) }
		)
	).state;
	// France speaks for 2 min 5 s on behalf of a group, with a 20-second pause in between.
	const asked = accepted(
		run(state, as(FRANCE), { type: 'floor.request', kind: 'statement', onBehalfOf: 'CEPT' })
	);
	const requestId = asked.state.floor[8].requests[0].id;
	state = runAll(asked.state, [
		[as(CHAIR), { type: 'floor.give', requestId }, { now: minutes(32) }],
		[as(CHAIR), { type: 'floor.pause' }, { now: minutes(33) }],
		[as(CHAIR), { type: 'floor.resume' }, { now: minutes(33) + 20_000 }],
		[as(CHAIR), { type: 'floor.end' }, { now: minutes(34) + 25_000 }]
	]);
	// Opinion 1: a reservation, adopted, recorded.
	state = runAll(state, [
		[as(CHAIR), { type: 'opinion.take_up', opinion: 1 }],
		[
			as(FRANCE),
			{
				type: 'opinion.stance',
				opinion: 1,
				stance: 'reservation',
				text: 'France reserves its position on operative paragraph 1.'
			},
			{ now: minutes(40) }
		],
		[as(KENYA), { type: 'opinion.stance', opinion: 1, stance: 'support' }],
		[as(CHAIR), { type: 'opinion.declare_consensus', opinion: 1 }, { now: minutes(41) }],
		[as(SECRETARIAT), { type: 'opinion.record_adopted', opinion: 1 }, { now: minutes(42) }],
		[as(CHAIR), { type: 'opinion.take_up', opinion: 2 }]
	]);
	// Opinion 2: Kenya's amendment to operative paragraph 1, seconded by France, accepted.
	const proposed = accepted(
		run(state, as(KENYA), {
			type: 'amendment.propose',
			opinion: 2,
			change: { kind: 'replace', paragraphId: 'p2', text: 'urges Member States…' }
		})
	);
	const amendmentId = proposed.state.opinions[1].amendments[0].id;
	state = runAll(proposed.state, [
		[as(FRANCE), { type: 'amendment.second', opinion: 2, amendmentId }],
		[as(CHAIR), { type: 'amendment.accept', opinion: 2, amendmentId }],
		[as(CHAIR), { type: 'opinion.declare_consensus', opinion: 2 }, { now: minutes(50) }],
		// Opinion 3: Kenya objects; no consensus.
		[as(CHAIR), { type: 'opinion.take_up', opinion: 3 }],
		[
			as(KENYA),
			{ type: 'opinion.stance', opinion: 3, stance: 'objection', text: 'Beyond the report.' }
		],
		[as(CHAIR), { type: 'opinion.declare_no_consensus', opinion: 3 }, { now: minutes(60) }],
		// Opinion 4: deferred.
		[as(CHAIR), { type: 'opinion.take_up', opinion: 4 }],
		[as(CHAIR), { type: 'opinion.defer', opinion: 4 }, { now: minutes(70) }]
	]);
	return given(
		state,
		event(
			'restricted.summary_published',
			{ text: 'The Member States agreed on the timetable.' },
			{
				at: minutes(80)
			}
		)
	);
}

describe("the Chair's report", () => {
	const state = forumAfterItem8();

	it('gives the forum, its officers and how the Chair was elected', () => {
		const report = chairReport(state, 'en');
		expect(report.forum.title).toBe('World Telecommunication/ICT Policy Forum 2026');
		expect(report.forum.venue).toBe('Geneva');
		expect(report.forum.opened).toBe(formatMoment(T0, 'en'));
		expect(report.officers.chair).toEqual({
			name: 'Head of delegation of Brazil',
			delegation: 'Brazil',
			elected: `elected by acclamation on ${formatMoment(minutes(14), 'en')}`
		});
		expect(report.officers.openingOfficer).toBe('Secretary-General');
		expect(report.officers.viceChairs).toEqual(['Head of delegation of Kenya']);
		expect(report.officers.workingGroupChairs).toEqual([]);
	});

	it('gives each agenda item with the times it was opened and closed', () => {
		const report = chairReport(state, 'en');
		expect(report.agenda.map((i) => i.status)).toEqual([
			'closed',
			'closed',
			'pending',
			'pending',
			'pending',
			'pending',
			'pending',
			'open',
			'pending',
			'pending'
		]);
		expect(report.agenda[0].sittings).toEqual([
			`opened ${formatMoment(minutes(0), 'en')}, closed ${formatMoment(minutes(10), 'en')}`
		]);
		expect(report.agenda[7].sittings).toEqual([
			`opened ${formatMoment(minutes(30), 'en')}, still open`
		]);
		expect(report.agenda[7].statusLabel).toBe('open');
	});

	it('gives the observations by section in the report order, with their delegation', () => {
		const report = chairReport(state, 'en');
		expect(
			report.observations.map((s) => [
				s.heading,
				s.observations.map((o) => [o.delegation, o.text, o.status])
			])
		).toEqual([
			[
				'Section 2: Digital divides',
				[['Example Telecom (Sector Member)', 'On skills.\n\nAnd more.', 'submitted, not presented']]
			],
			[
				'Section 3: Green transformation',
				[['France', 'France supports section 3.', `presented ${formatMoment(minutes(31), 'en')}`]]
			]
		]);
	});

	it('gives the statements: who spoke, on which item, for how long, in what capacity', () => {
		const report = chairReport(state, 'en');
		expect(report.statements).toEqual([
			{
				item: 8,
				heading: 'Item 8: Consideration of draft opinions',
				speeches: [
					{
						speaker: 'Head of delegation of France',
						delegation: 'France',
						kind: 'statement',
						kindLabel: 'Statement',
						capacity: 'on behalf of CEPT',
						started: formatMoment(minutes(32), 'en'),
						seconds: 125,
						duration: '2 min 05 s'
					}
				]
			}
		]);
	});

	it("gives each opinion's outcome, reservations, objections and accepted amendments", () => {
		const report = chairReport(state, 'en');
		expect(report.opinions.map((o) => [o.number, o.outcome, o.outcomeLabel])).toEqual([
			[1, 'adopted', 'Adopted'],
			[2, 'adopted_with_amendments', 'Adopted with amendments'],
			[3, 'not_adopted', 'Not adopted'],
			[4, 'deferred', 'Deferred'],
			[5, 'undecided', 'Not yet decided']
		]);
		const [one, two, three, four, five] = report.opinions;
		expect(one.reservations).toEqual([
			{ delegation: 'France', text: 'France reserves its position on operative paragraph 1.' }
		]);
		expect(one.objections).toEqual([]);
		expect(one.decided).toBe(formatMoment(minutes(41), 'en'));
		expect(one.recorded).toBe(
			`Final text recorded by the secretariat on ${formatMoment(minutes(42), 'en')}`
		);
		expect(two.recorded).toBe('Final text not yet recorded by the secretariat');
		expect(two.amendments).toEqual([
			{
				proposedBy: 'Proposed by Kenya, seconded by France',
				change: 'New wording of operative paragraph 1',
				text: 'urges Member States…'
			}
		]);
		expect(three.objections).toEqual([{ delegation: 'Kenya', text: 'Beyond the report.' }]);
		expect(three.recorded).toBeNull();
		expect(four.decided).toBe(formatMoment(minutes(70), 'en'));
		expect(five.decided).toBeNull();
		expect(five.amendments).toEqual([]);
	});

	it('gives the published summaries of the sessions for Member States only', () => {
		expect(chairReport(state, 'en').summaries).toEqual([
			{
				at: minutes(80),
				when: formatMoment(minutes(80), 'en'),
				text: 'The Member States agreed on the timetable.'
			}
		]);
	});

	it('speaks French when asked, with the French titles where the forum has them', () => {
		const report = chairReport(state, 'fr');
		expect(report.lang).toBe('fr');
		expect(report.forum.title).toBe('FMPT-26');
		expect(report.opinions.map((o) => o.outcomeLabel)).toEqual([
			'Adopté',
			'Adopté avec amendements',
			'Non adopté',
			'Reporté',
			'Pas encore décidé'
		]);
		expect(report.opinions[1].heading).toBe(
			"Projet d'avis 2 : Green digital transformation (illustrative)"
		);
		expect(report.opinions[1].amendments[0]).toEqual({
			proposedBy: 'Proposé par Kenya, appuyé par France',
			change: 'Nouveau libellé du paragraphe 1 du dispositif',
			text: 'urges Member States…'
		});
		expect(report.statements[0].speeches[0].capacity).toBe('au nom de CEPT');
		expect(report.officers.chair?.elected).toBe(
			`élu par acclamation le ${formatMoment(minutes(14), 'fr')}`
		);
		expect(formatMoment(minutes(14), 'fr')).toMatch(/^12 mai 2026/);
	});

	it('leaves out observations withdrawn by their authors and speeches still in progress', () => {
		const withdrawn = state.observations.find((o) => o.delegationId === 'SM-X')!;
		const after = accepted(
			run(state, as('p-sm-x'), { type: 'observation.withdraw', observationId: withdrawn.id })
		).state;
		expect(chairReport(after, 'en').observations.map((s) => s.section)).toEqual(['3']);
		const asked = accepted(run(after, as(KENYA), { type: 'floor.request', kind: 'statement' }));
		const speaking = accepted(
			run(asked.state, as(CHAIR), {
				type: 'floor.give',
				requestId: asked.state.floor[8].requests[0].id
			})
		).state;
		expect(speaking.floor[8].current?.participantId).toBe(KENYA);
		expect(chairReport(speaking, 'en').statements[0].speeches).toHaveLength(1);
	});
});

describe('the adopted opinions', () => {
	const state = forumAfterItem8();

	it('are the recorded final text, else the current text marked not yet recorded', () => {
		const adopted = adoptedOpinions(state);
		expect(adopted.map((o) => [o.number, o.outcome, o.recorded])).toEqual([
			[1, 'adopted', true],
			[2, 'adopted_with_amendments', false]
		]);
		expect(adopted[0].paragraphs).toEqual(state.opinions[0].finalText);
		expect(adopted[0].recordedAt).toBe(minutes(42));
		expect(adopted[1].paragraphs.map((p) => p.text)).toEqual([
			'recognizing that…',
			'urges Member States…'
		]);
	});

	it('set the leading words in italics and number the operative paragraphs', () => {
		expect(
			styledParagraphs([
				{ id: 'p1', kind: 'preambular', text: 'recognizing that access matters;' },
				{ id: 'p2', kind: 'preambular', text: 'bearing in mind the report;' },
				{ id: 'p3', kind: 'operative', text: 'invites Member States to act;' },
				{ id: 'p4', kind: 'operative', text: 'requests the Secretary-General to report.' }
			])
		).toEqual([
			{ kind: 'preambular', number: null, lead: 'recognizing', rest: ' that access matters;' },
			{ kind: 'preambular', number: null, lead: 'bearing in mind', rest: ' the report;' },
			{ kind: 'operative', number: 1, lead: 'invites', rest: ' Member States to act;' },
			{ kind: 'operative', number: 2, lead: 'requests', rest: ' the Secretary-General to report.' }
		]);
	});

	it('are none before item 8', () => {
		expect(adoptedOpinions(forumWith({ phase: 'in_session', opinions: 5 }))).toEqual([]);
	});
});

describe('outcome helpers', () => {
	it('reads only en and fr as languages, English by default', () => {
		expect([null, '', 'en', 'fr', 'es', 'FR'].map(parseLanguage)).toEqual([
			'en',
			'en',
			'en',
			'fr',
			null,
			null
		]);
	});

	it('prints durations in minutes and seconds', () => {
		expect([0, 9, 60, 125, 3600].map(formatDuration)).toEqual([
			'0 s',
			'9 s',
			'1 min 00 s',
			'2 min 05 s',
			'60 min 00 s'
		]);
	});

	it('prints moments in Geneva time', () => {
		// T0 is 07:30 UTC in May: 09:30 in Geneva (summer time); in December, UTC+1.
		expect(formatMoment(T0, 'en')).toBe('12 May 2026 at 09:30');
		expect(formatMoment(Date.UTC(2026, 11, 1, 8, 0), 'fr')).toBe('1 décembre 2026 à 09:00');
	});

	it('reads and writes date-time inputs in Geneva time, both sides of a change of offset', () => {
		expect(toLocalInput(T0)).toBe('2026-05-12T09:30:00');
		expect(fromLocalInput('2026-05-12T09:30')).toBe(T0);
		expect(fromLocalInput('2026-12-01T09:00:00')).toBe(Date.UTC(2026, 11, 1, 8, 0));
		for (const at of [Date.UTC(2026, 2, 29, 0, 59), Date.UTC(2026, 2, 29, 1, 1), T0]) {
			expect(fromLocalInput(toLocalInput(at))).toBe(at - (at % 1000));
		}
		expect(fromLocalInput('12/05/2026 09:30')).toBeNull();
	});

	it("summarizes the forum at a moment: agenda, presiding officer, opinions' states", () => {
		const summary = historySummary(forumAfterItem8());
		expect(summary.currentItem).toBe(8);
		expect(summary.presiding).toEqual({ name: 'Head of delegation of Brazil', office: 'Chair' });
		expect(summary.opinions.map((o) => o.status)).toEqual([
			'adopted',
			'adopted with amendments',
			'not adopted',
			'deferred',
			'in report'
		]);
		expect(historySummary(forumWith()).presiding).toEqual({
			name: 'Secretary-General',
			office: 'Opening officer'
		});
	});

	it('names what became of every status', () => {
		const opinion = forumWith({ opinions: 1 }).opinions[0];
		expect(outcomeOf({ ...opinion, status: 'wg_agreed' })).toBe('undecided');
		expect(outcomeOf({ ...opinion, status: 'deferred' })).toBe('deferred');
	});
});
