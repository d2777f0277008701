import { error, redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { DISPLAY_COOKIE, displayCookieOptions, validateDisplayKey } from '$lib/server/auth/display';
import type { PageServerLoad } from './$types';

/**
 * The room display: opened once with `?key=…` from a display link, which is kept in a cookie
 * and taken out of the address bar. Public content only: the snapshot is the display's view.
 */
export const load: PageServerLoad = async ({ params, url, cookies }) => {
	const { db, forums } = await app();
	const fromLink = url.searchParams.get('key');
	if (fromLink) {
		const link = await validateDisplayKey(db, fromLink);
		if (!link || link.forum !== params.forum) {
			error(403, { message: 'This display link is not valid. Ask the secretariat for a new one.' });
		}
		cookies.set(DISPLAY_COOKIE, fromLink, displayCookieOptions(url.protocol === 'https:'));
		redirect(303, url.pathname);
	}
	const key = cookies.get(DISPLAY_COOKIE);
	const link = key ? await validateDisplayKey(db, key) : null;
	if (!link || link.forum !== params.forum) {
		error(403, {
			message: 'This screen shows the forum from a display link. Ask the secretariat for one.'
		});
	}
	const snapshot = await forums.snapshot(params.forum, { kind: 'display' });
	if (!snapshot) error(404, { message: 'There is no such forum.' });
	return { snapshot };
};
