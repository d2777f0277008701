import { redirect } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import { preferredLocale } from '$lib/server/locale';
import { app } from '$lib/server/app';
import { signOutEverywhere } from '$lib/server/auth/account';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	/** Signs the account out on every device, as POST /api/auth/logout does. */
	default: async ({ locals, cookies, getClientAddress }) => {
		if (locals.session && locals.account) {
			await signOutEverywhere((await app()).db, locals.account, getClientAddress());
		}
		cookies.delete(SESSION_COOKIE, { path: '/' });
		// The sign-in page in the language last used (its address says no language of itself).
		redirect(303, localizeHref('/login', { locale: preferredLocale(cookies) }));
	}
};
