import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { invalidateSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { NOT_SIGNED_IN } from '$lib/server/http';
import { currentIo, disconnectSession } from '$lib/server/realtime';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies }) => {
	if (!locals.session) return NOT_SIGNED_IN();
	await invalidateSession((await app()).db, locals.session.id);
	disconnectSession(currentIo(), locals.session.id, 'You signed out.');
	cookies.delete(SESSION_COOKIE, { path: '/' });
	return json({ ok: true });
};
