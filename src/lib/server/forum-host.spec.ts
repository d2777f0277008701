/**
 * The states a forum's host keeps by following the log (forum.service.ts `ForumHost`): the whole
 * forum, the forum from outside the Member States' session, and the three shared views. Slots
 * that have followed the same events share one state; these specs check that each slot still
 * holds exactly what its audiences may see, against states folded one by one from the events.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Audience, Viewer } from '$lib/forum/audience';
import type { NewEvent } from '$lib/forum/define';
import { blankForum } from '$lib/forum/forum.rules';
import { evolve, stampEvent, type ForumEvent } from '$lib/forum/rules';
import { PARTICIPANTS, SLUG, T0, setUpEvents } from '$lib/forum/testing';
import type { ForumState } from '$lib/forum/types';
import { ForumHost } from './forum.service';

/** The set-up of forumWith(), as public events from seq 1. */
function setUp(): ForumEvent[] {
	return setUpEvents().map((e, i) =>
		stampEvent({ ...e, audience: 'public' } as NewEvent, i + 1, T0, e.actor ?? null)
	);
}

/** A check-in or check-out of `participantId`, addressed to `audience`, as event `seq`. */
function presence(seq: number, participantId: string, audience: Audience, present: boolean) {
	return stampEvent(
		{
			type: present ? 'presence.checked_in' : 'presence.checked_out',
			payload: { participantId },
			audience
		},
		seq,
		T0 + seq,
		participantId
	);
}

/** The state folded from the events of `audiences` only. */
function folded(events: ForumEvent[], sees: (audience: Audience) => boolean): ForumState {
	return events.filter((e) => sees(e.audience)).reduce(evolve, blankForum(SLUG));
}

const who = (participantId: string): Viewer => ({ kind: 'participant', participantId });
const SECRETARIAT = who('p-sec');
const MEMBER_STATE = who('p-fra-delegate');
const OBSERVER = who('p-ob');

/** Each slot against its own fold of the events. */
function expectEachSlotFolded(host: ForumHost, events: ForumEvent[]): void {
	const isPersonal = (a: Audience) => a.startsWith('participant:');
	expect(host.full).toEqual(folded(events, () => true));
	expect(host.outside).toEqual(folded(events, (a) => a !== 'member_states'));
	expect(host.viewOf(OBSERVER)).toEqual(folded(events, (a) => a === 'public'));
	expect(host.viewOf({ kind: 'display' })).toEqual(folded(events, (a) => a === 'public'));
	expect(host.viewOf(MEMBER_STATE)).toEqual(
		folded(events, (a) => a === 'public' || a === 'member_states')
	);
	expect(host.viewOf(SECRETARIAT)).toEqual(folded(events, (a) => !isPersonal(a)));
}

describe("a forum's host: the states it keeps", () => {
	it('keeps one state for all five slots while every event is public', () => {
		const events = setUp();
		for (let i = 0; i < 40; i++) {
			events.push(presence(events.length + 1, PARTICIPANTS[i % 7].id, 'public', i % 14 < 7));
		}
		const host = new ForumHost(SLUG);
		host.follow(events);
		expect(host.statesKept).toBe(1);
		expect(host.outside).toBe(host.full);
		expect(host.viewOf(OBSERVER)).toBe(host.full);
		expectEachSlotFolded(host, events);
	});

	it('parts the slots as events of other audiences arrive, each slot seeing only its own', () => {
		const events = setUp();
		const host = new ForumHost(SLUG);
		host.follow(events);
		const kept: number[] = [];
		// check-ins and check-outs of every participant, each addressed to an audience in turn:
		// the same participant ends up present in some views and absent in others
		const audiences: Audience[] = [
			'public',
			'member_states',
			'public',
			'secretariat',
			'participant:p-fra-head',
			'public',
			'member_states',
			'participant:p-ob'
		];
		for (let i = 0; i < 64; i++) {
			const event = presence(
				events.length + 1,
				PARTICIPANTS[i % PARTICIPANTS.length].id,
				audiences[i % audiences.length],
				(i >> 3) % 2 === 0
			);
			events.push(event);
			host.follow([event]);
			kept.push(host.statesKept);
			expectEachSlotFolded(host, events);
		}
		// public: one state; member_states: {full, member_states, secretariat} | {outside, public};
		// secretariat: {full, secretariat} | {member_states}, and {outside} | {public}; then a
		// personal event parts the whole forum from the secretariat's view: one state each
		expect(kept.slice(0, 5)).toEqual([1, 2, 2, 4, 5]);
		expect(Math.max(...kept)).toBe(5);
	});

	it('holds in each slot the fold of what it sees, whatever the audiences and their order', () => {
		const audience = fc.constantFrom<Audience>(
			'public',
			'member_states',
			'secretariat',
			'participant:p-fra-head',
			'participant:p-ob'
		);
		const step = fc.record({
			who: fc.constantFrom(...PARTICIPANTS.map((p) => p.id)),
			audience,
			present: fc.boolean(),
			// followed alone, or with the steps after it in one call (a page of the log)
			together: fc.boolean()
		});
		fc.assert(
			fc.property(fc.array(step, { maxLength: 24 }), (steps) => {
				const events = setUp();
				const host = new ForumHost(SLUG);
				host.follow(events);
				let pending: ForumEvent[] = [];
				for (const { who, audience, present, together } of steps) {
					const event = presence(events.length + 1, who, audience, present);
					events.push(event);
					pending.push(event);
					if (!together) {
						host.follow(pending);
						pending = [];
					}
				}
				host.follow(pending);
				expect(host.statesKept).toBeLessThanOrEqual(5);
				expectEachSlotFolded(host, events);
			}),
			{ numRuns: 150 }
		);
	});

	it('never gives a state already handed out an event its reader may not see', () => {
		const events = setUp();
		const host = new ForumHost(SLUG);
		host.follow(events);
		const publicView = host.viewOf(OBSERVER);
		expect(publicView).toBe(host.full);
		const inside = presence(events.length + 1, 'p-fra-head', 'member_states', true);
		host.follow([inside]);
		// the public view read before the event is still the public view, without it
		expect(publicView.participants['p-fra-head'].present).toBe(false);
		expect(host.viewOf(OBSERVER)).toBe(publicView);
		expect(host.full.participants['p-fra-head'].present).toBe(true);
		expect(host.viewOf(MEMBER_STATE).participants['p-fra-head'].present).toBe(true);
	});
});
