import { describe, expect, it } from 'vitest';
import { currentText } from './opinion.text';
import {
	accepted,
	as,
	commandId,
	display,
	event,
	forumWith,
	given,
	patched,
	refused,
	run,
	T0,
	withMemberStates
} from './testing';
import type { AmendmentChange, ForumState, OpinionParagraph, OpinionStatus } from './types';

/** The Chair, elected under item 2, and the chair of working group WG 1. */
const CHAIR = 'p-ms1-head';
const WG_CHAIR = 'p-ms2-head';
const WG = 'WG 1';

/** The original text of every seeded draft opinion (testing.ts). */
const ORIGINAL: OpinionParagraph[] = [
	{ id: 'p1', kind: 'preambular', text: 'recognizing that…' },
	{ id: 'p2', kind: 'operative', text: 'invites Member States…' }
];

/** Item 8 open, a Chair, WG 1 with its chair, opinion 1 before the plenary (or in WG 1). */
function considering(where: 'plenary' | 'wg' = 'plenary'): ForumState {
	return given(
		withMemberStates(forumWith({ phase: 'in_session', opinions: 2 }), 2),
		event('election.chair_elected', { chairId: CHAIR, how: 'acclamation' }),
		event('officers.appointed', {
			participantId: WG_CHAIR,
			office: 'working_group_chair',
			workingGroup: WG
		}),
		event('agenda.item_opened', { item: 8, how: 'opened' }),
		where === 'plenary'
			? event('opinion.taken_up', { opinion: 1 })
			: event('opinion.assigned_to_wg', { opinion: 1, workingGroup: WG })
	);
}

const replace = (paragraphId: string, text: string): AmendmentChange => ({
	kind: 'replace',
	paragraphId,
	text
});
const insert = (
	after: string | null,
	text: string,
	paragraphKind: 'preambular' | 'operative' = 'operative'
): AmendmentChange => ({ kind: 'insert', after, paragraphKind, text });
const remove = (paragraphId: string): AmendmentChange => ({ kind: 'delete', paragraphId });

const propose = (change: AmendmentChange, opinion = 1) => ({
	type: 'amendment.propose',
	opinion,
	change
});
const ref = (verb: string, amendmentId: string) => ({
	type: `amendment.${verb}`,
	opinion: 1,
	amendmentId
});

const opinionOf = (state: ForumState, n = 1) => state.opinions.find((o) => o.number === n)!;
const amendmentOf = (state: ForumState, id: string) =>
	opinionOf(state).amendments.find((a) => a.id === id)!;
const textOf = (state: ForumState) => currentText(opinionOf(state)).map((p) => p.text);

/** Proposed by `by` (France's head unless said); returns the new state and the amendment's id. */
function proposed(
	state: ForumState,
	change: AmendmentChange,
	by = 'p-fra-head'
): { state: ForumState; id: string } {
	const id = commandId();
	return { state: accepted(run(state, as(by), { id, ...propose(change) })).state, id };
}

/** Proposed by France and seconded by Brazil. */
function seconded(state: ForumState, change: AmendmentChange) {
	const p = proposed(state, change);
	return { state: accepted(run(p.state, as('p-bra-head'), ref('second', p.id))).state, id: p.id };
}

/** Proposed, seconded and accepted by `by` (the Chair unless said). */
function acceptedChange(state: ForumState, change: AmendmentChange, by = CHAIR) {
	const s = seconded(state, change);
	return { state: accepted(run(s.state, as(by), ref('accept', s.id))).state, id: s.id };
}

/** Several changes proposed, seconded and accepted in turn. */
function withChanges(state: ForumState, ...changes: AmendmentChange[]) {
	const ids: string[] = [];
	for (const change of changes) {
		const next = acceptedChange(state, change);
		state = next.state;
		ids.push(next.id);
	}
	return { state, ids };
}

