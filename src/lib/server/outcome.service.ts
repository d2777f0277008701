/**
 * Reading the forum for the outcome documents and its history. Always through the reader's own
 * view (`snapshotFor` in forum-page.ts, or a replay of the events the reader may see): a document
 * must never carry what its reader may not see, such as the session for Member States only.
 */
import { audiencesFor, type Viewer } from '$lib/forum/audience';
import { blankForum } from '$lib/forum/forum.rules';
import { apply } from '$lib/forum/rules';
import type { ForumState } from '$lib/forum/types';
import type { Account } from './auth/session';
import { readEvents } from './eventlog';
import type { ForumService } from './forum.service';
import { forumAs } from './http';

/** Whether the account is on the forum's secretariat (who alone may look back in its history). */
export async function isSecretariat(
	forums: ForumService,
	slug: string,
	account: Account
): Promise<boolean | undefined> {
	const seen = await forumAs(forums, slug, account);
	return seen && seen.host.full.participants[account.id]?.role === 'secretariat';
}

/** A point in the forum's past: after event `seq`, or at the time `at` (epoch milliseconds). */
export type HistoryPoint = { seq: number } | { at: number };

/** Parses `?seq=N` or `?at=<epoch ms>` (exactly one of them); a message when malformed. */
export function historyPoint(params: URLSearchParams): HistoryPoint | string {
	const seq = params.get('seq');
	const at = params.get('at');
	if ((seq === null) === (at === null)) {
		return 'Give either `seq` (a sequence number) or `at` (a time in epoch milliseconds).';
	}
	const value = Number(seq ?? at);
	if (!/^\d{1,16}$/.test(seq ?? at ?? '') || !Number.isSafeInteger(value)) {
		return `\`${seq !== null ? 'seq' : 'at'}\` is a whole number, 0 or more.`;
	}
	return seq !== null ? { seq: value } : { at: value };
}

export interface HistoryView {
	/** the last event applied (0: none), and its time */
	seq: number;
	at: number | null;
	/** the log's head now */
	head: number;
	state: ForumState;
}

/**
 * The forum as `viewer` would have seen it at `point`: the events the viewer may see, replayed
 * from the blank forum up to that point. A point past the head gives the forum as it stands.
 */
export async function forumAt(
	forums: ForumService,
	slug: string,
	viewer: Viewer,
	point: HistoryPoint
): Promise<HistoryView | undefined> {
	const host = await forums.host(slug);
	if (!host) return undefined;
	const head = host.head;
	const audiences = audiencesFor(host.full, viewer);
	const state = blankForum(slug);
	let seq = 0;
	let at: number | null = null;
	for (const event of await readEvents(forums.db, slug, 0, { audiences })) {
		if (event.seq > head) break;
		// The log is replayed as a prefix, in order, even if the server's clock once went back.
		if ('seq' in point ? event.seq > point.seq : event.at > point.at) break;
		apply(state, event);
		seq = event.seq;
		at = event.at;
	}
	return { seq, at, head, state };
}
