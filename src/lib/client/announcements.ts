/**
 * What a screen reader is told when the forum moves on: an item opens, is suspended or closed,
 * someone is given the floor, the Chair is elected, a consensus check opens, an opinion is
 * decided. The page compares what it knew before an event with what it knows after
 * (`announcements(before, after)`), so nothing is said about the state the page loaded with, and
 * the speech countdown, which changes every second, is never part of it.
 */
import { DECIDED_OPINION_STATUSES, type ForumState } from '$lib/forum/types';
import { isolated, localized } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { floorNow, speakerOf } from './floor';

/** The few facts of the forum an announcement is about. */
export interface Facts {
	phase: ForumState['phase'];
	items: Record<number, string>;
	/** the request id of the speech in progress */
	speech: string | null;
	chairId: string | null;
	/** per opinion: its status, and when its consensus check opened */
	opinions: Record<number, { status: string; checkOpenedAt: number | null }>;
}

export function factsOf(forum: ForumState): Facts {
	return {
		phase: forum.phase,
		items: Object.fromEntries(forum.agenda.map((i) => [i.number, i.status])),
		speech: floorNow(forum).speech?.requestId ?? null,
		chairId: forum.chairId,
		opinions: Object.fromEntries(
			forum.opinions.map((o) => [
				o.number,
				{ status: o.status, checkOpenedAt: o.consensusCheck?.openedAt ?? null }
			])
		)
	};
}

export interface Announcement {
	/** read when the screen reader is idle */
	polite: string[];
	/**
	 * read at once: only a consensus check opening, which gives a delegation a short window to
	 * object (and each tablet asks "Are there any objections?" only through this).
	 */
	assertive: string[];
}

export function announcements(
	before: Facts,
	after: Facts,
	forum: ForumState,
	locale: Locale
): Announcement {
	const polite: string[] = [];
	const assertive: string[] = [];
	const options = { locale } as const;

	if (before.phase !== after.phase) {
		if (after.phase === 'in_session') polite.push(m.announce_forum_opened({}, options));
		if (after.phase === 'closed') polite.push(m.announce_forum_closed({}, options));
	}
	for (const item of forum.agenda) {
		const was = before.items[item.number];
		const is = after.items[item.number];
		if (was === is) continue;
		const number = isolated(item.number, locale);
		if (is === 'open') {
			const title = localized(item.title, locale).text;
			polite.push(m.announce_item_opened({ number, title }, options));
		} else if (is === 'suspended') {
			polite.push(m.announce_item_suspended({ number }, options));
		} else if (is === 'closed') {
			polite.push(m.announce_item_closed({ number }, options));
		}
	}
	if (after.chairId && after.chairId !== before.chairId) {
		const name = forum.participants[after.chairId]?.name ?? after.chairId;
		polite.push(m.announce_chair_elected({ name }, options));
	}
	const speech = floorNow(forum).speech;
	if (speech && after.speech !== before.speech) {
		const s = speakerOf(forum, speech);
		polite.push(m.announce_speaker({ name: s.name, delegation: s.delegation }, options));
	}
	for (const o of forum.opinions) {
		const was = before.opinions[o.number];
		const is = after.opinions[o.number];
		if (!is) continue;
		const number = isolated(o.number, locale);
		if (is.checkOpenedAt !== null && is.checkOpenedAt !== was?.checkOpenedAt) {
			assertive.push(m.announce_check_opened({ number }, options));
		}
		if (was?.status !== is.status && DECIDED_OPINION_STATUSES.includes(o.status)) {
			const decided = {
				adopted: m.announce_opinion_adopted,
				adopted_with_amendments: m.announce_opinion_adopted_with_amendments,
				not_adopted: m.announce_opinion_not_adopted,
				deferred: m.announce_opinion_deferred
			}[o.status as 'adopted' | 'adopted_with_amendments' | 'not_adopted' | 'deferred'];
			polite.push(decided({ number }, options));
		}
	}
	return { polite, assertive };
}
