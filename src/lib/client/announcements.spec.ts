import { describe, expect, it } from 'vitest';
import { forumWith, patched, T0 } from '$lib/forum/testing';
import type { ForumState, Speech } from '$lib/forum/types';
import { announcements, factsOf } from './announcements';

/** What is said when the forum goes from `before` to `after`, in `locale`. */
function said(before: ForumState, after: ForumState, locale: 'en' | 'fr' | 'ar' = 'en') {
	return announcements(factsOf(before), factsOf(after), after, locale);
}

const speech = (over: Partial<Speech> = {}): Speech => ({
	requestId: 'r1',
	participantId: 'p-fra-head',
	delegationId: 'FRA',
	kind: 'statement',
	capacity: { onBehalfOf: null },
	item: 1,
	limitSeconds: 180,
	startedAt: T0,
	pausedAt: null,
	pausedMs: 0,
	endedAt: null,
	...over
});

const withSpeech = (state: ForumState, s: Speech | null) =>
	patched(state, (draft) => {
		draft.floor[1] = {
			item: 1,
			closed: false,
			limitSeconds: 180,
			requests: [],
			current: s,
			speeches: []
		};
	});

describe('announcements', () => {
	const preparation = forumWith({ opinions: 2 });
	const inSession = forumWith({ phase: 'in_session', opinions: 2 });
	const itemOpen = patched(inSession, (draft) => {
		draft.agenda[0].status = 'open';
		draft.currentItem = 1;
	});

	it('says nothing when nothing an announcement is about has changed', () => {
		expect(said(itemOpen, itemOpen)).toEqual({ polite: [], assertive: [] });
		// a speech's pause is on the screen, not news for the screen reader
		const speaking = withSpeech(itemOpen, speech());
		expect(said(speaking, withSpeech(itemOpen, speech({ pausedAt: T0 + 5_000 })))).toEqual({
			polite: [],
			assertive: []
		});
	});

	it('says the forum opened, and an item opened with its title, politely', () => {
		expect(said(preparation, inSession).polite).toEqual(['The forum is open.']);
		expect(said(inSession, itemOpen)).toEqual({
			polite: ['Item 1 is open: Opening of the Forum.'],
			assertive: []
		});
		const suspended = patched(itemOpen, (draft) => {
			draft.agenda[0].status = 'suspended';
			draft.currentItem = null;
		});
		expect(said(itemOpen, suspended).polite).toEqual(['Item 1 is suspended.']);
	});

	it('says who has the floor when the floor is given, and nothing when the speech ends', () => {
		const speaking = withSpeech(itemOpen, speech());
		expect(said(withSpeech(itemOpen, null), speaking).polite).toEqual([
			'Head of delegation of France (France) has the floor.'
		]);
		expect(said(speaking, withSpeech(itemOpen, null)).polite).toEqual([]);
	});

	it('says a consensus check opened at once, and its result politely', () => {
		const checking = patched(itemOpen, (draft) => {
			draft.opinions[0].status = 'consensus_check';
			draft.opinions[0].consensusCheck = { openedAt: T0, closesAt: T0 + 30_000 };
		});
		expect(said(itemOpen, checking)).toEqual({
			polite: [],
			assertive: ['Consensus check on draft opinion 1: are there any objections?']
		});
		const adopted = patched(checking, (draft) => {
			draft.opinions[0].status = 'adopted';
			draft.opinions[0].consensusCheck = null;
		});
		expect(said(checking, adopted)).toEqual({
			polite: ['Draft opinion 1 is adopted by consensus.'],
			assertive: []
		});
	});

	it('speaks the reader’s language, numbers isolated in Arabic', () => {
		expect(said(inSession, itemOpen, 'fr').polite[0]).toMatch(/^Le point 1 est ouvert : /);
		const [arabic] = said(inSession, itemOpen, 'ar').polite;
		expect(arabic).toContain('\u20661\u2069');
		expect(arabic.startsWith('البند')).toBe(true);
	});
});
