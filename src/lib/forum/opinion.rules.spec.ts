import { describe, expect, it } from 'vitest';
import { OPINION_TRANSITIONS, type OpinionCommandType } from './opinion.rules';
import { currentText } from './opinion.text';
import { COMMAND_TYPES } from './rules';
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
	runAll,
	T0,
	withMemberStates
} from './testing';
import {
	OPINION_STATUSES,
	type AmendmentChange,
	type ForumState,
	type OpinionStatus
} from './types';

/** The Chair, elected under item 2: the head of Member State 1. */
const CHAIR = 'p-ms1-head';
/** The chair of working group WG 1, appointed by the Chair: the head of Member State 2. */
const WG_CHAIR = 'p-ms2-head';
const WG = 'WG 1';

/** WTPF-26 in session, a Chair in office, WG 1 with its chair, item 8 open, `n` opinions in the report. */
function underItem8(n = 3): ForumState {
	return given(
		withMemberStates(forumWith({ phase: 'in_session', opinions: n }), 2),
		event('election.chair_elected', { chairId: CHAIR, how: 'acclamation' }),
		event('officers.appointed', {
			participantId: WG_CHAIR,
			office: 'working_group_chair',
			workingGroup: WG
		}),
		event('agenda.item_opened', { item: 8, how: 'opened' })
	);
}

const op = (type: string, opinion = 1, more: Record<string, unknown> = {}) => ({
	type,
	opinion,
	...more
});
const TAKE_UP = (n = 1) => op('opinion.take_up', n);
const ASSIGN = (n = 1, workingGroup = WG) => op('opinion.assign_wg', n, { workingGroup });
const CHECK = (n = 1) => op('opinion.check_consensus', n);
const CONSENSUS = (n = 1) => op('opinion.declare_consensus', n);
const NO_CONSENSUS = (n = 1) => op('opinion.declare_no_consensus', n);
const DEFER = (n = 1) => op('opinion.defer', n);
const RECORD = (n = 1) => op('opinion.record_adopted', n);
const stance = (kind: 'support' | 'objection' | 'reservation' | 'none', n = 1, text?: string) =>
	op('opinion.stance', n, text === undefined ? { stance: kind } : { stance: kind, text });

/** Opinion 1 before the plenary. */
const takenUp = (state = underItem8()) => accepted(run(state, as(CHAIR), TAKE_UP())).state;
/** Opinion 1 in WG 1. */
const inWG = (state = underItem8()) => accepted(run(state, as(CHAIR), ASSIGN())).state;

const statusOf = (state: ForumState, n = 1) => state.opinions.find((o) => o.number === n)!.status;
const opinionOf = (state: ForumState, n = 1) => state.opinions.find((o) => o.number === n)!;

/** Opinion `n` put straight into `status` (in WG 1 when that status is assigned_to_wg). */
function at(status: OpinionStatus, n = 1, state = underItem8()): ForumState {
	return patched(state, (s) => {
		const o = s.opinions.find((x) => x.number === n)!;
		o.status = status;
		o.workingGroup = status === 'assigned_to_wg' ? WG : null;
	});
}

/** An amendment by France (seconded by Brazil unless `seconded` is false); returns its id. */
function amended(
	state: ForumState,
	change: AmendmentChange = { kind: 'replace', paragraphId: 'p2', text: 'urges Member States…' },
	seconded = true
): { state: ForumState; id: string } {
	const id = commandId();
	let next = accepted(
		run(state, as('p-fra-head'), { id, type: 'amendment.propose', opinion: 1, change })
	).state;
	if (seconded) {
		next = accepted(
			run(next, as('p-bra-head'), { type: 'amendment.second', opinion: 1, amendmentId: id })
		).state;
	}
	return { state: next, id };
}

const decideAmendment = (state: ForumState, id: string, verb: 'accept' | 'reject', by = CHAIR) =>
	accepted(run(state, as(by), { type: `amendment.${verb}`, opinion: 1, amendmentId: id })).state;

