import { localizeHref } from '$lib/paraglide/runtime';
import { fail, redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { login } from '$lib/server/auth/login';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.account) redirect(303, localizeHref('/forums/wtpf-26'));
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '');
		const password = String(form.get('password') ?? '');
		const result = await login((await app()).db, email, password, getClientAddress());
		if (!result.ok) return fail(result.status, { email, message: result.message });
		cookies.set(
			SESSION_COOKIE,
			result.token,
			sessionCookieOptions(result.session.expiresAt, url.protocol === 'https:')
		);
		const next = url.searchParams.get('next');
		redirect(
			303,
			next?.startsWith('/') && !next.startsWith('//') ? next : localizeHref('/forums/wtpf-26')
		);
	}
};