describe('amendment.propose', () => {
	it.each([
		['a Member State', 'p-fra-delegate', 'FRA'],
		['a Sector Member', 'p-sm-x', 'SM-X']
	])('%s proposes an amendment, publicly', (_w, who, delegationId) => {
		const id = commandId();
		const change = replace('p2', 'urges Member States…');
		const { state, events } = accepted(
			run(considering(), as(who), { id, ...propose(change) }, { now: T0 + 1000 })
		);
		expect(events).toEqual([
			expect.objectContaining({ type: 'amendment.proposed', audience: 'public', actor: who })
		]);
		expect(opinionOf(state).amendments).toEqual([
			{
				id,
				opinion: 1,
				delegationId,
				authorId: who,
				change,
				status: 'proposed',
				secondedBy: null,
				proposedAt: T0 + 1000,
				decidedAt: null
			}
		]);
		// proposing changes nothing yet
		expect(currentText(opinionOf(state))).toEqual(ORIGINAL);
	});

	it.each(['p-ob', 'p-sec', 'p-nobody'])('%s may not propose (403)', (who) => {
		expect(refused(run(considering(), as(who), propose(remove('p1'))))).toMatchObject({
			code: 'not_allowed',
			status: 403
		});
	});

	it('the room display may not propose (403)', () => {
		expect(refused(run(considering(), display, propose(remove('p1')))).status).toBe(403);
	});

	it.each(['in_report', 'adopted', 'adopted_with_amendments', 'not_adopted', 'deferred'] as const)(
		'is refused on an opinion %s (opinion_not_under_consideration)',
		(status: OpinionStatus) => {
			const state = patched(considering(), (d) => void (d.opinions[0].status = status));
			expect(refused(run(state, as('p-fra-head'), propose(remove('p1'))))).toMatchObject({
				code: 'opinion_not_under_consideration',
				status: 409
			});
		}
	);

	it('is open in a working group and during a consensus check', () => {
		const inWg = proposed(considering('wg'), remove('p1'));
		expect(opinionOf(inWg.state).amendments.map((a) => a.id)).toEqual([inWg.id]);
		const checking = accepted(
			run(considering(), as(CHAIR), { type: 'opinion.check_consensus', opinion: 1 })
		).state;
		const duringCheck = proposed(checking, remove('p1'));
		expect(opinionOf(duringCheck.state).amendments.map((a) => a.id)).toEqual([duringCheck.id]);
	});

	it.each([
		['replace', replace('p9', 'x')],
		['delete', remove('p9')],
		['insert', insert('p9', 'x')]
	])('%s of a paragraph not in the text is refused (no_such_paragraph)', (_w, change) => {
		expect(refused(run(considering(), as('p-fra-head'), propose(change)))).toMatchObject({
			code: 'no_such_paragraph',
			status: 404
		});
	});

	it('a paragraph deleted by an accepted amendment can no longer be amended', () => {
		const { state } = acceptedChange(considering(), remove('p1'));
		expect(refused(run(state, as('p-fra-head'), propose(replace('p1', 'x')))).code).toBe(
			'no_such_paragraph'
		);
	});

	it('refuses an opinion that does not exist (404)', () => {
		expect(refused(run(considering(), as('p-fra-head'), propose(remove('p1'), 9)))).toMatchObject({
			code: 'no_such_opinion',
			status: 404
		});
	});
});

