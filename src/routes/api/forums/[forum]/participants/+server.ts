import { app } from '$lib/server/app';
import { NO_SUCH_FORUM, NOT_SIGNED_IN, viewerOf } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * The forum's participants as the caller may see them, with the sequence number the list stands
 * at: what the forum page fetches beside its HTML (participants-beside.ts).
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.account) return NOT_SIGNED_IN();
	const { forums } = await app();
	const host = await forums.host(params.forum);
	const viewer = host && viewerOf(host, locals.account);
	if (!viewer) return NO_SUCH_FORUM();
	const body = await forums.participantsJson(params.forum, viewer);
	if (body === undefined) return NO_SUCH_FORUM();
	return new Response(body, {
		headers: { 'content-type': 'application/json', 'cache-control': 'private, no-store' }
	});
};
