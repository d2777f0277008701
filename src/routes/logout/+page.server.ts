import { redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { invalidateSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { disconnectSession, currentIo } from '$lib/server/realtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		if (locals.session) {
			await invalidateSession((await app()).db, locals.session.id);
			disconnectSession(currentIo(), locals.session.id, 'You signed out.');
		}
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login');
	}
};
