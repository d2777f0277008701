/**
 * The forum page sends its participants beside the HTML rather than in it.
 *
 * A forum of 5,000 participants put about 300 KB of participants into the page's inline data,
 * which the browser had to decode, scan and compile before the page could start. So the page
 * data carries the snapshot without them and a `ParticipantsBeside`: on the server it holds the
 * participants the page is rendered with; SvelteKit's `transport` hook (src/hooks.ts) sends only
 * its forum to the browser, whose `+page.ts` fetches the list from
 * `GET /api/forums/:forum/participants`, already under way from a preload link in the head.
 *
 * That list is never older than the snapshot: whichever server answers reads the log up to its
 * end first (`ForumService.host`). It may be newer (a check-in between the page and the fetch),
 * and is taken as it is: the socket's sync then replays the events after the snapshot, and the events
 * that change participants only set fields (`PARTICIPANT_EVENTS`, evolve.ts), so replaying one
 * that the list already shows changes nothing (rules.spec.ts checks it for each of them).
 */
import type { Snapshot } from '$lib/protocol';
import type { ForumState, Participant } from './types';

export interface SnapshotWithoutParticipants extends Omit<Snapshot, 'state'> {
	state: Omit<ForumState, 'participants'>;
}

/** What `GET /api/forums/:forum/participants` answers. */
export interface ParticipantList {
	forum: string;
	/** the event sequence number the list stands at */
	seq: number;
	participants: Participant[];
}

export class ParticipantsBeside {
	constructor(
		readonly forum: string,
		/** set on the server only: the participants the page is rendered with */
		readonly participants?: Record<string, Participant>
	) {}

	get href(): string {
		return participantsHref(this.forum);
	}
}

export function participantsHref(forum: string): string {
	return `/api/forums/${encodeURIComponent(forum)}/participants`;
}

/** The page data's half of a snapshot, and the participants to send beside it. */
export function setParticipantsBeside({ state, ...snapshot }: Snapshot): {
	snapshot: SnapshotWithoutParticipants;
	participants: ParticipantsBeside;
} {
	const { participants, ...rest } = state;
	return {
		snapshot: { ...snapshot, state: rest },
		participants: new ParticipantsBeside(snapshot.forum, participants)
	};
}

export function joinParticipants(
	{ state, ...snapshot }: SnapshotWithoutParticipants,
	participants: Record<string, Participant>
): Snapshot {
	return { ...snapshot, state: { ...state, participants } };
}

/**
 * The participants for the page: those it was rendered with on the server, fetched in the
 * browser (a few tries: the page is already there, the list follows it on the same connection).
 */
export async function participantsFor(
	beside: ParticipantsBeside,
	fetch: typeof globalThis.fetch,
	tries = 3
): Promise<Record<string, Participant>> {
	if (beside.participants) return beside.participants;
	for (let attempt = 1; ; attempt++) {
		try {
			const response = await fetch(beside.href);
			if (!response.ok) throw new Error(`${beside.href} answered ${response.status}`);
			const list = (await response.json()) as ParticipantList;
			const byId: Record<string, Participant> = {};
			for (const p of list.participants) byId[p.id] = p;
			return byId;
		} catch (error) {
			if (attempt >= tries) throw error;
			await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
		}
	}
}
