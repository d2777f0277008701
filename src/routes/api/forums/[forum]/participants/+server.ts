import { jsonResponse } from '$lib/server/encoded-body';
import { apiViewer } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * The forum's participants as the caller may see them, with the sequence number the list stands
 * at: the state route's participants, without the rest of the forum.
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	const caller = await apiViewer(locals.account, params.forum);
	if (caller instanceof Response) return caller;
	const body = await caller.app.forums.participantsBody(caller.host, caller.viewer);
	// compressed when the client accepts it (encoded-body.ts): about 750 KB of JSON for 5,000
	return jsonResponse(request, body, { 'cache-control': 'private, no-store' });
};
