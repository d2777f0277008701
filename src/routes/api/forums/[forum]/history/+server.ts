import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { apiError, NO_SUCH_FORUM, NOT_SIGNED_IN } from '$lib/server/http';
import { forumAt, historyPoint, isSecretariat } from '$lib/server/outcome.service';
import type { RequestHandler } from './$types';

/** The forum as it stood after event `seq`, or at time `at`: secretariat only. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.account) return NOT_SIGNED_IN();
	const point = historyPoint(url.searchParams);
	if (typeof point === 'string') return apiError(400, 'malformed_request', point);
	const { forums } = await app();
	const secretariat = await isSecretariat(forums, params.forum, locals.account);
	if (secretariat === undefined) return NO_SUCH_FORUM();
	if (!secretariat) {
		return apiError(
			403,
			'not_allowed',
			"Only the secretariat may look back in the forum's history."
		);
	}
	const view = await forumAt(
		forums,
		params.forum,
		{ kind: 'participant', participantId: locals.account.id },
		point
	);
	if (!view) return NO_SUCH_FORUM();
	return json(view);
};
