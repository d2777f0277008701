import { jsonResponse } from '$lib/server/encoded-body';
import { apiViewer } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * The forum as the caller may see it, with the sequence number it stands at; also what the forum
 * page fetches beside its HTML (snapshot-beside.ts).
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	const caller = await apiViewer(locals.account, params.forum);
	if (caller instanceof Response) return caller;
	const body = await caller.app.forums.snapshotBody(caller.host, caller.viewer);
	// compressed when the client accepts it (encoded-body.ts): about 750 KB of JSON for 5,000
	return jsonResponse(request, body, { 'cache-control': 'private, no-store' });
};
