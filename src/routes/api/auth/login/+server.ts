import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { login } from '$lib/server/auth/login';
import { SESSION_COOKIE, sessionCookieOptions } from '$lib/server/auth/session';
import { apiError } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies, getClientAddress, url }) => {
	const body = await request.json().catch(() => null);
	if (typeof body?.email !== 'string' || typeof body?.password !== 'string') {
		return apiError(400, 'malformed_request', 'Send { "email": "…", "password": "…" } as JSON.');
	}
	const result = await login((await app()).db, body.email, body.password, getClientAddress());
	if (!result.ok) return apiError(result.status, result.code, result.message);
	cookies.set(
		SESSION_COOKIE,
		result.token,
		sessionCookieOptions(result.session.expiresAt, url.protocol === 'https:')
	);
	return json({ account: result.account, expiresAt: result.session.expiresAt });
};
