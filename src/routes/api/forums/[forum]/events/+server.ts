import { json } from '@sveltejs/kit';
import { apiError, apiViewer, NO_SUCH_FORUM, NOT_SIGNED_IN } from '$lib/server/http';
import type { RequestHandler } from './$types';

const MAX_LIMIT = 5000;

/** The events the caller may see after `after` (default 0), at most `limit` (default 1000). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.account) return NOT_SIGNED_IN();
	const after = Number(url.searchParams.get('after') ?? 0);
	const limit = Number(url.searchParams.get('limit') ?? 1000);
	if (!Number.isSafeInteger(after) || after < 0) {
		return apiError(
			400,
			'malformed_request',
			'`after` is a sequence number: a whole number, 0 or more.'
		);
	}
	if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
		return apiError(
			400,
			'malformed_request',
			`\`limit\` is a whole number from 1 to ${MAX_LIMIT}.`
		);
	}
	const caller = await apiViewer(locals.account, params.forum);
	if (caller instanceof Response) return caller;
	const { forums } = caller.app;
	const { viewer } = caller;
	const page = await forums.eventsAfter(params.forum, viewer, after, limit);
	if (!page) return NO_SUCH_FORUM();
	return json({ events: page.events, head: page.head, more: page.truncated });
};
