import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { changePassword } from '$lib/server/auth/account';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/session';
import { apiError, NOT_SIGNED_IN } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * `{ currentPassword, newPassword }`: every session of the account ends and its sockets are
 * closed; this device gets a fresh session (a new cookie) and stays signed in.
 */
export const POST: RequestHandler = async ({ locals, request, cookies, getClientAddress, url }) => {
	if (!locals.account) return NOT_SIGNED_IN();
	const body = await request.json().catch(() => null);
	if (typeof body?.currentPassword !== 'string' || typeof body?.newPassword !== 'string') {
		return apiError(
			400,
			'malformed_request',
			'Send { "currentPassword": "…", "newPassword": "…" } as JSON.'
		);
	}
	const result = await changePassword(
		(await app()).db,
		locals.account,
		body.currentPassword,
		body.newPassword,
		getClientAddress()
	);
	if (!result.ok) return apiError(result.status, result.code, result.message);
	cookies.set(
		SESSION_COOKIE,
		result.token,
		sessionCookieOptions(result.session.expiresAt, url.protocol === 'https:')
	);
	return json({ ok: true, expiresAt: result.session.expiresAt });
};
