import { describe, expect, it } from 'vitest';
import { newOpinion } from '$lib/forum/opinion.rules';
import { as, forumWith, patched } from '$lib/forum/testing';
import type { Amendment, AmendmentChange, DraftOpinion } from '$lib/forum/types';
import {
	amendmentName,
	checkOpen,
	describeChange,
	excerpt,
	mayPreside,
	opinionInFocus,
	paragraphLabels,
	secondsLeft,
	targetText
} from './opinions';

const opinion = (): DraftOpinion =>
	newOpinion({
		number: 1,
		title: 'Bridging digital divides',
		illustrative: true,
		paragraphs: [
			{ kind: 'preambular', text: 'recognizing that…' },
			{ kind: 'preambular', text: 'considering that…' },
			{ kind: 'operative', text: 'invites Member States to act;' },
			{ kind: 'operative', text: 'requests the Secretary-General to report.' }
		]
	});

function amendment(id: string, change: AmendmentChange, status: Amendment['status']): Amendment {
	return {
		id,
		opinion: 1,
		delegationId: 'FRA',
		authorId: 'p-fra-head',
		change,
		status,
		secondedBy: status === 'proposed' ? null : 'BRA',
		proposedAt: 0,
		decidedAt: null
	};
}

describe('paragraphLabels', () => {
	it('numbers preambular and operative paragraphs separately, in order', () => {
		const labels = paragraphLabels(opinion().paragraphs);
		expect([...labels.entries()]).toEqual([
			['p1', { short: 'PP 1', long: 'preambular paragraph 1' }],
			['p2', { short: 'PP 2', long: 'preambular paragraph 2' }],
			['p3', { short: 'OP 1', long: 'operative paragraph 1' }],
			['p4', { short: 'OP 2', long: 'operative paragraph 2' }]
		]);
	});
});

describe('describeChange and amendmentName', () => {
	it('names amendments by the order proposed and paragraphs as in the current text', () => {
		const o = opinion();
		o.amendments = [
			amendment('a-1', { kind: 'delete', paragraphId: 'p1' }, 'accepted'),
			amendment(
				'a-2',
				{ kind: 'insert', after: null, paragraphKind: 'operative', text: 'decides…' },
				'accepted'
			),
			amendment('a-3', { kind: 'replace', paragraphId: 'p4', text: 'asks…' }, 'proposed'),
			amendment('a-4', { kind: 'replace', paragraphId: 'a-2', text: 'resolves…' }, 'proposed'),
			amendment(
				'a-5',
				{ kind: 'insert', after: 'p3', paragraphKind: 'preambular', text: 'noting…' },
				'proposed'
			)
		];
		o.accepted = ['a-1', 'a-2'];
		expect(amendmentName(o, 'a-3')).toBe('Amendment 3');
		expect(amendmentName(o, 'nope')).toBe('An amendment');
		// p1 is deleted: it keeps its original number.
		expect(describeChange(o, o.amendments[0])).toBe('Delete PP 1');
		expect(describeChange(o, o.amendments[1])).toBe('Insert an operative paragraph at the start');
		// The inserted paragraph is now OP 1, so p3 is OP 2 and p4 OP 3.
		expect(describeChange(o, o.amendments[2])).toBe('Replace the wording of OP 3');
		expect(describeChange(o, o.amendments[3])).toBe('Replace the wording of OP 1');
		expect(describeChange(o, o.amendments[4])).toBe('Insert a preambular paragraph after OP 2');
		expect(targetText(o, o.amendments[2])).toBe('requests the Secretary-General to report.');
		expect(targetText(o, o.amendments[0])).toBeNull();
		expect(targetText(o, o.amendments[4])).toBeNull();
	});
});

describe('opinionInFocus', () => {
	it('is the opinion before the plenary, else the one decided last, else none', () => {
		const base = forumWith({ phase: 'in_session', opinions: 3 });
		expect(opinionInFocus(base)).toBeNull();
		const decided = patched(base, (s) => {
			s.opinions[0].status = 'adopted';
			s.opinions[0].decidedAt = 2_000;
			s.opinions[1].status = 'deferred';
			s.opinions[1].decidedAt = 1_000;
		});
		expect(opinionInFocus(decided)?.number).toBe(1);
		const considering = patched(decided, (s) => {
			s.opinions[2].status = 'consensus_check';
		});
		expect(opinionInFocus(considering)?.number).toBe(3);
	});
});

describe('checkOpen and secondsLeft', () => {
	it('is open strictly before closesAt, and counts whole seconds up', () => {
		const o = opinion();
		expect(checkOpen(o, 0)).toBe(false);
		o.consensusCheck = { openedAt: 0, closesAt: 20_000 };
		expect(checkOpen(o, 19_999)).toBe(true);
		expect(checkOpen(o, 20_000)).toBe(false);
		expect(secondsLeft(20_000, 0)).toBe('0:20');
		expect(secondsLeft(20_000, 19_001)).toBe('0:01');
		expect(secondsLeft(20_000, 25_000)).toBe('0:00');
		expect(secondsLeft(95_000, 0)).toBe('1:35');
	});
});

describe('mayPreside', () => {
	it('is the presiding officer in plenary, and the working group chair in the group', () => {
		const state = patched(forumWith({ phase: 'in_session', opinions: 1 }), (s) => {
			s.officers.workingGroupChairs['WG 1'] = 'p-bra-head';
		});
		const o = state.opinions[0];
		expect(mayPreside(state, as('p-sg'), o)).toBe(true);
		expect(mayPreside(state, as('p-bra-head'), o)).toBe(false);
		const inGroup = { ...o, status: 'assigned_to_wg' as const, workingGroup: 'WG 1' };
		expect(mayPreside(state, as('p-sg'), inGroup)).toBe(false);
		expect(mayPreside(state, as('p-bra-head'), inGroup)).toBe(true);
	});
});

describe('excerpt', () => {
	it('keeps short texts and cuts long ones with an ellipsis', () => {
		expect(excerpt('short')).toBe('short');
		expect(excerpt('a'.repeat(61))).toBe(`${'a'.repeat(60)}…`);
	});
});
