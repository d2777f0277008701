import { error } from '@sveltejs/kit';
import { forumPage } from '$lib/server/forum-page';
import type { PageServerLoad } from './$types';

/** One draft opinion, as this participant may see the forum (the same snapshot as everywhere). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { account, snapshot } = await forumPage(locals.account, params.forum, url);
	const number = /^\d{1,2}$/.test(params.number) ? Number(params.number) : NaN;
	if (!snapshot.state.opinions.some((o) => o.number === number)) {
		error(404, {
			message: `There is no draft opinion ${params.number}. The list of draft opinions is on the forum's opinions page.`
		});
	}
	return {
		snapshot,
		number,
		you: { participantId: account.id, name: account.name }
	};
};
