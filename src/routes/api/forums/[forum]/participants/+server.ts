import { apiViewer } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * The forum's participants as the caller may see them, with the sequence number the list stands
 * at: the state route's participants, without the rest of the forum.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const caller = await apiViewer(locals.account, params.forum);
	if (caller instanceof Response) return caller;
	const body = await caller.app.forums.participantsJson(caller.host, caller.viewer);
	return new Response(body, {
		headers: { 'content-type': 'application/json', 'cache-control': 'private, no-store' }
	});
};