describe('amendment.second', () => {
	it('another delegation seconds, publicly', () => {
		const { state, id } = proposed(considering(), remove('p1'));
		const { state: after, events } = accepted(run(state, as('p-sm-x'), ref('second', id)));
		expect(events[0]).toMatchObject({
			type: 'amendment.seconded',
			payload: { opinion: 1, amendmentId: id, delegationId: 'SM-X' },
			audience: 'public'
		});
		expect(amendmentOf(after, id)).toMatchObject({ status: 'seconded', secondedBy: 'SM-X' });
	});

	it('refuses a second from the proposing delegation (same_delegation)', () => {
		const { state, id } = proposed(considering(), remove('p1'));
		for (const who of ['p-fra-head', 'p-fra-delegate']) {
			expect(refused(run(state, as(who), ref('second', id)))).toMatchObject({
				code: 'same_delegation',
				status: 409
			});
		}
	});

	it('refuses a second second (amendment_not_proposed)', () => {
		const { state, id } = seconded(considering(), remove('p1'));
		expect(refused(run(state, as('p-sm-x'), ref('second', id))).code).toBe(
			'amendment_not_proposed'
		);
	});

	it('an observer may not second (403)', () => {
		const { state, id } = proposed(considering(), remove('p1'));
		expect(refused(run(state, as('p-ob'), ref('second', id))).status).toBe(403);
	});

	it('refuses an amendment that does not exist (404)', () => {
		expect(refused(run(considering(), as('p-bra-head'), ref('second', 'cmd-nope')))).toMatchObject({
			code: 'no_such_amendment',
			status: 404
		});
	});
});

describe('amendment.accept and amendment.reject', () => {
	it.each(['accept', 'reject'])(
		'%s before a second is refused (amendment_not_seconded)',
		(verb) => {
			const { state, id } = proposed(considering(), remove('p1'));
			expect(refused(run(state, as(CHAIR), ref(verb, id)))).toMatchObject({
				code: 'amendment_not_seconded',
				status: 409
			});
		}
	);

	it('accept: the amendment is accepted and the text changes', () => {
		const { state, id } = seconded(considering(), replace('p2', 'urges Member States…'));
		const { state: after, events } = accepted(
			run(state, as(CHAIR), ref('accept', id), { now: T0 + 5000 })
		);
		expect(events[0]).toMatchObject({
			type: 'amendment.decided',
			payload: { opinion: 1, amendmentId: id, status: 'accepted' },
			audience: 'public'
		});
		expect(amendmentOf(after, id)).toMatchObject({ status: 'accepted', decidedAt: T0 + 5000 });
		expect(opinionOf(after).accepted).toEqual([id]);
		expect(textOf(after)).toEqual(['recognizing that…', 'urges Member States…']);
	});

	it('reject: the amendment is rejected and the text stays', () => {
		const { state, id } = seconded(considering(), replace('p2', 'urges Member States…'));
		const after = accepted(run(state, as(CHAIR), ref('reject', id))).state;
		expect(amendmentOf(after, id).status).toBe('rejected');
		expect(opinionOf(after).accepted).toEqual([]);
		expect(currentText(opinionOf(after))).toEqual(ORIGINAL);
	});

	it.each(['accept', 'reject'])('%s a decided amendment is refused (amendment_decided)', (verb) => {
		const { state, id } = acceptedChange(considering(), remove('p1'));
		expect(refused(run(state, as(CHAIR), ref(verb, id)))).toMatchObject({
			code: 'amendment_decided',
			status: 409
		});
	});

	it.each(['accept', 'reject'])(
		'in plenary only the presiding officer may %s (403 for others, the WG chair too)',
		(verb) => {
			const { state, id } = seconded(considering(), remove('p1'));
			for (const who of [WG_CHAIR, 'p-fra-head', 'p-bra-head', 'p-sec', 'p-sm-x']) {
				expect(refused(run(state, as(who), ref(verb, id)))).toMatchObject({
					code: 'not_allowed',
					status: 403
				});
			}
		}
	);

	it.each(['accept', 'reject'])(
		"in a working group only its chair may %s (403 for the plenary's presiding officer)",
		(verb) => {
			const { state, id } = seconded(considering('wg'), remove('p1'));
			expect(refused(run(state, as(CHAIR), ref(verb, id))).status).toBe(403);
			const after = accepted(run(state, as(WG_CHAIR), ref(verb, id))).state;
			expect(amendmentOf(after, id).status).toBe(verb === 'accept' ? 'accepted' : 'rejected');
		}
	);

	it('refused once the opinion is decided', () => {
		const { state, id } = seconded(considering(), remove('p1'));
		const deferred = accepted(run(state, as(CHAIR), { type: 'opinion.defer', opinion: 1 })).state;
		expect(refused(run(deferred, as(CHAIR), ref('accept', id))).code).toBe(
			'opinion_not_under_consideration'
		);
	});
});

