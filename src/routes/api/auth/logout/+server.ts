import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { signOutEverywhere } from '$lib/server/auth/account';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { NOT_SIGNED_IN } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Signs the account out on every device (issue 9); its sockets get `closing` and are closed. */
export const POST: RequestHandler = async ({ locals, cookies, getClientAddress }) => {
	if (!locals.session || !locals.account) return NOT_SIGNED_IN();
	await signOutEverywhere((await app()).db, locals.account, getClientAddress());
	cookies.delete(SESSION_COOKIE, { path: '/' });
	return json({ ok: true });
};
