import { apiViewer } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * The forum as the caller may see it, with the sequence number it stands at; also what the forum
 * page fetches beside its HTML (snapshot-beside.ts).
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const caller = await apiViewer(locals.account, params.forum);
	if (caller instanceof Response) return caller;
	const body = await caller.app.forums.snapshotJson(caller.host, caller.viewer);
	return new Response(body, {
		headers: { 'content-type': 'application/json', 'cache-control': 'private, no-store' }
	});
};
