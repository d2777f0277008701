import { error, redirect } from '@sveltejs/kit';
import { app } from './app';
import type { Account } from './auth/session';
import { snapshotFor } from './outcome.service';

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
