import { forumPage } from '$lib/server/forum-page';
import type { PageServerLoad } from './$types';

/**
 * The draft opinions, as this participant may see the forum: the same snapshot the forum page,
 * the API and the socket give.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { account, snapshot } = await forumPage(locals.account, params.forum, url);
	return { snapshot, you: { participantId: account.id, name: account.name } };
};
