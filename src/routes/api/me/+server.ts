import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { NOT_SIGNED_IN } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Who you are, and the forums you take part in with your place in each. */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.account) return NOT_SIGNED_IN();
	const { forums } = await app();
	const participation = [];
	for (const slug of forums.slugs()) {
		const host = await forums.host(slug);
		const participant = host?.full.participants[locals.account.id];
		if (!host || !participant) continue;
		const delegation = participant.delegationId
			? host.full.delegations[participant.delegationId]
			: null;
		participation.push({ forum: slug, participant, delegation });
	}
	return json({ account: locals.account, forums: participation });
};
