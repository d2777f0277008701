import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { NO_SUCH_FORUM, NOT_SIGNED_IN, viewerOf } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The forum as the caller may see it, with the sequence number it stands at. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.account) return NOT_SIGNED_IN();
	const { forums } = await app();
	const host = await forums.host(params.forum);
	const viewer = host && viewerOf(host, locals.account);
	if (!viewer) return NO_SUCH_FORUM();
	return json(await forums.snapshot(params.forum, viewer));
};