describe('OPINION_TRANSITIONS', () => {
	it('covers every command that moves a draft opinion', () => {
		const moving = COMMAND_TYPES.filter(
			(t) =>
				t.startsWith('opinion.') &&
				!['opinion.register', 'opinion.stance', 'opinion.record_adopted'].includes(t)
		);
		expect(Object.keys(OPINION_TRANSITIONS).sort()).toEqual(moving.sort());
	});

	/** Who gives the command: the WG chair inside a working group, the Chair otherwise. */
	const presider = (type: OpinionCommandType, status: OpinionStatus) =>
		status === 'assigned_to_wg' &&
		[
			'opinion.check_consensus',
			'opinion.declare_consensus',
			'opinion.declare_no_consensus'
		].includes(type)
			? WG_CHAIR
			: CHAIR;

	/** The exact status each accepted move leads to. */
	const leadsTo = (type: OpinionCommandType, from: OpinionStatus): OpinionStatus => {
		const inWg = from === 'assigned_to_wg';
		return {
			'opinion.take_up': 'under_consideration',
			'opinion.assign_wg': 'assigned_to_wg',
			'opinion.check_consensus': inWg ? 'assigned_to_wg' : 'consensus_check',
			'opinion.declare_consensus': inWg ? 'wg_agreed' : 'adopted',
			'opinion.declare_no_consensus': inWg ? 'wg_no_agreement' : 'not_adopted',
			'opinion.defer': 'deferred'
		}[type] as OpinionStatus;
	};

	const cases = (Object.keys(OPINION_TRANSITIONS) as OpinionCommandType[]).flatMap((type) =>
		OPINION_STATUSES.map((status) => {
			const from: readonly OpinionStatus[] = OPINION_TRANSITIONS[type].from;
			return [type, status, from.includes(status)] as const;
		})
	);

	it('has one case per command and status', () => {
		expect(cases).toHaveLength(6 * 10);
		expect(cases.filter(([, , allowed]) => allowed)).toHaveLength(4 + 4 + 2 + 3 + 3 + 3);
	});

	it.each(cases)('%s from %s: accepted %s', (type, status, allowed) => {
		const state = at(status);
		const result = run(state, as(presider(type, status)), {
			...op(type),
			...(type === 'opinion.assign_wg' ? { workingGroup: WG } : {})
		});
		if (allowed) {
			const { state: next, events } = accepted(result);
			expect(events.every((e) => e.audience === 'public')).toBe(true);
			const to: readonly OpinionStatus[] = OPINION_TRANSITIONS[type].to;
			expect(to).toContain(statusOf(next));
			expect(statusOf(next)).toBe(leadsTo(type, status));
			// the other opinions do not move
			expect(statusOf(next, 2)).toBe('in_report');
			expect(statusOf(next, 3)).toBe('in_report');
		} else {
			const refusal = refused(result);
			expect(refusal).toMatchObject({ code: 'opinion_wrong_state', status: 409 });
			expect(refusal.message).toContain(`is ${status.replaceAll('_', ' ')}`);
		}
	});
});

