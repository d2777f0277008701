import { localizeHref } from '$lib/paraglide/runtime';
import { redirect } from '@sveltejs/kit';
import { preferredLocale } from '$lib/server/locale';
import type { PageServerLoad } from './$types';

/** The home page sends you to your forum, or to sign in, in the language you last chose. */
export const load: PageServerLoad = async ({ locals, cookies }) => {
	const locale = preferredLocale(cookies);
	if (!locals.account) redirect(303, localizeHref('/login', { locale }));
	redirect(303, localizeHref('/forums/wtpf-26', { locale }));
};
