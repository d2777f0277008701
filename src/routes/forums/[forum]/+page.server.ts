import { error, redirect } from '@sveltejs/kit';
import { SnapshotBeside } from '$lib/forum/snapshot-beside';
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
	// the snapshot goes beside the HTML, not in it (snapshot-beside.ts); +page.ts fetches it
	return {
		snapshot: new SnapshotBeside(params.forum, snapshot),
		you: { participantId: locals.account.id, name: locals.account.name }
	};
};
