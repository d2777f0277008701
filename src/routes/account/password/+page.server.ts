import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { app } from '$lib/server/app';
import { changePassword } from '$lib/server/auth/account';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

/** The forum to go back to (`?forum=wtpf-26`), if the link came from one. */
function forumOf(url: URL): string | null {
	const forum = url.searchParams.get('forum');
	return forum && /^[a-z0-9-]{1,64}$/.test(forum) ? forum : null;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.account) {
		redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return { email: locals.account.email, forum: forumOf(url) };
};

export const actions: Actions = {
	/** The same as POST /api/auth/password; this device stays signed in with a fresh session. */
	default: async ({ locals, request, cookies, getClientAddress, url }) => {
		if (!locals.account) redirect(303, '/login');
		const form = await request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('next') ?? '');
		if (next !== String(form.get('repeat') ?? '')) {
			return fail(400, { message: m.passwords_differ() });
		}
		const result = await changePassword(
			(await app()).db,
			locals.account,
			current,
			next,
			getClientAddress()
		);
		if (!result.ok) return fail(result.status, { message: result.message });
		cookies.set(
			SESSION_COOKIE,
			result.token,
			sessionCookieOptions(result.session.expiresAt, url.protocol === 'https:')
		);
		return { changed: true };
	}
};