describe('opinion.take_up', () => {
	it('puts an opinion before the plenary, publicly', () => {
		const { state, events } = accepted(run(underItem8(), as(CHAIR), TAKE_UP(2)));
		expect(events).toEqual([
			expect.objectContaining({
				type: 'opinion.taken_up',
				payload: { opinion: 2 },
				audience: 'public',
				actor: CHAIR
			})
		]);
		expect(statusOf(state, 2)).toBe('under_consideration');
	});

	it.each([
		['no item is open', (s: ForumState) => patched(s, (d) => void (d.currentItem = null))],
		[
			'item 8 is suspended',
			(s: ForumState) => accepted(run(s, as(CHAIR), { type: 'agenda.suspend', item: 8 })).state
		],
		[
			'item 7 is open',
			(s: ForumState) =>
				runAll(s, [
					[as(CHAIR), { type: 'agenda.close', item: 8 }],
					[as(CHAIR), { type: 'agenda.open', item: 7 }]
				])
		]
	])('only under item 8: refused when %s (item_8_not_open)', (_w, change) => {
		const refusal = refused(run(change(underItem8()), as(CHAIR), TAKE_UP()));
		expect(refusal).toMatchObject({ code: 'item_8_not_open', status: 409 });
		expect(refusal.message).toContain('item 8');
	});

	it.each(['under_consideration', 'consensus_check'] as const)(
		'one opinion before the plenary at a time: refused while opinion 1 is %s',
		(status) => {
			const refusal = refused(run(at(status), as(CHAIR), TAKE_UP(2)));
			expect(refusal).toMatchObject({
				code: 'another_opinion_under_consideration',
				status: 409
			});
			expect(refusal.message).toContain('Draft opinion 1');
		}
	);

	it('another opinion may be taken up while one is in a working group or decided', () => {
		const state = accepted(run(at('assigned_to_wg'), as(CHAIR), TAKE_UP(2))).state;
		expect(statusOf(state, 2)).toBe('under_consideration');
		const after = accepted(run(at('adopted'), as(CHAIR), TAKE_UP(2))).state;
		expect(statusOf(after, 2)).toBe('under_consideration');
	});

	it('is for the presiding officer only (403)', () => {
		for (const who of [WG_CHAIR, 'p-fra-head', 'p-sec', 'p-sg']) {
			expect(refused(run(underItem8(), as(who), TAKE_UP()))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
	});

	it('refuses an opinion that does not exist (404)', () => {
		expect(refused(run(underItem8(), as(CHAIR), TAKE_UP(9)))).toMatchObject({
			code: 'no_such_opinion',
			status: 404
		});
	});
});

describe('opinion.assign_wg', () => {
	it('sends an opinion to a working group that has a chair', () => {
		const { state, events } = accepted(run(underItem8(), as(CHAIR), ASSIGN()));
		expect(events[0]).toMatchObject({
			type: 'opinion.assigned_to_wg',
			payload: { opinion: 1, workingGroup: WG },
			audience: 'public'
		});
		expect(opinionOf(state)).toMatchObject({ status: 'assigned_to_wg', workingGroup: WG });
	});

	it('needs an appointed working group (no_such_working_group)', () => {
		const refusal = refused(run(underItem8(), as(CHAIR), ASSIGN(1, 'WG 9')));
		expect(refusal).toMatchObject({ code: 'no_such_working_group', status: 404 });
		expect(refusal.message).toContain('WG 9');
	});

	it('a working group whose chair was dismissed is no longer there', () => {
		const dismissed = accepted(
			run(underItem8(), as(CHAIR), {
				type: 'officers.dismiss',
				participantId: WG_CHAIR,
				office: 'working_group_chair',
				workingGroup: WG
			})
		).state;
		expect(refused(run(dismissed, as(CHAIR), ASSIGN())).code).toBe('no_such_working_group');
	});

	it('does not need item 8 open (working groups sit in parallel)', () => {
		const noItem = patched(underItem8(), (d) => void (d.currentItem = null));
		expect(statusOf(accepted(run(noItem, as(CHAIR), ASSIGN())).state)).toBe('assigned_to_wg');
	});
});

describe('in a working group', () => {
	it('only its chair may check or declare: the plenary presiding officer and others get 403', () => {
		for (const command of [CHECK(), CONSENSUS(), NO_CONSENSUS()]) {
			for (const who of [CHAIR, 'p-fra-head', 'p-sec']) {
				expect(refused(run(inWG(), as(who), command))).toMatchObject({
					code: 'not_allowed',
					status: 403
				});
			}
		}
	});

	it('its chair may not check or declare in plenary (403)', () => {
		for (const command of [CHECK(), CONSENSUS(), NO_CONSENSUS()]) {
			expect(refused(run(takenUp(), as(WG_CHAIR), command))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
	});

	it('the chair of another working group may not declare (403)', () => {
		const twoGroups = given(
			inWG(),
			event('officers.appointed', {
				participantId: 'p-bra-head',
				office: 'working_group_chair',
				workingGroup: 'WG 2'
			})
		);
		expect(refused(run(twoGroups, as('p-bra-head'), CONSENSUS())).status).toBe(403);
	});

	it('a consensus check keeps the opinion in the group, with a window of 20 s by default', () => {
		const { state } = accepted(run(inWG(), as(WG_CHAIR), CHECK(), { now: T0 + 5000 }));
		expect(opinionOf(state)).toMatchObject({
			status: 'assigned_to_wg',
			workingGroup: WG,
			consensusCheck: { openedAt: T0 + 5000, closesAt: T0 + 25_000 }
		});
	});

	it('declare_consensus: the group agreed (wg_agreed), not adopted', () => {
		const { state, events } = accepted(run(inWG(), as(WG_CHAIR), CONSENSUS()));
		expect(events[0]).toMatchObject({
			type: 'opinion.decided',
			payload: { opinion: 1, status: 'wg_agreed' }
		});
		expect(opinionOf(state)).toMatchObject({ status: 'wg_agreed', decidedAt: null });
	});

	it('declare_no_consensus: no agreement (wg_no_agreement)', () => {
		const { state } = accepted(run(inWG(), as(WG_CHAIR), NO_CONSENSUS()));
		expect(opinionOf(state)).toMatchObject({ status: 'wg_no_agreement', decidedAt: null });
	});

	it.each([
		['agreed', CONSENSUS(), 'adopted'],
		['without agreement', NO_CONSENSUS(), 'not_adopted']
	])('comes back %s to the plenary, which decides', (_w, wgDecision, plenary) => {
		const back = runAll(inWG(), [
			[as(WG_CHAIR), wgDecision],
			[as(CHAIR), TAKE_UP()]
		]);
		expect(opinionOf(back)).toMatchObject({ status: 'under_consideration', workingGroup: null });
		const decision = plenary === 'adopted' ? CONSENSUS() : NO_CONSENSUS();
		const { state } = accepted(run(back, as(CHAIR), decision, { now: T0 + 60_000 }));
		expect(opinionOf(state)).toMatchObject({ status: plenary, decidedAt: T0 + 60_000 });
	});

	it('an objection blocks the group too', () => {
		const objected = accepted(run(inWG(), as('p-fra-head'), stance('objection'))).state;
		expect(refused(run(objected, as(WG_CHAIR), CONSENSUS())).code).toBe('objection_stands');
	});
});

describe('opinion.check_consensus', () => {
	it('"Are there any objections?": consensus_check with a window', () => {
		const { state, events } = accepted(run(takenUp(), as(CHAIR), CHECK(), { now: T0 + 1000 }));
		expect(events[0]).toMatchObject({
			type: 'opinion.consensus_check_opened',
			payload: { opinion: 1, closesAt: T0 + 21_000 },
			audience: 'public'
		});
		expect(opinionOf(state)).toMatchObject({
			status: 'consensus_check',
			consensusCheck: { openedAt: T0 + 1000, closesAt: T0 + 21_000 }
		});
	});

	it('takes its window from the command, else from the settings', () => {
		const given = run(takenUp(), as(CHAIR), { ...CHECK(), seconds: 60 });
		expect(opinionOf(accepted(given).state).consensusCheck?.closesAt).toBe(T0 + 60_000);
		const configured = patched(takenUp(), (d) => void (d.settings.consensusCheckSeconds = 30));
		const fromSettings = accepted(run(configured, as(CHAIR), CHECK())).state;
		expect(opinionOf(fromSettings).consensusCheck?.closesAt).toBe(T0 + 30_000);
	});

	it('declaring ends the check', () => {
		const state = runAll(takenUp(), [
			[as(CHAIR), CHECK()],
			[as(CHAIR), CONSENSUS()]
		]);
		expect(opinionOf(state)).toMatchObject({ status: 'adopted', consensusCheck: null });
	});
});

describe('objections and consensus', () => {
	const objectedBy = (...who: string[]) =>
		runAll(
			takenUp(),
			who.map((w) => [as(w), stance('objection', 1, 'Paragraph 2 goes beyond the report.')])
		);

	it('an objection blocks consensus, naming the objecting delegation', () => {
		const state = objectedBy('p-fra-head');
		const refusal = refused(run(state, as(CHAIR), CONSENSUS()));
		expect(refusal).toMatchObject({ code: 'objection_stands', status: 409 });
		expect(refusal.message).toContain('France objects');
		expect(statusOf(state)).toBe('under_consideration');
	});

	it('names every objecting delegation', () => {
		const refusal = refused(run(objectedBy('p-fra-head', 'p-bra-head'), as(CHAIR), CONSENSUS()));
		expect(refusal.message).toContain('France, Brazil object');
	});

	it('blocks during a consensus check too', () => {
		const checking = accepted(run(objectedBy('p-fra-head'), as(CHAIR), CHECK())).state;
		expect(refused(run(checking, as(CHAIR), CONSENSUS())).code).toBe('objection_stands');
	});

	it('an objection can be made during the check, with one tap', () => {
		const state = runAll(takenUp(), [
			[as(CHAIR), CHECK()],
			[as('p-bra-head'), stance('objection')]
		]);
		expect(opinionOf(state).stances.BRA).toMatchObject({ kind: 'objection', text: null });
		expect(refused(run(state, as(CHAIR), CONSENSUS())).message).toContain('Brazil');
	});

	it.each(['none', 'support'] as const)(
		'withdrawing the objection (stance %s) unblocks consensus',
		(kind) => {
			const withdrawn = accepted(
				run(objectedBy('p-fra-head'), as('p-fra-head'), stance(kind))
			).state;
			expect(statusOf(accepted(run(withdrawn, as(CHAIR), CONSENSUS())).state)).toBe('adopted');
		}
	);

	it('a reservation does not block, and stays on record for the report', () => {
		const reserved = accepted(
			run(takenUp(), as('p-fra-head'), stance('reservation', 1, 'France reserves its position.'))
		).state;
		const { state } = accepted(run(reserved, as(CHAIR), CONSENSUS()));
		expect(opinionOf(state)).toMatchObject({
			status: 'adopted',
			stances: { FRA: { kind: 'reservation', text: 'France reserves its position.' } }
		});
	});

	it('declare_no_consensus is possible whatever the stances', () => {
		const { state } = accepted(run(objectedBy('p-fra-head'), as(CHAIR), NO_CONSENSUS()));
		expect(statusOf(state)).toBe('not_adopted');
	});

	it("a Sector Member's objection blocks by default", () => {
		const refusal = refused(run(objectedBy('p-sm-x'), as(CHAIR), CONSENSUS()));
		expect(refusal.code).toBe('objection_stands');
		expect(refusal.message).toContain('Example Telecom (Sector Member)');
	});

	it("a Sector Member's objection does not block when the settings say so", () => {
		const state = patched(objectedBy('p-sm-x'), (d) => {
			d.settings.sectorMemberObjectionBlocks = false;
		});
		const { state: after } = accepted(run(state, as(CHAIR), CONSENSUS()));
		expect(statusOf(after)).toBe('adopted');
		// the objection stays on record
		expect(opinionOf(after).stances['SM-X'].kind).toBe('objection');
	});

	it("with that setting, a Member State's objection still blocks and only it is named", () => {
		const state = patched(objectedBy('p-sm-x', 'p-fra-head'), (d) => {
			d.settings.sectorMemberObjectionBlocks = false;
		});
		const refusal = refused(run(state, as(CHAIR), CONSENSUS()));
		expect(refusal.message).toContain('France objects');
		expect(refusal.message).not.toContain('Example Telecom');
	});
});

describe('opinion.stance', () => {
	it("records the delegation's stance, publicly", () => {
		const { state, events } = accepted(
			run(takenUp(), as('p-fra-delegate'), stance('support'), { now: T0 + 7000 })
		);
		expect(events).toEqual([
			expect.objectContaining({ type: 'opinion.stance_taken', audience: 'public' })
		]);
		expect(opinionOf(state).stances).toEqual({
			FRA: { delegationId: 'FRA', kind: 'support', text: null, by: 'p-fra-delegate', at: T0 + 7000 }
		});
	});

	it('is open to Member States and Sector Members', () => {
		const state = runAll(takenUp(), [
			[as('p-bra-head'), stance('support')],
			[as('p-sm-x'), stance('reservation', 1, 'Pending review.')]
		]);
		expect(Object.keys(opinionOf(state).stances).sort()).toEqual(['BRA', 'SM-X']);
	});

	it('an observer, an Associate, the secretariat may not take a stance (403)', () => {
		const state = given(
			takenUp(),
			event('delegation.registered', {
				id: 'ASSOC',
				name: 'Example Associate',
				category: 'associate'
			}),
			event('participant.registered', {
				participantId: 'p-assoc',
				name: 'Delegate of Example Associate',
				delegationId: 'ASSOC',
				role: 'delegate'
			})
		);
		for (const who of ['p-ob', 'p-assoc', 'p-sec']) {
			for (const kind of ['objection', 'support', 'reservation'] as const) {
				expect(refused(run(state, as(who), stance(kind)))).toMatchObject({
					code: 'not_allowed',
					status: 403
				});
			}
		}
	});

	it('one stance per delegation: a second replaces the first', () => {
		const state = runAll(takenUp(), [
			[as('p-fra-head'), stance('objection', 1, 'Too broad.')],
			[as('p-fra-head'), stance('reservation', 1, 'On paragraph 2.')]
		]);
		expect(opinionOf(state).stances).toEqual({
			FRA: expect.objectContaining({ kind: 'reservation', text: 'On paragraph 2.' })
		});
	});

	it("two delegates of France share France's one stance", () => {
		const objected = accepted(run(takenUp(), as('p-fra-head'), stance('objection'))).state;
		const { state } = accepted(run(objected, as('p-fra-delegate'), stance('support')));
		expect(opinionOf(state).stances).toEqual({
			FRA: expect.objectContaining({ kind: 'support', by: 'p-fra-delegate' })
		});
		expect(statusOf(accepted(run(state, as(CHAIR), CONSENSUS())).state)).toBe('adopted');
		// and the delegate may withdraw the head's stance
		const none = accepted(run(objected, as('p-fra-delegate'), stance('none'))).state;
		expect(opinionOf(none).stances).toEqual({});
	});

	it("'none' without a stance is refused (no_stance)", () => {
		expect(refused(run(takenUp(), as('p-fra-head'), stance('none')))).toMatchObject({
			code: 'no_stance',
			status: 409
		});
	});

	it.each(['in_report', 'adopted', 'adopted_with_amendments', 'not_adopted', 'deferred'] as const)(
		'is refused on an opinion %s (opinion_not_under_consideration)',
		(status) => {
			for (const kind of ['objection', 'support', 'reservation', 'none'] as const) {
				expect(refused(run(at(status), as('p-fra-head'), stance(kind)))).toMatchObject({
					code: 'opinion_not_under_consideration',
					status: 409
				});
			}
		}
	);

	it.each([
		'under_consideration',
		'consensus_check',
		'assigned_to_wg',
		'wg_agreed',
		'wg_no_agreement'
	] as const)('is taken on an opinion %s', (status) => {
		const { state } = accepted(run(at(status), as('p-fra-head'), stance('objection')));
		expect(opinionOf(state).stances.FRA.kind).toBe('objection');
	});
});

describe('adoption: adopted or adopted_with_amendments', () => {
	it('adopted when no amendment was accepted', () => {
		const { events } = accepted(run(takenUp(), as(CHAIR), CONSENSUS()));
		expect(events[0]).toMatchObject({
			type: 'opinion.decided',
			payload: { opinion: 1, status: 'adopted' },
			audience: 'public'
		});
	});

	it('adopted_with_amendments with one accepted amendment', () => {
		const { state, id } = amended(takenUp());
		const after = accepted(run(decideAmendment(state, id, 'accept'), as(CHAIR), CONSENSUS()));
		expect(statusOf(after.state)).toBe('adopted_with_amendments');
	});

	it('adopted_with_amendments with two accepted amendments', () => {
		const one = amended(takenUp());
		const two = amended(decideAmendment(one.state, one.id, 'accept'), {
			kind: 'insert',
			after: 'p2',
			paragraphKind: 'operative',
			text: 'instructs the Secretary-General to report.'
		});
		const state = decideAmendment(two.state, two.id, 'accept');
		expect(statusOf(accepted(run(state, as(CHAIR), CONSENSUS())).state)).toBe(
			'adopted_with_amendments'
		);
	});

	it('adopted when the only amendment was rejected', () => {
		const { state, id } = amended(takenUp());
		const after = accepted(run(decideAmendment(state, id, 'reject'), as(CHAIR), CONSENSUS()));
		expect(statusOf(after.state)).toBe('adopted');
	});

	it('adopted when the only amendment was withdrawn', () => {
		const { state, id } = amended(takenUp());
		const withdrawn = accepted(
			run(state, as('p-fra-head'), { type: 'amendment.withdraw', opinion: 1, amendmentId: id })
		).state;
		expect(statusOf(accepted(run(withdrawn, as(CHAIR), CONSENSUS())).state)).toBe('adopted');
	});

	it('adopted_with_amendments with one accepted and one rejected', () => {
		const one = amended(takenUp());
		const two = amended(decideAmendment(one.state, one.id, 'reject'), {
			kind: 'delete',
			paragraphId: 'p1'
		});
		const state = decideAmendment(two.state, two.id, 'accept');
		expect(statusOf(accepted(run(state, as(CHAIR), CONSENSUS())).state)).toBe(
			'adopted_with_amendments'
		);
	});

	it('an amendment accepted in the working group counts in plenary', () => {
		const { state, id } = amended(inWG());
		const agreed = runAll(decideAmendment(state, id, 'accept', WG_CHAIR), [
			[as(WG_CHAIR), CONSENSUS()],
			[as(CHAIR), TAKE_UP()],
			[as(CHAIR), CONSENSUS()]
		]);
		expect(statusOf(agreed)).toBe('adopted_with_amendments');
	});

	it.each([
		['proposed', false],
		['seconded', true]
	])('refused while an amendment is %s (amendments_pending)', (_w, seconded) => {
		const { state } = amended(takenUp(), undefined, seconded);
		const refusal = refused(run(state, as(CHAIR), CONSENSUS()));
		expect(refusal).toMatchObject({ code: 'amendments_pending', status: 409 });
		expect(refusal.message).toContain('1 amendment is still pending');
	});

	it('an objection is reported before pending amendments', () => {
		const { state } = amended(takenUp());
		const objected = accepted(run(state, as('p-bra-head'), stance('objection'))).state;
		expect(refused(run(objected, as(CHAIR), CONSENSUS())).code).toBe('objection_stands');
	});
});

describe('opinion.defer', () => {
	it('defer, take up again later, then adopt', () => {
		const deferred = accepted(run(takenUp(), as(CHAIR), DEFER(), { now: T0 + 1000 })).state;
		expect(opinionOf(deferred)).toMatchObject({ status: 'deferred', decidedAt: T0 + 1000 });
		// meanwhile another opinion may come before the plenary
		const other = runAll(deferred, [
			[as(CHAIR), TAKE_UP(2)],
			[as(CHAIR), CONSENSUS(2)]
		]);
		const { state } = accepted(run(other, as(CHAIR), TAKE_UP(1)));
		expect(statusOf(state)).toBe('under_consideration');
		const adopted = accepted(run(state, as(CHAIR), CONSENSUS(), { now: T0 + 9000 })).state;
		expect(opinionOf(adopted)).toMatchObject({ status: 'adopted', decidedAt: T0 + 9000 });
	});

	it('is for the plenary presiding officer only (403 for the WG chair)', () => {
		expect(refused(run(takenUp(), as(WG_CHAIR), DEFER())).status).toBe(403);
	});
});

describe('opinion.record_adopted', () => {
	const adopted = () => accepted(run(takenUp(), as(CHAIR), CONSENSUS())).state;

	it.each(['p-sec', 'p-sg'])('the secretariat (%s) records the text, publicly', (who) => {
		const { state, events } = accepted(run(adopted(), as(who), RECORD(), { now: T0 + 3000 }));
		expect(events).toEqual([
			expect.objectContaining({
				type: 'opinion.recorded',
				payload: { opinion: 1, finalText: opinionOf(adopted()).paragraphs },
				audience: 'public'
			})
		]);
		expect(opinionOf(state)).toMatchObject({
			finalText: opinionOf(adopted()).paragraphs,
			recordedAt: T0 + 3000
		});
	});

	it('records the current text, with the accepted amendments', () => {
		const { state, id } = amended(takenUp(), {
			kind: 'replace',
			paragraphId: 'p2',
			text: 'urges Member States to act.'
		});
		const adoptedWith = runAll(decideAmendment(state, id, 'accept'), [[as(CHAIR), CONSENSUS()]]);
		const recorded = accepted(run(adoptedWith, as('p-sec'), RECORD())).state;
		expect(opinionOf(recorded).finalText).toEqual([
			{ id: 'p1', kind: 'preambular', text: 'recognizing that…' },
			{ id: 'p2', kind: 'operative', text: 'urges Member States to act.' }
		]);
		expect(opinionOf(recorded).finalText).toEqual(currentText(opinionOf(adoptedWith)));
		// the text as annexed to the report is kept
		expect(opinionOf(recorded).paragraphs[1].text).toBe('invites Member States…');
	});

	it.each([CHAIR, 'p-fra-head', WG_CHAIR, 'p-sm-x'])(
		'is for the secretariat only (%s: 403)',
		(who) => {
			expect(refused(run(adopted(), as(who), RECORD()))).toMatchObject({
				code: 'not_allowed',
				status: 403
			});
		}
	);

	it.each(OPINION_STATUSES.filter((s) => s !== 'adopted' && s !== 'adopted_with_amendments'))(
		'refuses an opinion %s (not_adopted)',
		(status) => {
			expect(refused(run(at(status), as('p-sec'), RECORD()))).toMatchObject({
				code: 'not_adopted',
				status: 409
			});
		}
	);

	it('is immutable once recorded: already_recorded the second time, and no more changes', () => {
		const recorded = accepted(run(adopted(), as('p-sec'), RECORD(), { now: T0 + 3000 })).state;
		expect(refused(run(recorded, as('p-sg'), RECORD(), { now: T0 + 9000 }))).toMatchObject({
			code: 'already_recorded',
			status: 409
		});
		expect(opinionOf(recorded).recordedAt).toBe(T0 + 3000);
		// nothing else can touch it any more
		expect(refused(run(recorded, as(CHAIR), TAKE_UP())).code).toBe('opinion_wrong_state');
		expect(refused(run(recorded, as('p-fra-head'), stance('objection'))).code).toBe(
			'opinion_not_under_consideration'
		);
		expect(
			refused(
				run(recorded, as('p-fra-head'), {
					type: 'amendment.propose',
					opinion: 1,
					change: { kind: 'delete', paragraphId: 'p1' }
				})
			).code
		).toBe('opinion_not_under_consideration');
	});

	it('can still be done once the forum is closed', () => {
		const closed = given(adopted(), event('forum.closed', {}, { actor: 'p-sg' }));
		expect(opinionOf(accepted(run(closed, as('p-sec'), RECORD())).state).finalText).not.toBeNull();
	});

	it('never by a vote: no opinion command is a vote', () => {
		const opinionCommands = COMMAND_TYPES.filter((t) => t.startsWith('opinion.'));
		expect(opinionCommands.length).toBeGreaterThanOrEqual(9);
		expect(opinionCommands.filter((t) => t.includes('vote'))).toEqual([]);
	});
});

describe('the set of draft opinions closes when the forum opens', () => {
	const register = {
		type: 'opinion.register',
		number: 6,
		title: 'A proposal made on the floor',
		paragraphs: [{ kind: 'operative', text: 'invites…' }]
	};

	it('registers a draft opinion during the preparatory period', () => {
		const { state } = accepted(run(forumWith({ opinions: 5 }), as('p-sec'), register));
		expect(state.opinions.map((o) => o.number)).toEqual([1, 2, 3, 4, 5, 6]);
	});

	it.each(['in_session', 'closed'] as const)(
		'refuses a new draft opinion once the forum is %s, citing the rule',
		(phase) => {
			const refusal = refused(run(forumWith({ phase, opinions: 5 }), as('p-sec'), register));
			expect(refusal).toMatchObject({ code: 'preparatory_period_closed', status: 409 });
			expect(refusal.message).toContain(
				'No draft opinion that was not presented in the preparatory period may be considered'
			);
		}
	);
});

describe('item 9 opens only when every draft opinion is decided', () => {
	/** Opinion 1 adopted, opinion 2 before the plenary. */
	const oneLeft = () =>
		runAll(underItem8(2), [
			[as(CHAIR), TAKE_UP(1)],
			[as(CHAIR), CONSENSUS(1)],
			[as(CHAIR), TAKE_UP(2)]
		]);
	const closeAndOpen9 = (state: ForumState) =>
		run(accepted(run(state, as(CHAIR), { type: 'agenda.close', item: 8 })).state, as(CHAIR), {
			type: 'agenda.open',
			item: 9
		});

	it('refused while an opinion is undecided (opinions_undecided), naming it', () => {
		const refusal = refused(closeAndOpen9(oneLeft()));
		expect(refusal).toMatchObject({ code: 'opinions_undecided', status: 409 });
		expect(refusal.message).toContain('Opinion 2');
		expect(refusal.message).not.toContain('Opinion 1');
	});

	it.each([
		'in_report',
		'assigned_to_wg',
		'wg_agreed',
		'wg_no_agreement',
		'consensus_check'
	] as const)('an opinion %s is undecided', (status) => {
		expect(refused(closeAndOpen9(at(status, 2, oneLeft()))).code).toBe('opinions_undecided');
	});

	it.each([
		['not adopted', NO_CONSENSUS(2)],
		['deferred', DEFER(2)],
		['adopted', CONSENSUS(2)]
	])('accepted once the last one is %s', (_w, decision) => {
		const decided = accepted(run(oneLeft(), as(CHAIR), decision)).state;
		const { state } = accepted(closeAndOpen9(decided));
		expect(state.currentItem).toBe(9);
	});
});
