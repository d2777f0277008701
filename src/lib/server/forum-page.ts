import { error, redirect } from '@sveltejs/kit';
import type { Snapshot } from '$lib/protocol';
import { app } from './app';
import type { Account } from './auth/session';
import type { ForumService } from './forum.service';
import { forumAs } from './http';

/**
 * How a signed-in account reads a forum: the pages, the printable outcome and its Word files all
 * take the forum as that account may see it from here, never from the full state.
 */

/** The forum as this account may see it; undefined when there is no such forum or it takes no part. */
export async function snapshotFor(
	forums: ForumService,
	slug: string,
	account: Account
): Promise<Snapshot | undefined> {
	const seen = await forumAs(forums, slug, account);
	return seen && forums.snapshotOf(seen.host, seen.viewer);
}

/**
 * What a forum's pages load first: the signed-in account (or a redirect to sign in, back to this
 * address), and the forum as that participant may see it (`snapshotFor`), or the 404 page when
 * they are not registered for it.
 */
export async function forumPage(account: Account | null, slug: string, url: URL) {
	if (!account) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	const snapshot = await snapshotFor((await app()).forums, slug, account);
	if (!snapshot)
		error(404, {
			code: 'no_such_forum',
			message: 'There is no such forum, or you are not registered for it.'
		});
	return { account, snapshot };
}
