import { SnapshotBeside } from '$lib/forum/snapshot-beside';
import { forumPage } from '$lib/server/forum-page';
import type { PageServerLoad } from './$types';

/** The forum as this participant may see it: the same snapshot the API and the socket give. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { account, snapshot } = await forumPage(locals.account, params.forum, url);
	// the snapshot goes beside the HTML, not in it (snapshot-beside.ts); +page.ts fetches it
	return {
		snapshot: new SnapshotBeside(params.forum, snapshot),
		you: { participantId: account.id, name: account.name }
	};
};
