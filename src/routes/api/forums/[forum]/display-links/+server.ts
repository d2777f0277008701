import { json } from '@sveltejs/kit';
import { createDisplayLink } from '$lib/server/auth/display';
import { apiError, apiViewer } from '$lib/server/http';
import { rolesOf } from '$lib/forum/roles';
import type { RequestHandler } from './$types';

/** The secretariat creates a link for a room display: `{ label? }` → `{ url }`. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const caller = await apiViewer(locals.account, params.forum);
	if (caller instanceof Response) return caller;
	const { app, account, host } = caller;
	const roles = rolesOf(host.full, { kind: 'participant', participantId: account.id });
	if (!roles.has('secretariat')) {
		return apiError(403, 'not_allowed', 'Only the secretariat creates display links.');
	}
	const body = await request.json().catch(() => ({}));
	const label =
		typeof body?.label === 'string' && body.label.trim()
			? body.label.trim().slice(0, 80)
			: 'Room display';
	const { key } = await createDisplayLink(app.db, params.forum, label, account.id);
	return json({ label, url: `${url.origin}/display/${params.forum}?key=${key}` });
};
