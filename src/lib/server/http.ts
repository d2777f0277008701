/** Helpers for the JSON API: one error shape, `{ error: { code, message } }`. */
import { json } from '@sveltejs/kit';
import type { Viewer } from '$lib/forum/audience';
import { app, type App } from './app';
import type { ForumHost, ForumService } from './forum.service';
import type { Account } from './auth/session';

export function apiError(status: number, code: string, message: string): Response {
	return json({ error: { code, message } }, { status });
}

export const NOT_SIGNED_IN = () =>
	apiError(
		401,
		'not_signed_in',
		'Sign in first: POST /api/auth/login with your email and password.'
	);

export const NO_SUCH_FORUM = () =>
	apiError(404, 'no_such_forum', 'There is no such forum, or you are not registered for it.');

/** The viewer an account is in a forum; null when the account takes no part in it. */
export function viewerOf(host: ForumHost, account: Account): Viewer | null {
	return host.full.participants[account.id]
		? { kind: 'participant', participantId: account.id }
		: null;
}

/**
 * The forum's host, caught up with the log, and the account's viewer in it; undefined when there
 * is no such forum or the account takes no part in it (the two look the same from outside).
 */
export async function forumAs(
	forums: ForumService,
	slug: string,
	account: Account
): Promise<{ host: ForumHost; viewer: Viewer } | undefined> {
	const host = await forums.host(slug);
	const viewer = host && viewerOf(host, account);
	return host && viewer ? { host, viewer } : undefined;
}

/**
 * The app, the caller's account, the forum's host and the caller's viewer in it, for an API
 * route; or the route's answer when there is none: `401 not_signed_in`, `404 no_such_forum` (no
 * such forum, or the caller takes no part in it: the two look the same from outside).
 */
export async function apiViewer(
	account: Account | null,
	slug: string
): Promise<{ app: App; account: Account; host: ForumHost; viewer: Viewer } | Response> {
	if (!account) return NOT_SIGNED_IN();
	const started = await app();
	const seen = await forumAs(started.forums, slug, account);
	return seen ? { app: started, account, ...seen } : NO_SUCH_FORUM();
}
