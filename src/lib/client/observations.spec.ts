import { describe, expect, it } from 'vitest';
import { as, event, forumWith, given, runAll, T0 } from '$lib/forum/testing';
import {
	byDelegation,
	compareSectionNumbers,
	inReportOrder,
	paragraphsOf,
	sectionsInOrder
} from './observations';

describe('paragraphsOf', () => {
	it('splits on blank lines (with spaces or CRLF), keeps single line breaks, drops empties', () => {
		expect(paragraphsOf('\n\nOne\nstill one.\n\n \n\nTwo.\r\n\r\n<b>Three</b>\n\n')).toEqual([
			'One\nstill one.',
			'Two.',
			'<b>Three</b>'
		]);
		expect(paragraphsOf('   ')).toEqual([]);
	});
});

describe('section order', () => {
	it('compares dotted numbers part by part, digits by value, letters after digits', () => {
		const numbers = ['A', '10', '2.1', 'B.1', '2', '2.10', '1', '2.2', 'B'];
		expect(numbers.sort(compareSectionNumbers)).toEqual([
			'1',
			'2',
			'2.1',
			'2.2',
			'2.10',
			'10',
			'A',
			'B',
			'B.1'
		]);
	});

	it('lists sections and observations in that order, observations by time within a section', () => {
		const section = (number: string) =>
			event('report.section_added', { number, title: `Section ${number}`, text: '' });
		const base = given(
			forumWith({ phase: 'in_session' }),
			section('2'),
			section('A'),
			section('1')
		);
		const state = runAll(base, [
			[as('p-bra-head'), { type: 'observation.submit', section: 'A', text: 'Brazil on A' }],
			[
				as('p-fra-head'),
				{ type: 'observation.submit', section: '2', text: 'France on 2' },
				{ now: T0 + 2 }
			],
			[
				as('p-ob'),
				{ type: 'observation.submit', section: '2', text: 'Palestine on 2' },
				{ now: T0 + 1 }
			],
			[as('p-fra-head'), { type: 'observation.submit', section: '1', text: 'France on 1' }]
		]);
		expect(sectionsInOrder(state).map((s) => s.number)).toEqual(['1', '2', 'A']);
		expect(inReportOrder(state, state.observations).map((o) => o.text)).toEqual([
			'France on 1',
			'Palestine on 2',
			'France on 2',
			'Brazil on A'
		]);
		expect(byDelegation(state).map((g) => [g.name, g.observations.map((o) => o.section)])).toEqual([
			['Brazil', ['A']],
			['France', ['1', '2']],
			['State of Palestine (observer)', ['2']]
		]);
	});
});
