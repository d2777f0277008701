import { json } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { createDisplayLink } from '$lib/server/auth/display';
import { apiError, NO_SUCH_FORUM, NOT_SIGNED_IN, viewerOf } from '$lib/server/http';
import { rolesOf } from '$lib/forum/roles';
import type { RequestHandler } from './$types';

/** The secretariat creates a link for a room display: `{ label? }` → `{ url }`. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	if (!locals.account) return NOT_SIGNED_IN();
	const { db, forums } = await app();
	const host = await forums.host(params.forum);
	const viewer = host && viewerOf(host, locals.account);
	if (!host || !viewer) return NO_SUCH_FORUM();
	const roles = rolesOf(host.full, { kind: 'participant', participantId: locals.account.id });
	if (!roles.has('secretariat')) {
		return apiError(403, 'not_allowed', 'Only the secretariat creates display links.');
	}
	const body = await request.json().catch(() => ({}));
	const label =
		typeof body?.label === 'string' && body.label.trim()
			? body.label.trim().slice(0, 80)
			: 'Room display';
	const { key } = await createDisplayLink(db, params.forum, label, locals.account.id);
	return json({ label, url: `${url.origin}/display/${params.forum}?key=${key}` });
};
