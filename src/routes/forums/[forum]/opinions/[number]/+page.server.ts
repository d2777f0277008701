import { error, redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { viewerOf } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/** One draft opinion, as this participant may see the forum (the same snapshot as everywhere). */
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
	const number = /^\d{1,2}$/.test(params.number) ? Number(params.number) : NaN;
	if (!snapshot.state.opinions.some((o) => o.number === number)) {
		error(404, {
			message: `There is no draft opinion ${params.number}. The list of draft opinions is on the forum's opinions page.`
		});
	}
	return {
		snapshot,
		number,
		you: { participantId: locals.account.id, name: locals.account.name }
	};
};