describe('amendment.withdraw', () => {
	it.each([
		['proposed', proposed],
		['seconded', seconded]
	])('the proposing delegation withdraws a %s amendment', (_w, make) => {
		const { state, id } = make(considering(), remove('p1'));
		// any delegate of the proposing delegation
		const { state: after, events } = accepted(
			run(state, as('p-fra-delegate'), ref('withdraw', id))
		);
		expect(events[0]).toMatchObject({
			type: 'amendment.decided',
			payload: { opinion: 1, amendmentId: id, status: 'withdrawn' },
			audience: 'public'
		});
		expect(amendmentOf(after, id).status).toBe('withdrawn');
		expect(currentText(opinionOf(after))).toEqual(ORIGINAL);
		// and it can no longer be accepted
		expect(refused(run(after, as(CHAIR), ref('accept', id))).code).toBe('amendment_decided');
	});

	it.each(['p-bra-head', 'p-sm-x', CHAIR, 'p-sec', 'p-ob'])(
		'%s, not of the proposing delegation, may not withdraw it (403)',
		(who) => {
			const { state, id } = seconded(considering(), remove('p1'));
			expect(refused(run(state, as(who), ref('withdraw', id)))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
	);

	it.each(['accept', 'reject'])(
		'not after the amendment is decided (%s: amendment_decided)',
		(verb) => {
			const s = seconded(considering(), remove('p1'));
			const decided = accepted(run(s.state, as(CHAIR), ref(verb, s.id))).state;
			expect(refused(run(decided, as('p-fra-head'), ref('withdraw', s.id)))).toMatchObject({
				code: 'amendment_decided',
				status: 409
			});
		}
	);

	it('not twice', () => {
		const p = proposed(considering(), remove('p1'));
		const once = accepted(run(p.state, as('p-fra-head'), ref('withdraw', p.id))).state;
		expect(refused(run(once, as('p-fra-head'), ref('withdraw', p.id))).code).toBe(
			'amendment_decided'
		);
	});
});

describe('the text after accepted amendments', () => {
	it('replace changes one paragraph, keeping its id and kind', () => {
		const { state } = withChanges(considering(), replace('p1', 'noting that…'));
		expect(currentText(opinionOf(state))).toEqual([
			{ id: 'p1', kind: 'preambular', text: 'noting that…' },
			ORIGINAL[1]
		]);
	});

	it('insert at the start, after a paragraph and at the end; ids are the amendments', () => {
		const { state, ids } = withChanges(
			considering(),
			insert(null, 'recalling WTPF-21,', 'preambular'),
			insert('p1', 'noting the report,', 'preambular'),
			insert('p2', 'instructs the Secretary-General…')
		);
		expect(currentText(opinionOf(state))).toEqual([
			{ id: ids[0], kind: 'preambular', text: 'recalling WTPF-21,' },
			ORIGINAL[0],
			{ id: ids[1], kind: 'preambular', text: 'noting the report,' },
			ORIGINAL[1],
			{ id: ids[2], kind: 'operative', text: 'instructs the Secretary-General…' }
		]);
	});

	it('insert after an inserted paragraph', () => {
		const first = acceptedChange(considering(), insert('p2', 'first new.'));
		const { state } = acceptedChange(first.state, insert(first.id, 'second new.'));
		expect(textOf(state)).toEqual([
			'recognizing that…',
			'invites Member States…',
			'first new.',
			'second new.'
		]);
	});

	it('delete removes a paragraph', () => {
		const { state } = withChanges(considering(), remove('p1'));
		expect(currentText(opinionOf(state))).toEqual([ORIGINAL[1]]);
	});

	it('two amendments on the same paragraph apply in the order they were accepted', () => {
		const a = seconded(considering(), replace('p2', 'urges Member States…'));
		const b = seconded(a.state, replace('p2', 'encourages Member States…'));
		// accepted b first, then a: a's wording is the last word
		const bThenA = [b.id, a.id].reduce(
			(s, id) => accepted(run(s, as(CHAIR), ref('accept', id))).state,
			b.state
		);
		expect(opinionOf(bThenA).accepted).toEqual([b.id, a.id]);
		expect(textOf(bThenA)).toEqual(['recognizing that…', 'urges Member States…']);
		const aThenB = [a.id, b.id].reduce(
			(s, id) => accepted(run(s, as(CHAIR), ref('accept', id))).state,
			b.state
		);
		expect(textOf(aThenB)).toEqual(['recognizing that…', 'encourages Member States…']);
	});

	it.each([
		['replace', replace('p1', 'noting that…')],
		['delete', remove('p1')],
		['insert after', insert('p1', 'new.')]
	])(
		'an amendment (%s) whose paragraph an accepted one deleted cannot be accepted (amendment_conflicts)',
		(_w, change) => {
			const deleting = seconded(considering(), remove('p1'));
			const other = seconded(deleting.state, change);
			const deleted = accepted(run(other.state, as(CHAIR), ref('accept', deleting.id))).state;
			const refusal = refused(run(deleted, as(CHAIR), ref('accept', other.id)));
			expect(refusal).toMatchObject({ code: 'amendment_conflicts', status: 409 });
			expect(amendmentOf(deleted, other.id).status).toBe('seconded');
			// it can still be rejected or withdrawn, and the opinion then adopted
			const rejected = accepted(run(deleted, as(CHAIR), ref('reject', other.id))).state;
			const adopted = accepted(
				run(rejected, as(CHAIR), { type: 'opinion.declare_consensus', opinion: 1 })
			).state;
			expect(opinionOf(adopted).status).toBe('adopted_with_amendments');
			expect(textOf(adopted)).toEqual(['invites Member States…']);
		}
	);

	it('an inserted paragraph can be amended in turn: replaced, or deleted', () => {
		const inserted = acceptedChange(
			considering(),
			insert('p1', 'noting the report,', 'preambular')
		);
		const replaced = acceptedChange(
			inserted.state,
			replace(inserted.id, 'noting the report with appreciation,')
		);
		expect(currentText(opinionOf(replaced.state))[1]).toEqual({
			id: inserted.id,
			kind: 'preambular',
			text: 'noting the report with appreciation,'
		});
		const deleted = acceptedChange(replaced.state, remove(inserted.id));
		expect(currentText(opinionOf(deleted.state))).toEqual(ORIGINAL);
	});

	it('an inserted paragraph cannot be amended before it is accepted (no_such_paragraph)', () => {
		const pending = seconded(considering(), insert('p1', 'noting the report,'));
		expect(
			refused(run(pending.state, as('p-bra-head'), propose(replace(pending.id, 'x')))).code
		).toBe('no_such_paragraph');
	});

	it('the original paragraphs never change', () => {
		const { state } = withChanges(
			considering(),
			replace('p2', 'urges Member States…'),
			insert(null, 'recalling,', 'preambular'),
			remove('p1'),
			replace('p2', 'encourages Member States…')
		);
		expect(opinionOf(state).paragraphs).toEqual(ORIGINAL);
		expect(textOf(state)).toEqual(['recalling,', 'encourages Member States…']);
		// nor does opinion 2's
		expect(opinionOf(state, 2).paragraphs).toEqual(ORIGINAL);
	});
});
