import { localizeHref } from '$lib/paraglide/runtime';
import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** The home page sends you to your forum, or to sign in. */
export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.account) redirect(303, localizeHref('/login'));
	redirect(303, localizeHref('/forums/wtpf-26'));
};
