import { error, redirect } from '@sveltejs/kit';
import { app } from './app';
import type { Account } from './auth/session';
import { viewerOf } from './http';

/**
 * What a forum's pages load first: the signed-in account (or a redirect to sign in), and the
 * forum as that participant may see it (or the 404 page when they are not registered for it). The
 * forum is caught up with the log once, and its snapshot taken from it.
 */
export async function forumPage(account: Account | null, slug: string, url: URL) {
	if (!account) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const { forums } = await app();
	const host = await forums.host(slug);
	const viewer = host && viewerOf(host, account);
	if (!host || !viewer)
		error(404, {
			code: 'no_such_forum',
			message: 'There is no such forum, or you are not registered for it.'
		});
	return { account, host, viewer, snapshot: await forums.snapshotOf(host, viewer) };
}
