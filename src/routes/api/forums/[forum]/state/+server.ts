import { json } from '@sveltejs/kit';
import { apiViewer } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The forum as the caller may see it, with the sequence number it stands at. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const caller = await apiViewer(locals.account, params.forum);
	if (caller instanceof Response) return caller;
	return json(await caller.app.forums.snapshot(params.forum, caller.viewer));
};
