import { m } from '$lib/paraglide/messages';
import { deLocalizeHref, getLocale, localizeHref } from '$lib/paraglide/runtime';
import { fail, redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { preferredLocale } from '$lib/server/locale';
import { login } from '$lib/server/auth/login';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

/** The server's English sentence, or its translation for the reader (the locale of this request). */
const REFUSALS: Record<string, () => string> = {
	missing_credentials: m.login_missing_credentials,
	too_many_attempts: m.login_too_many_attempts,
	bad_credentials: m.login_bad_credentials
};

export const load: PageServerLoad = async ({ locals, cookies }) => {
	if (locals.account)
		redirect(303, localizeHref('/forums/wtpf-26', { locale: preferredLocale(cookies) }));
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '');
		const password = String(form.get('password') ?? '');
		const result = await login((await app()).db, email, password, getClientAddress());
		if (!result.ok) {
			const translated = getLocale() === 'en' ? undefined : REFUSALS[result.code];
			return fail(result.status, { email, message: translated ? translated() : result.message });
		}
		cookies.set(
			SESSION_COOKIE,
			result.token,
			sessionCookieOptions(result.session.expiresAt, url.protocol === 'https:')
		);
		const next = url.searchParams.get('next');
		redirect(
			303,
			// The page asked for, in the language of this sign-in (whatever its own prefix was).
			next?.startsWith('/') && !next.startsWith('//')
				? localizeHref(deLocalizeHref(next))
				: localizeHref('/forums/wtpf-26')
		);
	}
};
