import { error, redirect } from '@sveltejs/kit';
import { setParticipantsBeside } from '$lib/forum/participants-beside';
import { app } from '$lib/server/app';
import { viewerOf } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/** The forum as this participant may see it: the same snapshot the API and the socket give. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.account) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const { forums } = await app();
	const host = await forums.host(params.forum);
	const viewer = host && viewerOf(host, locals.account);
	if (!viewer)
		error(404, {
			code: 'no_such_forum',
			message: 'There is no such forum, or you are not registered for it.'
		});
	const snapshot = (await forums.snapshot(params.forum, viewer))!;
	// the participants go beside the HTML, not in it (participants-beside.ts); +page.ts joins them
	return {
		...setParticipantsBeside(snapshot),
		you: { participantId: locals.account.id, name: locals.account.name }
	};
};
